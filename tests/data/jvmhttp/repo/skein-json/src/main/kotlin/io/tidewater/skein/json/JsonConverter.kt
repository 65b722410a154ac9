package io.tidewater.skein.json

import io.tidewater.skein.ResponseBody
import kotlinx.serialization.KSerializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.serializer

/** Decodes a response body with kotlinx.serialization. */
class JsonConverter<T> internal constructor(
    private val serializer: KSerializer<T>,
    private val json: Json,
) {
    fun convert(body: ResponseBody): T {
        val text = body.string()
        return json.decodeFromString(serializer, text)
    }

    class Factory(val json: Json = DEFAULT_JSON) {
        inline fun <reified T> of(): JsonConverter<T> = create(serializer<T>())

        fun <T> create(serializer: KSerializer<T>): JsonConverter<T> = JsonConverter(serializer, json)
    }

    companion object {
        val DEFAULT_JSON = Json { ignoreUnknownKeys = false }

        inline fun <reified T> of(): JsonConverter<T> = Factory().of()
    }
}

fun <T> ResponseBody.decode(converter: JsonConverter<T>): T = converter.convert(this)
