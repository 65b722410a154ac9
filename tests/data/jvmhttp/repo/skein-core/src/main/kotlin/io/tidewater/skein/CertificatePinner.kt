package io.tidewater.skein

import java.security.MessageDigest
import java.security.cert.X509Certificate
import java.util.Base64
import javax.net.ssl.SSLPeerUnverifiedException

/**
 * Constrains which certificates are trusted for a host.
 *
 * Patterns: `api.example.com` (exact), `*.example.com` (exactly one extra label),
 * `**.example.com` (any number of extra labels, including none).
 */
class CertificatePinner private constructor(val pins: Set<Pin>) {

    fun check(hostname: String, peerCertificates: List<X509Certificate>) {
        val matching = findMatchingPins(hostname)
        if (matching.isEmpty()) return
        for (cert in peerCertificates) {
            val hash = sha256(cert)
            if (matching.any { it.hash == hash }) return
        }
        val message = buildString {
            append("Pin mismatch for host ").append(hostname)
            append("\n  Presented chain:")
            for (cert in peerCertificates) {
                append("\n    sha256/").append(sha256(cert)).append(": ").append(cert.subjectX500Principal.name)
            }
            append("\n  Expected one of (pins for ").append(hostname).append(":")
            for (pin in matching) append("\n    sha256/").append(pin.hash)
        }
        throw SSLPeerUnverifiedException(message)
    }

    fun findMatchingPins(hostname: String): List<Pin> = pins.filter { it.matches(hostname) }

    data class Pin(val pattern: String, val hash: String) {
        fun matches(hostname: String): Boolean = when {
            pattern.startsWith("**.") -> {
                val suffix = pattern.substring(3)
                hostname == suffix || hostname.endsWith(".$suffix")
            }
            pattern.startsWith("*.") -> {
                val suffix = pattern.substring(2)
                hostname.endsWith(".$suffix")
            }
            else -> hostname == pattern
        }
    }

    class Builder {
        private val pins = mutableSetOf<Pin>()

        fun add(pattern: String, vararg pins: String) = apply {
            for (p in pins) {
                require(p.startsWith("sha256/")) { "pins must start with 'sha256/': $p" }
                this.pins += Pin(pattern.lowercase(), p.removePrefix("sha256/"))
            }
        }

        fun build() = CertificatePinner(pins.toSet())
    }

    companion object {
        val DEFAULT = Builder().build()

        fun sha256(cert: X509Certificate): String =
            Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.publicKey.encoded))
    }
}
