package io.tidewater.skein

import kotlin.test.Test
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class CertificatePinnerTest {
    private val hash = "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

    @Test fun exactPatternMatchesOnlyThatHost() {
        val pin = CertificatePinner.Builder().add("api.example.com", hash).build().pins.single()
        assertTrue(pin.matches("api.example.com"))
        assertFalse(pin.matches("www.api.example.com"))
    }

    @Test fun singleWildcardMatchesOneLabel() {
        val pin = CertificatePinner.Builder().add("*.example.com", hash).build().pins.single()
        assertTrue(pin.matches("api.example.com"))
        assertFalse(pin.matches("example.com"))
    }

    @Test fun doubleWildcardMatchesAnyDepth() {
        val pin = CertificatePinner.Builder().add("**.example.com", hash).build().pins.single()
        assertTrue(pin.matches("example.com"))
        assertTrue(pin.matches("a.b.example.com"))
    }
}
