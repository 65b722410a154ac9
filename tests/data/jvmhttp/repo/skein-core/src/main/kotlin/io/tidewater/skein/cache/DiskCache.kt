package io.tidewater.skein.cache

import io.tidewater.skein.Request
import io.tidewater.skein.Response
import java.io.File
import java.io.IOException
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.security.MessageDigest

/**
 * Response cache on disk. One file pair per entry (`<key>.0` headers, `<key>.1` body) plus a
 * `journal` that records CLEAN/DIRTY/REMOVE lines and is rebuilt when it grows too large.
 */
class DiskCache(val directory: File, val maxSize: Long) {
    private val entries = LinkedHashMap<String, Long>(0, 0.75f, true)
    private var size = 0L
    private var redundantOps = 0

    @Synchronized
    fun get(request: Request): CachedEntry? {
        val key = key(request)
        if (key !in entries) return null
        val entry = CachedEntry.read(directory, key) ?: return null
        val control = CacheControl.parse(entry.responseHeaders)
        if (control.noStore) return null
        return entry
    }

    @Synchronized
    fun put(response: Response): Boolean {
        if (!isCacheable(response)) return false
        val key = key(response.request)
        val written = CachedEntry.write(directory, key, response)
        size += written - (entries[key] ?: 0L)
        entries[key] = written
        appendJournal("CLEAN $key $written")
        trimToSize()
        return true
    }

    /** Called for requests that may change the resource. */
    @Synchronized
    fun remove(request: Request) {
        val key = key(request)
        val removed = entries.remove(key) ?: return
        size -= removed
        CachedEntry.delete(directory, key)
        appendJournal("REMOVE $key")
    }

    internal fun isCacheable(response: Response): Boolean {
        when (response.code) {
            200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501 -> {}
            else -> return false
        }
        if (response.header("Vary") == "*") return false
        val control = CacheControl.parse(response.headers)
        val requestControl = CacheControl.parse(response.request.headers)
        return !control.noStore && !requestControl.noStore
    }

    /** Evicts least recently used entries until the cache fits in [maxSize]. */
    internal fun trimToSize() {
        val it = entries.entries.iterator()
        while (size > maxSize && it.hasNext()) {
            val (key, bytes) = it.next()
            it.remove()
            size -= bytes
            CachedEntry.delete(directory, key)
            appendJournal("REMOVE $key")
        }
    }

    private fun appendJournal(line: String) {
        File(directory, "journal").appendText(line + "\n")
        if (++redundantOps >= 2000 && redundantOps >= entries.size) rebuildJournal()
    }

    /** Writes a compact journal to `journal.tmp` and moves it over the old one. */
    internal fun rebuildJournal() {
        val tmp = File(directory, "journal.tmp")
        tmp.bufferedWriter().use { w ->
            w.write("io.tidewater.skein.DiskCache\nVERSION 2\n\n")
            for ((key, bytes) in entries) w.write("CLEAN $key $bytes\n")
        }
        try {
            Files.move(tmp.toPath(), File(directory, "journal").toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
        } catch (e: IOException) {
            throw IOException("DiskCache: cannot replace journal in $directory", e)
        }
        redundantOps = 0
    }

    companion object {
        fun key(request: Request): String =
            MessageDigest.getInstance("SHA-256").digest(request.url.toString().toByteArray())
                .joinToString("") { "%02x".format(it) }
    }
}

class CachedEntry(val responseHeaders: io.tidewater.skein.Headers, val bodyFile: File) {
    companion object {
        fun read(dir: File, key: String): CachedEntry? = TODO("omitted in this excerpt")
        fun write(dir: File, key: String, response: Response): Long = TODO("omitted in this excerpt")
        fun delete(dir: File, key: String) {
            File(dir, "$key.0").delete()
            File(dir, "$key.1").delete()
        }
    }
}
