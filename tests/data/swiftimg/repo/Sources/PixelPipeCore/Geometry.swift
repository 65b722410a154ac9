import Foundation

/// Pure geometry helpers used by the processors. Kept free of UIKit/AppKit so
/// they can be unit tested on Linux.
public enum Geometry {
    /// Size of `source` scaled to fit into (or fill) `target`, keeping the aspect ratio.
    public static func scaledSize(_ source: CGSize, to target: CGSize, fill: Bool) -> CGSize {
        guard source.width > 0, source.height > 0 else { return .zero }
        let sx = target.width / source.width
        let sy = target.height / source.height
        let scale = fill ? max(sx, sy) : min(sx, sy)
        return CGSize(width: (source.width * scale).rounded(), height: (source.height * scale).rounded())
    }

    /// The rect of size `size` centered in an image of size `imageSize`.
    public static func centeredCropRect(in imageSize: CGSize, size: CGSize) -> CGRect {
        let width = min(size.width, imageSize.width)
        let height = min(size.height, imageSize.height)
        let x = ((imageSize.width - width) / 2).rounded(.down)
        let y = ((imageSize.width - height) / 2).rounded(.down)
        return CGRect(x: x, y: max(0, y), width: width, height: height)
    }
}
