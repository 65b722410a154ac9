package io.tidewater.skein.multipart

import io.tidewater.skein.Headers
import io.tidewater.skein.RequestBody
import okio.BufferedSink
import java.util.UUID

class MultipartBody private constructor(
    val boundary: String,
    val type: String,
    val parts: List<Part>,
) : RequestBody() {

    override fun contentType(): String = "$type; boundary=$boundary"

    override fun writeTo(sink: BufferedSink) {
        for (part in parts) {
            sink.writeUtf8("--").writeUtf8(boundary).writeUtf8("\r\n")
            for (i in 0 until part.headers.size) {
                sink.writeUtf8(part.headers.name(i)).writeUtf8(": ").writeUtf8(part.headers.value(i)).writeUtf8("\r\n")
            }
            part.body.contentType()?.let { sink.writeUtf8("Content-Type: ").writeUtf8(it).writeUtf8("\r\n") }
            sink.writeUtf8("\r\n")
            part.body.writeTo(sink)
            sink.writeUtf8("\r\n")
        }
        sink.writeUtf8("--").writeUtf8(boundary).writeUtf8("--\r\n")
    }

    class Part(val headers: Headers, val body: RequestBody) {
        companion object {
            fun formData(name: String, value: String): Part =
                formData(name, null, StringBody(value))

            /** Builds a part with a `Content-Disposition: form-data` header. */
            fun formData(name: String, filename: String?, body: RequestBody): Part {
                val disposition = buildString {
                    append("form-data; name=\"").append(name).append('"')
                    if (filename != null) append("; filename=\"").append(filename).append('"')
                }
                return Part(Headers.of("Content-Disposition", disposition), body)
            }
        }
    }

    class Builder(private val boundary: String = UUID.randomUUID().toString().replace("-", "")) {
        private var type = FORM
        private val parts = mutableListOf<Part>()

        fun setType(type: String) = apply { this.type = type }
        fun addPart(part: Part) = apply { parts += part }
        fun addFormDataPart(name: String, value: String) = apply { parts += Part.formData(name, value) }
        fun addFormDataPart(name: String, filename: String?, body: RequestBody) = apply { parts += Part.formData(name, filename, body) }

        fun build(): MultipartBody {
            check(parts.isNotEmpty()) { "Multipart body must have at least one part." }
            return MultipartBody(boundary, type, parts.toList())
        }
    }

    private class StringBody(val value: String) : RequestBody() {
        override fun contentType(): String? = null
        override fun contentLength(): Long = value.encodeToByteArray().size.toLong()
        override fun writeTo(sink: BufferedSink) { sink.writeUtf8(value) }
    }

    companion object {
        const val FORM = "multipart/form-data"
        const val MIXED = "multipart/mixed"
    }
}
