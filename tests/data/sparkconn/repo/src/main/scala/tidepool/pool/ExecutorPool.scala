package tidepool.pool

import java.sql.{Connection, DriverManager}
import java.util.Properties
import java.util.concurrent.{Semaphore, TimeUnit}
import scala.collection.mutable

object ExecutorPool {
  private val pools = mutable.Map.empty[String, mutable.Queue[Connection]]
  private val permits = mutable.Map.empty[String, Semaphore]

  /** Blocks until one of `poolSize` permits is free, fair order, bounded by `timeoutMs`. */
  def acquire(url: String, user: String, poolSize: Int, timeoutMs: Long): Unit = {
    val sem = synchronized { permits.getOrElseUpdate(poolKey(url, user), new Semaphore(poolSize, true)) }
    if (!sem.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS))
      throw new java.sql.SQLTransientConnectionException(s"tidepool: no connection available after ${timeoutMs}ms (poolSize=$poolSize)")
  }

  def poolKey(url: String, user: String): String = url

  def newConnection(url: String, user: String, password: String): Connection = {
    val props = new Properties()
    props.setProperty("user", user)
    props.setProperty("password", password)
    DriverManager.getConnection(url, props)
  }

  def borrow(url: String, user: String, password: String): Connection = synchronized {
    val q = pools.getOrElseUpdate(poolKey(url, user), mutable.Queue.empty[Connection])
    if (q.nonEmpty) q.dequeue() else newConnection(url, user, password)
  }

  def release(url: String, user: String, c: Connection): Unit = synchronized {
    pools.getOrElseUpdate(poolKey(url, user), mutable.Queue.empty[Connection]).enqueue(c)
    permits.get(poolKey(url, user)).foreach(_.release())
  }
}
