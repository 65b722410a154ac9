package io.tidewater.skein.coroutines

import io.tidewater.skein.Call
import io.tidewater.skein.Callback
import io.tidewater.skein.Response
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.channels.trySendBlocking
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.suspendCancellableCoroutine
import java.io.IOException
import java.io.InterruptedIOException
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/** Suspends until the response headers arrive. Cancelling the coroutine cancels the call. */
suspend fun Call.await(): Response = suspendCancellableCoroutine { cont ->
    cont.invokeOnCancellation { cancel() }
    enqueue(object : Callback {
        override fun onResponse(call: Call, response: Response) = cont.resume(response)
        override fun onFailure(call: Call, e: IOException) {
            if (e is InterruptedIOException && call.isCanceled() && cont.isCancelled) return
            cont.resumeWithException(e)
        }
    })
}

/** Streams the response body in chunks of at most [chunkSize] bytes. */
fun Call.asFlow(chunkSize: Int = 8192): Flow<ByteArray> = callbackFlow {
    val call = this@asFlow
    call.enqueue(object : Callback {
        override fun onResponse(call: Call, response: Response) {
            response.use {
                val source = it.body.source()
                val buffer = ByteArray(chunkSize)
                while (true) {
                    val n = source.read(buffer)
                    if (n == -1) break
                    trySendBlocking(buffer.copyOf(n))
                }
            }
            close()
        }

        override fun onFailure(call: Call, e: IOException) {
            close(e)
        }
    })
    awaitClose { }
}.buffer(capacity = 4)
