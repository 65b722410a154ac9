package io.tidewater.skein.mockserver

import java.io.Closeable
import java.net.InetAddress
import java.net.ServerSocket
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/** A scriptable HTTP server for tests: enqueue responses, then inspect the recorded requests. */
class MockServer : Closeable {
    private val responses = LinkedBlockingQueue<MockResponse>()
    private val requests = LinkedBlockingQueue<RecordedRequest>()
    private var serverSocket: ServerSocket? = null

    val port: Int get() = checkNotNull(serverSocket) { "call start() first" }.localPort

    fun url(path: String): String = "http://${InetAddress.getLoopbackAddress().hostAddress}:$port$path"

    fun enqueue(response: MockResponse) {
        responses.add(response)
    }

    fun start() {
        serverSocket = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
        Thread({ acceptLoop() }, "MockServer-${serverSocket!!.localPort}").apply { isDaemon = true }.start()
    }

    private fun acceptLoop() {
        val server = serverSocket ?: return
        while (!server.isClosed) {
            val socket = try { server.accept() } catch (e: java.io.IOException) { return }
            Thread({ serve(socket) }, "MockServer-conn").apply { isDaemon = true }.start()
        }
    }

    private fun serve(socket: java.net.Socket) {
        socket.use {
            val recorded = RecordedRequest.read(it.getInputStream()) ?: return
            requests.add(recorded)
            val response = responses.poll() ?: MockResponse().setResponseCode(404)
            response.writeTo(it.getOutputStream())
        }
    }

    /** Waits until a request arrives, or returns null after [timeout] [unit]s. */
    fun takeRequest(timeout: Long, unit: TimeUnit): RecordedRequest? =
        requests.poll(timeout, TimeUnit.MILLISECONDS)

    fun takeRequest(): RecordedRequest = requests.take()

    val requestCount: Int get() = requests.size

    override fun close() {
        serverSocket?.close()
    }
}

class MockResponse {
    var code = 200
        private set
    val headers = mutableListOf<Pair<String, String>>()
    var body: ByteArray = ByteArray(0)
        private set

    fun setResponseCode(code: Int) = apply { this.code = code }
    fun addHeader(name: String, value: String) = apply { headers += name to value }
    fun setBody(text: String) = apply { body = text.encodeToByteArray() }

    internal fun writeTo(out: java.io.OutputStream) {
        val head = buildString {
            append("HTTP/1.1 ").append(code).append(" MockServer\r\n")
            for ((n, v) in headers) append(n).append(": ").append(v).append("\r\n")
            append("Content-Length: ").append(body.size).append("\r\n\r\n")
        }
        out.write(head.encodeToByteArray())
        out.write(body)
        out.flush()
    }
}

class RecordedRequest(val requestLine: String, val headers: Map<String, String>, val body: ByteArray) {
    val method: String get() = requestLine.substringBefore(' ')
    val path: String get() = requestLine.split(' ')[1]

    fun header(name: String): String? = headers.entries.firstOrNull { it.key.equals(name, ignoreCase = true) }?.value

    companion object {
        internal fun read(input: java.io.InputStream): RecordedRequest? {
            val reader = input.bufferedReader(Charsets.ISO_8859_1)
            val line = reader.readLine() ?: return null
            val headers = LinkedHashMap<String, String>()
            while (true) {
                val h = reader.readLine() ?: break
                if (h.isEmpty()) break
                headers[h.substringBefore(':').trim()] = h.substringAfter(':').trim()
            }
            val length = headers.entries.firstOrNull { it.key.equals("Content-Length", true) }?.value?.toInt() ?: 0
            val body = CharArray(length).also { reader.read(it) }
            return RecordedRequest(line, headers, String(body).toByteArray(Charsets.ISO_8859_1))
        }
    }
}
