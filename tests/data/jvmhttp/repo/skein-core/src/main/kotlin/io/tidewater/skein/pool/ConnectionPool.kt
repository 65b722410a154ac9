package io.tidewater.skein.pool

import java.util.ArrayDeque
import java.util.concurrent.TimeUnit
import kotlin.time.Duration
import kotlin.time.Duration.Companion.minutes

/**
 * Keeps idle connections for reuse. A connection idle for longer than [keepAlive], or beyond
 * [maxIdle] idle connections, is closed by [cleanup].
 */
class ConnectionPool(
    val maxIdle: Int = 5,
    val keepAlive: Duration = 5.minutes,
) {
    private val keepAliveNanos = keepAlive.inWholeNanoseconds
    private val connections = ArrayDeque<PooledConnection>()
    private val lock = Any()

    init {
        require(maxIdle >= 0) { "maxIdle < 0: $maxIdle" }
    }

    fun connectionCount(): Int = synchronized(lock) { connections.size }

    fun idleConnectionCount(): Int = synchronized(lock) { connections.count { it.inUse == 0 } }

    internal fun put(connection: PooledConnection) {
        synchronized(lock) { connections.add(connection) }
    }

    /** Called when a call is done with [connection]. Returns true if it was closed. */
    internal fun release(connection: PooledConnection, now: Long = System.nanoTime()): Boolean {
        synchronized(lock) {
            connection.inUse--
            connection.idleAtNanos = now
            if (connection.noNewExchanges || maxIdle == 0) {
                connections.remove(connection)
                connection.close()
                return true
            }
            return false
        }
    }

    /**
     * Evicts connections that were idle too long or exceed [maxIdle]. Returns the nanos until the
     * next run, or -1 if the pool is empty.
     */
    internal fun cleanup(now: Long): Long {
        val toClose = mutableListOf<PooledConnection>()
        var nextRun = -1L
        synchronized(lock) {
            var idleCount = 0
            var longestIdle: PooledConnection? = null
            var longestIdleNanos = Long.MIN_VALUE
            for (c in connections) {
                if (c.inUse > 0) continue
                idleCount++
                val idleNanos = now - c.idleAtNanos
                if (idleNanos > longestIdleNanos) {
                    longestIdleNanos = idleNanos
                    longestIdle = c
                }
            }
            when {
                longestIdle != null && keepAliveNanos > 0 && longestIdleNanos >= keepAliveNanos -> {
                    connections.remove(longestIdle)
                    toClose += longestIdle
                    nextRun = 0L
                }
                longestIdle != null && idleCount > maxIdle -> {
                    connections.remove(longestIdle)
                    toClose += longestIdle
                    nextRun = 0L
                }
                idleCount > 0 && keepAliveNanos > 0 -> nextRun = keepAliveNanos - longestIdleNanos
                connections.isNotEmpty() -> nextRun = TimeUnit.MINUTES.toNanos(5)
            }
        }
        toClose.forEach { it.close() }
        return nextRun
    }

    /** Closes every idle connection. */
    fun evictAll() {
        for (c in connections) {
            if (c.inUse == 0) {
                synchronized(lock) { connections.remove(c) }
                c.close()
            }
        }
    }
}

class PooledConnection(val host: String, val port: Int, private val socket: java.net.Socket) {
    @Volatile internal var inUse = 0
    @Volatile internal var idleAtNanos = System.nanoTime()
    @Volatile internal var noNewExchanges = false

    fun close() = socket.close()
}
