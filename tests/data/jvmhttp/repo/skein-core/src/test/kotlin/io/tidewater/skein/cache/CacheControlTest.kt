package io.tidewater.skein.cache

import io.tidewater.skein.Headers
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class CacheControlTest {
    @Test fun parsesCommonDirectives() {
        val cc = CacheControl.parse(Headers.of("Cache-Control", "no-cache, max-age=60, public"))
        assertTrue(cc.noCache)
        assertTrue(cc.isPublic)
        assertEquals(60, cc.maxAgeSeconds)
    }

    @Test fun directivesAreCaseInsensitive() {
        val cc = CacheControl.parse(Headers.of("cache-control", "No-Store, Must-Revalidate"))
        assertTrue(cc.noStore)
        assertTrue(cc.mustRevalidate)
    }

    @Test fun multipleHeadersAreMerged() {
        val cc = CacheControl.parse(Headers.of("Cache-Control", "private", "Cache-Control", "immutable"))
        assertTrue(cc.isPrivate)
        assertTrue(cc.immutable)
        assertFalse(cc.noCache)
    }

    @Test fun unknownDirectivesAreIgnored() {
        val cc = CacheControl.parse(Headers.of("Cache-Control", "stale-while-revalidate=30, max-age=5"))
        assertEquals(5, cc.maxAgeSeconds)
    }
}
