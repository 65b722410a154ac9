package io.tidewater.skein

import io.tidewater.skein.cache.DiskCache
import io.tidewater.skein.interceptor.Interceptor
import io.tidewater.skein.interceptor.RetryPolicy
import io.tidewater.skein.pool.ConnectionPool
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

class SkeinClient internal constructor(builder: Builder) {
    val connectionPool: ConnectionPool = builder.connectionPool
    val interceptors: List<Interceptor> = builder.interceptors.toList()
    val networkInterceptors: List<Interceptor> = builder.networkInterceptors.toList()
    val cache: DiskCache? = builder.cache
    val retryPolicy: RetryPolicy = builder.retryPolicy
    val cookieJar: CookieJar = builder.cookieJar
    val proxyAuthenticator: ProxyAuthenticator = builder.proxyAuthenticator
    val certificatePinner: CertificatePinner = builder.certificatePinner
    val connectTimeoutMillis: Long = builder.connectTimeout.inWholeMilliseconds
    val readTimeoutMillis: Long = builder.readTimeout.inWholeMilliseconds
    val callTimeoutMillis: Long = builder.callTimeout.inWholeMilliseconds
    val followRedirects: Boolean = builder.followRedirects

    constructor() : this(Builder())

    fun newBuilder(): Builder = Builder(this)

    class Builder() {
        internal var connectionPool = ConnectionPool()
        internal val interceptors = mutableListOf<Interceptor>()
        internal val networkInterceptors = mutableListOf<Interceptor>()
        internal var cache: DiskCache? = null
        internal var retryPolicy = RetryPolicy.DEFAULT
        internal var cookieJar: CookieJar = CookieJar.NO_COOKIES
        internal var proxyAuthenticator: ProxyAuthenticator = ProxyAuthenticator.NONE
        internal var certificatePinner = CertificatePinner.DEFAULT
        internal var connectTimeout: Duration = 10.seconds
        internal var readTimeout: Duration = 10.seconds
        internal var callTimeout: Duration = Duration.ZERO
        internal var followRedirects = true

        internal constructor(client: SkeinClient) : this() {
            connectionPool = client.connectionPool
            interceptors += client.interceptors
            networkInterceptors += client.networkInterceptors
            cache = client.cache
            retryPolicy = client.retryPolicy
            cookieJar = client.cookieJar
            proxyAuthenticator = client.proxyAuthenticator
            certificatePinner = client.certificatePinner
        }

        fun connectionPool(pool: ConnectionPool) = apply { connectionPool = pool }
        fun addInterceptor(i: Interceptor) = apply { interceptors += i }
        fun addNetworkInterceptor(i: Interceptor) = apply { networkInterceptors += i }
        fun cache(cache: DiskCache?) = apply { this.cache = cache }
        fun retryPolicy(policy: RetryPolicy) = apply { retryPolicy = policy }
        fun cookieJar(jar: CookieJar) = apply { cookieJar = jar }
        fun proxyAuthenticator(a: ProxyAuthenticator) = apply { proxyAuthenticator = a }
        fun certificatePinner(p: CertificatePinner) = apply { certificatePinner = p }
        fun followRedirects(follow: Boolean) = apply { followRedirects = follow }

        fun connectTimeout(timeout: Duration) = apply {
            require(!timeout.isNegative()) { "connectTimeout < 0" }
            connectTimeout = timeout
        }

        fun readTimeout(timeout: Duration) = apply {
            require(!timeout.isNegative()) { "readTimeout < 0" }
            readTimeout = timeout
        }

        fun callTimeout(timeout: Duration) = apply {
            require(!timeout.isNegative()) { "connectTimeout < 0" }
            callTimeout = timeout
        }

        fun build(): SkeinClient = SkeinClient(this)
    }
}

interface CookieJar {
    fun saveFromResponse(url: java.net.URI, setCookieHeaders: List<String>)
    fun loadForRequest(url: java.net.URI): List<String>

    companion object {
        val NO_COOKIES: CookieJar = object : CookieJar {
            override fun saveFromResponse(url: java.net.URI, setCookieHeaders: List<String>) {}
            override fun loadForRequest(url: java.net.URI): List<String> = emptyList()
        }
    }
}
