package io.tidewater.skein.interceptor

import io.tidewater.skein.Headers
import io.tidewater.skein.Request
import io.tidewater.skein.RequestBody
import io.tidewater.skein.Response
import io.tidewater.skein.ResponseBody
import io.tidewater.skein.SkeinClient
import okio.BufferedSink
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull

class RedirectInterceptorTest {
    private val interceptor = RedirectInterceptor(SkeinClient())
    private val body = object : RequestBody() {
        override fun contentType() = "text/plain"
        override fun writeTo(sink: BufferedSink) { sink.writeUtf8("x") }
    }
    private val post = Request.Builder().url("https://api.example.com/a").post(body).build()

    private fun redirect(code: Int, location: String = "/b") =
        Response(post, code, "", Headers.of("Location", location), ResponseBody.EMPTY)

    @Test fun status303BecomesGet() {
        val next = interceptor.followUpRequest(redirect(303))!!
        assertEquals("GET", next.method)
        assertNull(next.body)
    }

    @Test fun status307KeepsMethodAndBody() {
        val next = interceptor.followUpRequest(redirect(307))!!
        assertEquals("POST", next.method)
        assertEquals(body, next.body)
    }

    @Test fun httpsToHttpIsNotFollowed() {
        assertNull(interceptor.followUpRequest(redirect(302, "http://api.example.com/b")))
    }

    @Test fun authorizationDroppedOnHostChange() {
        val req = post.newBuilder().header("Authorization", "Bearer t").build()
        val res = Response(req, 302, "", Headers.of("Location", "https://cdn.example.net/b"), ResponseBody.EMPTY)
        assertNull(interceptor.followUpRequest(res)!!.header("Authorization"))
    }
}
