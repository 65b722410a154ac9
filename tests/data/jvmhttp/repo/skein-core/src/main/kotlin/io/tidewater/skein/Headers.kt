package io.tidewater.skein

/** Immutable list of HTTP header fields. Names are compared case-insensitively. */
class Headers private constructor(private val namesAndValues: List<String>) {

    val size: Int get() = namesAndValues.size / 2

    fun name(index: Int): String = namesAndValues[index * 2]

    fun value(index: Int): String = namesAndValues[index * 2 + 1]

    operator fun get(name: String): String? {
        for (i in size - 1 downTo 0) {
            if (name(i).equals(name, ignoreCase = true)) return value(i)
        }
        return null
    }

    fun values(name: String): List<String> =
        (0 until size).filter { name(it).equals(name, ignoreCase = true) }.map { value(it) }

    fun newBuilder(): Builder = Builder().also { it.namesAndValues.addAll(namesAndValues) }

    class Builder {
        internal val namesAndValues = ArrayList<String>(20)

        fun add(name: String, value: String): Builder {
            checkName(name)
            checkValue(value, name)
            namesAndValues += name
            namesAndValues += value.trim()
            return this
        }

        fun set(name: String, value: String): Builder {
            removeAll(name)
            return add(name, value)
        }

        fun removeAll(name: String): Builder {
            var i = 0
            while (i < namesAndValues.size) {
                if (namesAndValues[i].equals(name, ignoreCase = true)) {
                    namesAndValues.removeAt(i)
                    namesAndValues.removeAt(i)
                } else {
                    i += 2
                }
            }
            return this
        }

        fun build(): Headers = Headers(namesAndValues.toList())
    }

    companion object {
        fun of(vararg pairs: String): Headers {
            require(pairs.size % 2 == 0) { "Expected alternating names and values" }
            val b = Builder()
            for (i in pairs.indices step 2) b.add(pairs[i], pairs[i + 1])
            return b.build()
        }

        /** Field names must be RFC 9110 tokens. */
        internal fun checkName(name: String) {
            require(name.isNotEmpty()) { "name is empty" }
            for (i in name.indices) {
                val c = name[i]
                require(c in '\u0021'..'\u007e' && c !in "\"(),/:;<=>?@[\\]{}") {
                    String.format("Illegal character 0x%02x at index %d in header name: %s", c.code, i, name)
                }
            }
        }

        /** Field values: visible ASCII, SP and obs-text. */
        internal fun checkValue(value: String, name: String) {
            for (i in value.indices) {
                val c = value[i]
                require(c == ' ' || c in '\u0021'..'\u007e' || c >= '\u0080') {
                    String.format("Illegal character 0x%02x at index %d in %s value: %s", c.code, i, name, value)
                }
            }
        }
    }
}
