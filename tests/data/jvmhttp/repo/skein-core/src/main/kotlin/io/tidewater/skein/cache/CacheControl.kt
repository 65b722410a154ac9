package io.tidewater.skein.cache

import io.tidewater.skein.Headers

/** Parsed `Cache-Control` directives of a request or response. */
data class CacheControl(
    val noCache: Boolean = false,
    val noStore: Boolean = false,
    val maxAgeSeconds: Int = -1,
    val sMaxAgeSeconds: Int = -1,
    val isPrivate: Boolean = false,
    val isPublic: Boolean = false,
    val mustRevalidate: Boolean = false,
    val immutable: Boolean = false,
) {
    companion object {
        val FORCE_NETWORK = CacheControl(noCache = true)

        fun parse(headers: Headers): CacheControl {
            var result = CacheControl()
            for (value in headers.values("Cache-Control")) {
                for (part in value.split(',')) {
                    val directive = part.trim()
                    if (directive.isEmpty()) continue
                    val eq = directive.indexOf('=')
                    val name = (if (eq == -1) directive else directive.substring(0, eq)).trim().lowercase()
                    val arg = if (eq == -1) null else directive.substring(eq + 1).trim()
                    result = when (name) {
                        "no-cache" -> result.copy(noCache = true)
                        "no-store" -> result.copy(noStore = true)
                        "max-age" -> result.copy(maxAgeSeconds = arg!!.toInt())
                        "s-maxage" -> result.copy(sMaxAgeSeconds = arg!!.toInt())
                        "private" -> result.copy(isPrivate = true)
                        "public" -> result.copy(isPublic = true)
                        "must-revalidate" -> result.copy(mustRevalidate = true)
                        "immutable" -> result.copy(immutable = true)
                        else -> result
                    }
                }
            }
            return result
        }
    }
}
