import Foundation
#if canImport(os)
import os
#endif

/// Thin logging facade. On Apple platforms this goes to os_log with the
/// `com.tessera.pixelpipe` subsystem; on Linux it prints to stderr.
enum Log {
    enum Category: String { case loader, disk, memory, decoder }

    static func info(_ category: Category, _ message: @autoclosure () -> String) {
        emit(category, "info", message())
    }

    static func error(_ category: Category, _ message: @autoclosure () -> String) {
        emit(category, "error", message())
    }

    private static func emit(_ category: Category, _ level: String, _ message: String) {
        #if canImport(os)
        let logger = Logger(subsystem: "com.tessera.pixelpipe", category: category.rawValue)
        logger.log("\(message, privacy: .public)")
        #else
        let stamp = ISO8601DateFormatter().string(from: Date())
        FileHandle.standardError.write(Data("[\(stamp)] \(level) pixelpipe.\(category.rawValue) : \(message)\n".utf8))
        #endif
    }
}
