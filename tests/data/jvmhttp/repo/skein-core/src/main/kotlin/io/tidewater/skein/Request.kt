package io.tidewater.skein

import java.net.URI

class Request internal constructor(
    val url: URI,
    val method: String,
    val headers: Headers,
    val body: RequestBody?,
    val tags: Map<Class<*>, Any>,
) {
    fun header(name: String): String? = headers[name]

    inline fun <reified T : Any> tag(): T? = tags[T::class.java] as T?

    fun newBuilder(): Builder = Builder(this)

    class Builder() {
        internal var url: URI? = null
        internal var method: String = "GET"
        internal var headers: Headers.Builder = Headers.Builder()
        internal var body: RequestBody? = null
        internal val tags = LinkedHashMap<Class<*>, Any>()

        internal constructor(request: Request) : this() {
            url = request.url
            method = request.method
            headers = request.headers.newBuilder()
            body = request.body
            tags.putAll(request.tags)
        }

        fun url(url: String): Builder = apply { this.url = URI(url) }
        fun url(url: URI): Builder = apply { this.url = url }
        fun header(name: String, value: String): Builder = apply { headers.set(name, value) }
        fun addHeader(name: String, value: String): Builder = apply { headers.add(name, value) }
        fun removeHeader(name: String): Builder = apply { headers.removeAll(name) }
        fun get(): Builder = method("GET", null)
        fun post(body: RequestBody): Builder = method("POST", body)
        fun method(method: String, body: RequestBody?): Builder = apply {
            this.method = method
            this.body = body
        }
        fun <T : Any> tag(type: Class<in T>, tag: T?): Builder = apply {
            if (tag == null) tags.remove(type) else tags[type] = tag
        }

        fun build(): Request = Request(checkNotNull(url) { "url == null" }, method, headers.build(), body, tags.toMap())
    }
}

abstract class RequestBody {
    abstract fun contentType(): String?
    open fun contentLength(): Long = -1L
    abstract fun writeTo(sink: okio.BufferedSink)
    open fun isOneShot(): Boolean = false
}
