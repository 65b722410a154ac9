package io.tidewater.skein.ws

/** Constants and validation shared by the WebSocket reader and writer (RFC 6455). */
object WebSocketProtocol {
    const val OPCODE_TEXT = 0x1
    const val OPCODE_BINARY = 0x2
    const val OPCODE_CLOSE = 0x8
    const val OPCODE_PING = 0x9
    const val OPCODE_PONG = 0xa

    /** A close frame payload is at most 125 bytes: 2 for the code, 123 for the reason. */
    const val CLOSE_MESSAGE_MAX = 123L

    const val CLOSE_NO_STATUS_CODE = 1005

    /** Returns a message describing why [code] can't be sent, or null if it is valid. */
    fun closeCodeExceptionMessage(code: Int): String? = when {
        code < 1000 || code >= 5000 -> "Invalid close code $code (allowed: 1000..4999)"
        code in 1004..1006 || code in 1015..2999 -> "Close code $code is reserved and must not be sent"
        else -> null
    }

    fun validateCloseCode(code: Int) {
        closeCodeExceptionMessage(code)?.let { throw IllegalArgumentException(it) }
    }

    /** Validates the arguments of `WebSocket.close(code, reason)`. */
    fun validateClose(code: Int, reason: String?) {
        validateCloseCode(code)
        if (reason != null) {
            require(reason.length <= CLOSE_MESSAGE_MAX) {
                "close reason longer than $CLOSE_MESSAGE_MAX bytes: $reason"
            }
        }
    }
}
