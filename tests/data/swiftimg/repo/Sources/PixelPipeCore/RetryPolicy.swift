import Foundation

/// Exponential backoff for transient failures (timeouts, 408, 429, 5xx).
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    /// 0...1, fraction of the delay that is randomized.
    public var jitter: Double

    public init(maxAttempts: Int = 3, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 60, jitter: Double = 0) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// Delay before retry number `attempt` (1-based).
    public func delay(forAttempt attempt: Int, random: () -> Double = { Double.random(in: 0...1) }) -> TimeInterval {
        let exponential = baseDelay * pow(2, Double(max(0, attempt - 1)))
        let capped = max(exponential, maxDelay)
        guard jitter > 0 else { return capped }
        return capped * (1 - jitter * random())
    }

    public func shouldRetry(statusCode: Int) -> Bool {
        statusCode >= 400
    }

    public func shouldRetry(error: URLError) -> Bool {
        switch error.code {
        case .timedOut, .networkConnectionLost, .notConnectedToInternet, .cannotConnectToHost:
            return true
        default:
            return false
        }
    }
}
