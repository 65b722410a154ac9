import XCTest
@testable import PixelPipeCore

final class RetryPolicyTests: XCTestCase {
    func testRetriesServerErrors() {
        let policy = RetryPolicy()
        XCTAssertTrue(policy.shouldRetry(statusCode: 503))
        XCTAssertTrue(policy.shouldRetry(statusCode: 429))
        XCTAssertFalse(policy.shouldRetry(statusCode: 200))
    }

    func testRetriesTimeouts() {
        let policy = RetryPolicy()
        XCTAssertTrue(policy.shouldRetry(error: URLError(.timedOut)))
        XCTAssertFalse(policy.shouldRetry(error: URLError(.badURL)))
    }

    func testDelayIsNeverAboveMaxWithJitter() {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.5, maxDelay: 2, jitter: 0.5)
        XCTAssertLessThanOrEqual(policy.delay(forAttempt: 1, random: { 0 }), 2)
    }
}
