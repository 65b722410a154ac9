import Foundation

/// Parses the parts of `Cache-Control` the disk cache cares about.
public enum HTTPCacheHeaders {
    /// `max-age` in seconds, or nil when absent or when `no-store` / `no-cache` is present.
    public static func maxAge(from cacheControl: String?) -> TimeInterval? {
        guard let cacheControl else { return nil }
        let directives = cacheControl.split(separator: ",").map(String.init)
        if directives.contains("no-store") || directives.contains("no-cache") {
            return nil
        }
        for directive in directives where directive.hasPrefix("max-age=") {
            let value = directive.dropFirst("max-age=".count)
            if let seconds = TimeInterval(value) { return seconds }
        }
        return nil
    }

    public static func expiration(for response: HTTPURLResponse, now: Date = Date()) -> Date? {
        let header = response.value(forHTTPHeaderField: "Cache-Control")
        return maxAge(from: header).map { now.addingTimeInterval($0) }
    }
}
