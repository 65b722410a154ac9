package io.tidewater.skein.interceptor

import io.tidewater.skein.Request
import io.tidewater.skein.Response

fun interface Interceptor {
    fun intercept(chain: Chain): Response

    interface Chain {
        val request: Request
        fun proceed(request: Request): Response
    }
}
