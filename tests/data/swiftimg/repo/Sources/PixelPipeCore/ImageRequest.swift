import Foundation

public struct ThumbnailOptions: Hashable, Sendable {
    public var maxPixelSize: Int
    public init(maxPixelSize: Int) { self.maxPixelSize = maxPixelSize }
}

public struct ImageRequest: Sendable {
    public enum Priority: Int, Sendable { case low, normal, high }
    public enum CachePolicy: String, Sendable { case `default`, reloadIgnoringCache, returnCacheDataDontLoad }

    public var url: URL
    public var headers: [String: String]
    public var processors: [any ImageProcessing]
    public var priority: Priority
    public var cachePolicy: CachePolicy
    public var scale: Double
    public var isProgressive: Bool
    public let thumbnail: ThumbnailOptions?

    public init(url: URL,
                headers: [String: String] = [:],
                processors: [any ImageProcessing] = [],
                priority: Priority = .normal,
                cachePolicy: CachePolicy = .default,
                scale: Double = 1,
                isProgressive: Bool = false,
                thumbnail: ThumbnailOptions? = nil) {
        self.url = url
        self.headers = headers
        self.processors = processors
        self.priority = priority
        self.cachePolicy = cachePolicy
        self.scale = scale
        self.isProgressive = isProgressive
        self.thumbnail = thumbnail
    }

    /// Key for the memory and disk caches: the URL plus the processor chain.
    public var cacheKey: String {
        let base = url.absoluteString
        guard !processors.isEmpty else { return base }
        return base + "#" + processors.map(\.identifier).joined(separator: "|")
    }

    /// Key used by `TaskCoalescer` to merge identical in-flight downloads.
    public var loadKey: String {
        url.absoluteString + "|" + cachePolicy.rawValue
    }

    public var urlRequest: URLRequest {
        var request = URLRequest(url: url)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if cachePolicy == .reloadIgnoringCache { request.cachePolicy = .reloadIgnoringLocalCacheData }
        return request
    }
}
