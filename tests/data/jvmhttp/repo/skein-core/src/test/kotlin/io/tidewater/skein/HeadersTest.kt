package io.tidewater.skein

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class HeadersTest {
    @Test fun lookupIsCaseInsensitive() {
        val h = Headers.of("Content-Type", "text/plain")
        assertEquals("text/plain", h["content-type"])
    }

    @Test fun rejectsNewlineInValue() {
        val e = assertFailsWith<IllegalArgumentException> {
            Headers.Builder().add("Authorization", "Bearer abc\n")
        }
        assertEquals("Illegal character 0x0a at index 10 in Authorization value: Bearer abc\n", e.message)
    }

    @Test fun rejectsColonInName() {
        assertFailsWith<IllegalArgumentException> { Headers.Builder().add("X:Y", "1") }
    }

    @Test fun acceptsObsText() {
        val h = Headers.Builder().add("X-Name", "J\u00fcrgen").build()
        assertEquals("J\u00fcrgen", h["X-Name"])
    }
}
