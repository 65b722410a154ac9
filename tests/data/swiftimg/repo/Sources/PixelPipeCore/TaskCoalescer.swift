import Foundation

/// Merges identical in-flight loads (same `ImageRequest.loadKey`) into one task.
public actor TaskCoalescer {
    private var inFlight: [String: Task<Data, Error>] = [:]
    private var subscribers: [String: Int] = [:]

    public init() {}

    public func load(_ request: ImageRequest, using work: @escaping @Sendable () async throws -> Data) async throws -> Data {
        let key = request.loadKey
        if let existing = inFlight[key] {
            subscribers[key, default: 1] += 1
            return try await existing.value
        }
        let task = Task { try await work() }
        inFlight[key] = task
        subscribers[key] = 1
        defer {
            inFlight[key] = nil
            subscribers[key] = nil
        }
        return try await task.value
    }

    public var inFlightCount: Int { inFlight.count }
}
