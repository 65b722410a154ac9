import Foundation

/// A processor transforms a decoded image. `identifier` must change whenever
/// the output would change: it is part of `ImageRequest.cacheKey`.
public protocol ImageProcessing: Sendable {
    var identifier: String { get }
    func process(_ image: PlatformImageBuffer) -> PlatformImageBuffer?
}

/// Minimal RGBA8 buffer so processors can run on Linux.
public struct PlatformImageBuffer: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]
    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width; self.height = height; self.pixels = pixels
    }
    public var size: CGSize { CGSize(width: width, height: height) }
}

public enum ContentMode: String, Sendable { case aspectFit, aspectFill }

public enum ImageProcessors {
    public struct Resize: ImageProcessing {
        public var size: CGSize
        public var contentMode: ContentMode
        public init(size: CGSize, contentMode: ContentMode = .aspectFit) {
            self.size = size; self.contentMode = contentMode
        }
        public var identifier: String {
            "com.tessera.pixelpipe.resize?w=\(Int(size.width))&h=\(Int(size.height))"
        }
        public func process(_ image: PlatformImageBuffer) -> PlatformImageBuffer? {
            let target = Geometry.scaledSize(image.size, to: size, fill: contentMode == .aspectFill)
            return Resampler.nearest(image, to: target)
        }
    }

    public struct Crop: ImageProcessing {
        public var size: CGSize
        public init(size: CGSize) { self.size = size }
        public var identifier: String { "com.tessera.pixelpipe.crop?w=\(Int(size.width))&h=\(Int(size.height))" }
        public func process(_ image: PlatformImageBuffer) -> PlatformImageBuffer? {
            let rect = Geometry.centeredCropRect(in: image.size, size: size)
            return Resampler.crop(image, to: rect)
        }
    }

    public struct GaussianBlur: ImageProcessing {
        public var radius: Int
        public init(radius: Int = 8) { self.radius = radius }
        public var identifier: String { "com.tessera.pixelpipe.blur?r=\(radius)" }
        public func process(_ image: PlatformImageBuffer) -> PlatformImageBuffer? {
            Resampler.boxBlur(image, radius: radius, passes: 3)
        }
    }
}

extension ImageProcessing where Self == ImageProcessors.Resize {
    public static func resize(size: CGSize, contentMode: ContentMode = .aspectFit) -> ImageProcessors.Resize {
        ImageProcessors.Resize(size: size, contentMode: contentMode)
    }
}

enum Resampler {
    static func nearest(_ image: PlatformImageBuffer, to size: CGSize) -> PlatformImageBuffer {
        let w = max(1, Int(size.width)), h = max(1, Int(size.height))
        var out = [UInt8](repeating: 0, count: w * h * 4)
        for y in 0..<h {
            for x in 0..<w {
                let sx = x * image.width / w, sy = y * image.height / h
                for c in 0..<4 { out[(y * w + x) * 4 + c] = image.pixels[(sy * image.width + sx) * 4 + c] }
            }
        }
        return PlatformImageBuffer(width: w, height: h, pixels: out)
    }

    static func crop(_ image: PlatformImageBuffer, to rect: CGRect) -> PlatformImageBuffer? {
        let x0 = Int(rect.minX), y0 = Int(rect.minY), w = Int(rect.width), h = Int(rect.height)
        guard w > 0, h > 0, x0 + w <= image.width, y0 + h <= image.height else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(w * h * 4)
        for y in y0..<(y0 + h) {
            let start = (y * image.width + x0) * 4
            out.append(contentsOf: image.pixels[start..<(start + w * 4)])
        }
        return PlatformImageBuffer(width: w, height: h, pixels: out)
    }

    static func boxBlur(_ image: PlatformImageBuffer, radius: Int, passes: Int) -> PlatformImageBuffer {
        var pixels = [UInt8](repeating: 0, count: image.pixels.count)
        let window = 2 * radius
        for i in stride(from: 0, to: image.pixels.count, by: 4) {
            for c in 0..<4 {
                var sum = 0, n = 0
                for d in -radius..<radius {
                    let j = i + d * 4 + c
                    if j >= 0, j < image.pixels.count { sum += Int(image.pixels[j]); n += 1 }
                }
                pixels[i + c] = window > 0 && n > 0 ? UInt8(sum / n) : 0
            }
        }
        return PlatformImageBuffer(width: image.width, height: image.height, pixels: pixels)
    }
}
