package tidepool.retry

import java.sql.SQLException

object Retry {
  val MaxExponent = 10

  def isTransient(e: SQLException): Boolean = Option(e.getSQLState).exists(_.startsWith("08"))

  def withRetries[T](maxRetries: Int, baseDelayMs: Long)(body: => T): T = {
    var attempt = 0
    while (true) {
      try return body
      catch {
        case e: SQLException if isTransient(e) && attempt < maxRetries =>
          Thread.sleep(baseDelayMs * (1L << math.min(attempt, MaxExponent))); attempt += 1
        case e: SQLException if isTransient(e) =>
          throw new RuntimeException(s"tidepool: giving up after $attempt attempts on ${e.getSQLState}", e)
      }
    }
    throw new IllegalStateException("unreachable")
  }
}
