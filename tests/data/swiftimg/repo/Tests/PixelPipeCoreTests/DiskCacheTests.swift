import XCTest
@testable import PixelPipeCore

final class DiskCacheTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func testStoreAndRead() async throws {
        let cache = try DiskCache(name: "test", root: root)
        await cache.store(Data([1, 2, 3]), for: "https://example.test/a.png")
        let data = await cache.data(for: "https://example.test/a.png")
        XCTAssertEqual(data, Data([1, 2, 3]))
    }

    func testExpiredEntryIsMiss() async throws {
        let cache = try DiskCache(name: "test", root: root)
        await cache.store(Data([1]), for: "k", expiration: Date(timeIntervalSinceNow: -1))
        let data = await cache.data(for: "k")
        XCTAssertNil(data)
    }

    func testIndexSurvivesReopen() async throws {
        do {
            let cache = try DiskCache(name: "test", root: root)
            await cache.store(Data([9]), for: "k")
            await cache.flush()
        }
        let reopened = try DiskCache(name: "test", root: root)
        let data = await reopened.data(for: "k")
        XCTAssertEqual(data, Data([9]))
    }
}
