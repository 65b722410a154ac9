import Foundation

/// Watches the bytes of a progressive JPEG as they arrive and reports when a
/// new scan (SOS marker, FF DA) has completed, so a preview can be decoded.
public struct ProgressiveJPEGScanner: Sendable {
    public private(set) var data = Data()
    public private(set) var scanCount = 0
    /// Offset up to which `data` has already been searched for markers.
    private var lastOffset = 0

    public init() {}

    /// Appends a chunk. Returns true when at least one new scan started in it,
    /// i.e. the previous scan is complete and a preview can be produced.
    public mutating func append(_ chunk: Data) -> Bool {
        data.append(chunk)
        let bytes = [UInt8](data)
        var found = 0
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0xFF && bytes[i + 1] == 0xDA { found += 1 }
            i += 1
        }
        lastOffset = max(0, bytes.count - 1)
        scanCount += found
        return found > 0
    }

    public var isJPEG: Bool { data.count >= 2 && data[data.startIndex] == 0xFF && data[data.startIndex + 1] == 0xD8 }
}
