package io.tidewater.skein.interceptor

import io.tidewater.skein.Request
import io.tidewater.skein.Response
import java.io.IOException
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

data class RetryPolicy(
    val maxAttempts: Int = 3,
    val baseBackoff: Duration = 200.milliseconds,
    val maxDelay: Duration = 60.seconds,
    val retryOn: Set<Int> = setOf(429, 503),
) {
    companion object {
        val DEFAULT = RetryPolicy()
        val NONE = RetryPolicy(maxAttempts = 1)
    }
}

/** Retries idempotent requests on connection failures and on [RetryPolicy.retryOn] status codes. */
class RetryInterceptor(
    private val policy: RetryPolicy,
    private val sleeper: (Duration) -> Unit = { Thread.sleep(it.inWholeMilliseconds) },
) : Interceptor {

    override fun intercept(chain: Interceptor.Chain): Response {
        val request = chain.request
        var attempt = 1
        while (true) {
            val response = try {
                chain.proceed(request)
            } catch (e: IOException) {
                if (!isRetryable(request) || attempt >= policy.maxAttempts) throw e
                sleeper(backoff(attempt))
                attempt++
                continue
            }
            if (response.code !in policy.retryOn || !isRetryable(request) || attempt >= policy.maxAttempts) {
                return response
            }
            val delay = retryDelay(response) ?: backoff(attempt)
            response.close()
            sleeper(minOf(delay, policy.maxDelay))
            attempt++
        }
    }

    /** Delay requested by the server through `Retry-After`, or null if there is none. */
    internal fun retryDelay(response: Response): Duration? {
        val value = response.header("Retry-After") ?: return null
        return value.trim().toLong().seconds
    }

    private fun backoff(attempt: Int): Duration {
        val exp = policy.baseBackoff * (1 shl (attempt - 1)).toDouble()
        return exp + Random.nextLong(0, policy.baseBackoff.inWholeMilliseconds + 1).milliseconds
    }

    private fun isRetryable(request: Request): Boolean =
        request.method in setOf("GET", "HEAD", "OPTIONS", "PUT", "DELETE") && request.body?.isOneShot() != true
}
