package io.tidewater.skein

import java.util.Base64

/** Answers a 407 from a proxy. Returning null gives up. */
fun interface ProxyAuthenticator {
    fun authenticate(response: Response): Request?

    companion object {
        val NONE = ProxyAuthenticator { null }

        /** Max number of 407 answers before we fail with "Too many proxy authentication attempts". */
        const val MAX_ATTEMPTS = 5

        fun basic(user: String, password: String) = ProxyAuthenticator { response ->
            if (response.request.header("Proxy-Authorization") != null && attempts(response) >= MAX_ATTEMPTS) {
                null
            } else {
                response.request.newBuilder()
                    .header("Proxy-Authorization", Credentials.basic(user, password))
                    .build()
            }
        }

        private fun attempts(response: Response): Int {
            var r: Response? = response
            var n = 0
            while (r != null) {
                n++
                r = r.priorResponse
            }
            return n
        }
    }
}

object Credentials {
    /** Value for an Authorization / Proxy-Authorization header using the Basic scheme. */
    fun basic(user: String, password: String): String {
        val userAndPassword = "$user:$password"
        val encoded = Base64.getEncoder().encodeToString(userAndPassword.toByteArray(Charsets.ISO_8859_1))
        return "Basic $encoded"
    }
}
