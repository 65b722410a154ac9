#if canImport(ImageIO)
import Foundation
import ImageIO

/// Animated GIF decoding through ImageIO. Frames are decoded lazily; at most
/// `maxCachedFrames` are kept (see the decoder registry rewrite).
public struct GIFDecoder: Sendable {
    public static let maxCachedFrames = 3

    public let frameCount: Int
    public let loopCount: Int
    private let delays: [Double]

    public init?(data: Data) {
        guard let source = CGImageSourceCreateWithData(data as CFData, nil) else { return nil }
        frameCount = CGImageSourceGetCount(source)
        let props = CGImageSourceCopyProperties(source, nil) as? [CFString: Any]
        let gif = props?[kCGImagePropertyGIFDictionary] as? [CFString: Any]
        // 0 means "loop forever".
        loopCount = gif?[kCGImagePropertyGIFLoopCount] as? Int ?? 0
        delays = (0..<frameCount).map { GIFDecoder.delay(source, at: $0) }
    }

    public func delay(at index: Int) -> Double { delays[index] }

    static func delay(_ source: CGImageSource, at index: Int) -> Double {
        let props = CGImageSourceCopyPropertiesAtIndex(source, index, nil) as? [CFString: Any]
        let gif = props?[kCGImagePropertyGIFDictionary] as? [CFString: Any]
        let raw = (gif?[kCGImagePropertyGIFUnclampedDelayTime] as? Double) ?? (gif?[kCGImagePropertyGIFDelayTime] as? Double) ?? 0.1
        // Match browsers: delays under 20 ms play at 100 ms.
        return raw < 0.02 ? 0.1 : raw
    }
}
#endif
