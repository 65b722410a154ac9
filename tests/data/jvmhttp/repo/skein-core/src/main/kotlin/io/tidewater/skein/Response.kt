package io.tidewater.skein

import okio.Buffer
import okio.BufferedSource

class Response(
    val request: Request,
    val code: Int,
    val message: String,
    val headers: Headers,
    val body: ResponseBody,
    val priorResponse: Response? = null,
) : java.io.Closeable {
    val isSuccessful: Boolean get() = code in 200..299
    val isRedirect: Boolean get() = code in setOf(300, 301, 302, 303, 307, 308)

    fun header(name: String): String? = headers[name]

    override fun close() = body.close()
}

abstract class ResponseBody : java.io.Closeable {
    abstract fun contentLength(): Long
    abstract fun source(): BufferedSource

    fun bytes(): ByteArray = source().use { it.readByteArray() }
    fun string(): String = source().use { it.readUtf8() }

    override fun close() = source().close()

    companion object {
        /** Used for HEAD, 204 and 304 responses. */
        val EMPTY: ResponseBody = object : ResponseBody() {
            override fun contentLength() = 0L
            override fun source(): BufferedSource = Buffer()
        }
    }
}
