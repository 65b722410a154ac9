import Foundation

/// Platform-independent prefetcher. Loads requests at low priority into the
/// caches. The UICollectionView glue lives in PixelPipeUI.
public actor ImagePrefetcher {
    public typealias Loader = @Sendable (ImageRequest) async throws -> Void

    private let loader: Loader
    private let maxConcurrent: Int
    private var pending: [String: ImageRequest] = [:]
    private var tasks: [String: Task<Void, Never>] = [:]

    public init(maxConcurrent: Int = 2, loader: @escaping Loader) {
        self.maxConcurrent = maxConcurrent
        self.loader = loader
    }

    /// True when nothing is queued or running.
    public var isIdle: Bool { pending.isEmpty && tasks.isEmpty }

    public func startPrefetching(with requests: [ImageRequest]) {
        for var request in requests {
            request.priority = .low
            let key = request.cacheKey
            guard pending[key] == nil, tasks[key] == nil else { continue }
            pending[key] = request
        }
        drain()
    }

    public func stopPrefetching(with requests: [ImageRequest]) {
        for request in requests {
            let key = request.cacheKey
            tasks[key]?.cancel()
            tasks[key] = nil
        }
    }

    public func stopPrefetching() {
        for task in tasks.values { task.cancel() }
        tasks.removeAll()
    }

    private func drain() {
        while tasks.count < maxConcurrent, let (key, request) = pending.first {
            pending[key] = nil
            tasks[key] = Task { [loader] in
                try? await loader(request)
                await self.finished(key)
            }
        }
    }

    private func finished(_ key: String) {
        tasks[key] = nil
        drain()
    }
}
