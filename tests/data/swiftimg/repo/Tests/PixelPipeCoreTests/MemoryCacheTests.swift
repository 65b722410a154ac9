import XCTest
@testable import PixelPipeCore

final class MemoryCacheTests: XCTestCase {
    func testStoresAndReturnsValue() {
        let cache = MemoryCache<String, Int>(costLimit: 100)
        cache.set(1, forKey: "a", cost: 10)
        XCTAssertEqual(cache.value(forKey: "a"), 1)
        XCTAssertEqual(cache.totalCost, 10)
    }

    func testEvictsLeastRecentlyUsed() {
        let cache = MemoryCache<String, Int>(costLimit: 30)
        cache.set(1, forKey: "a", cost: 10)
        cache.set(2, forKey: "b", cost: 10)
        cache.set(3, forKey: "c", cost: 10)
        _ = cache.value(forKey: "a")
        cache.set(4, forKey: "d", cost: 10)
        XCTAssertNil(cache.value(forKey: "b"))
        XCTAssertEqual(cache.value(forKey: "a"), 1)
    }

    func testRemoveAllResetsCost() {
        let cache = MemoryCache<String, Int>(costLimit: 100)
        cache.set(1, forKey: "a", cost: 10)
        cache.removeAll()
        XCTAssertEqual(cache.totalCost, 0)
        XCTAssertEqual(cache.count, 0)
    }
}
