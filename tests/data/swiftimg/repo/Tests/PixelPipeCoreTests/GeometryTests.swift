import XCTest
@testable import PixelPipeCore

final class GeometryTests: XCTestCase {
    func testCenteredCropSquare() {
        let rect = Geometry.centeredCropRect(in: CGSize(width: 400, height: 400), size: CGSize(width: 200, height: 200))
        XCTAssertEqual(rect, CGRect(x: 100, y: 100, width: 200, height: 200))
    }

    func testCenteredCropLandscape() {
        let rect = Geometry.centeredCropRect(in: CGSize(width: 800, height: 400), size: CGSize(width: 400, height: 400))
        XCTAssertEqual(rect.origin.x, 200)
    }

    func testScaledSizeFit() {
        let size = Geometry.scaledSize(CGSize(width: 1000, height: 500), to: CGSize(width: 100, height: 100), fill: false)
        XCTAssertEqual(size, CGSize(width: 100, height: 50))
    }

    func testResizeIdentifierIncludesSize() {
        let resize = ImageProcessors.Resize(size: CGSize(width: 40, height: 30))
        XCTAssertTrue(resize.identifier.contains("w=40"))
    }
}
