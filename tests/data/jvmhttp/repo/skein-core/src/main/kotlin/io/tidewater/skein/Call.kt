package io.tidewater.skein

import java.io.IOException

interface Call {
    val request: Request
    fun execute(): Response
    fun enqueue(callback: Callback)
    fun cancel()
    fun isCanceled(): Boolean
}

interface Callback {
    fun onResponse(call: Call, response: Response)
    fun onFailure(call: Call, e: IOException)
}
