#if canImport(ImageIO)
import Foundation
import ImageIO
#if canImport(UIKit)
import UIKit
#else
import AppKit
#endif

public final class DecoderRegistry: @unchecked Sendable {
    public static let shared = DecoderRegistry()
    public typealias Decode = (Data, Double) -> AnyObject?
    private var custom: [(matches: (Data) -> Bool, decode: Decode)] = []

    /// Register a decoder for a format pixelpipe does not handle (e.g. SVG).
    public func register(matches: @escaping (Data) -> Bool, decode: @escaping Decode) {
        custom.append((matches, decode))
    }

    public func decode<Image: AnyObject>(_ data: Data, scale: Double) -> Image? {
        for entry in custom where entry.matches(data) { return entry.decode(data, scale) as? Image }
        #if canImport(UIKit)
        return UIImage(data: data, scale: CGFloat(scale)) as? Image
        #else
        return NSImage(data: data) as? Image
        #endif
    }
}
#endif
