import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// URLSession-based loader with retries and request coalescing.
public final class DataLoader: Sendable {
    public struct Configuration: Sendable {
        public var retryPolicy: RetryPolicy?
        public var timeout: TimeInterval = 60
        public init(retryPolicy: RetryPolicy? = nil) { self.retryPolicy = retryPolicy }
    }

    let session: URLSession
    let configuration: Configuration
    let coalescer = TaskCoalescer()

    public init(configuration: Configuration = .init(), session: URLSession = .shared) {
        self.configuration = configuration
        self.session = session
    }

    public func data(for request: ImageRequest) async throws -> (Data, HTTPURLResponse) {
        var attempt = 0
        while true {
            attempt += 1
            do {
                let (data, response) = try await session.data(for: request.urlRequest)
                guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
                if (200..<300).contains(http.statusCode) { return (data, http) }
                if let policy = configuration.retryPolicy, attempt < policy.maxAttempts, policy.shouldRetry(statusCode: http.statusCode) {
                    try await wait(policy, attempt: attempt, url: request.url)
                    continue
                }
                throw URLError(.badServerResponse)
            } catch let error as URLError {
                if let policy = configuration.retryPolicy, attempt < policy.maxAttempts, policy.shouldRetry(error: error) {
                    try await wait(policy, attempt: attempt, url: request.url)
                    continue
                }
                Log.error(.loader, "request failed url=\(request.url.absoluteString) error=\(error)")
                throw error
            }
        }
    }

    private func wait(_ policy: RetryPolicy, attempt: Int, url: URL) async throws {
        let delay = policy.delay(forAttempt: attempt)
        Log.info(.loader, "retry \(attempt)/\(policy.maxAttempts) for \(url.absoluteString) in \(delay)s")
        try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
    }
}
