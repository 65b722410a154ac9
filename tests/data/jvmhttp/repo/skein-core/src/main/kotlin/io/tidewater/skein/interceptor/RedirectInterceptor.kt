package io.tidewater.skein.interceptor

import io.tidewater.skein.Request
import io.tidewater.skein.Response
import io.tidewater.skein.SkeinClient
import java.net.ProtocolException

/** Follows 3xx redirects, at most [MAX_FOLLOW_UPS] times. */
class RedirectInterceptor(private val client: SkeinClient) : Interceptor {

    override fun intercept(chain: Interceptor.Chain): Response {
        var request = chain.request
        var priorResponse: Response? = null
        var followUpCount = 0
        while (true) {
            val response = chain.proceed(request)
            val setCookies = response.headers.values("Set-Cookie")
            if (setCookies.isNotEmpty()) client.cookieJar.saveFromResponse(request.url, setCookies)

            val followUp = followUpRequest(response) ?: return response
            response.close()
            if (++followUpCount > MAX_FOLLOW_UPS) {
                throw ProtocolException("Redirect limit exceeded after $followUpCount hops")
            }
            // keep the caller's tags on the follow-up request
            request = followUp.newBuilder().apply {
                for ((type, tag) in request.tags) {
                    @Suppress("UNCHECKED_CAST")
                    tag(type as Class<Any>, tag)
                }
            }.build()
            priorResponse = response
        }
    }

    /** Returns the request to send for a redirect [response], or null if it must not be followed. */
    internal fun followUpRequest(response: Response): Request? {
        if (!client.followRedirects) return null
        val location = response.header("Location") ?: return null
        val url = response.request.url.resolve(location)
        // never downgrade https -> http
        if (response.request.url.scheme == "https" && url.scheme != "https") return null

        val builder = response.request.newBuilder().url(url)
        when (response.code) {
            307 -> {
                // keep method and body
            }
            300, 301, 302, 303, 308 -> {
                if (response.request.method != "HEAD") {
                    builder.method("GET", null)
                    builder.removeHeader("Content-Type")
                    builder.removeHeader("Content-Length")
                }
            }
            else -> return null
        }
        if (url.host != response.request.url.host) builder.removeHeader("Authorization")
        return builder.build()
    }

    companion object {
        const val MAX_FOLLOW_UPS = 20
    }
}
