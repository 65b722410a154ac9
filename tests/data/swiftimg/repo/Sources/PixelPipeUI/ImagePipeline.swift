#if canImport(UIKit) || canImport(AppKit)
import Foundation
import PixelPipeCore
import PixelPipeDecoders
#if canImport(SwiftUI)
import SwiftUI
#endif
#if canImport(UIKit)
import UIKit
public typealias PlatformImage = UIImage
#else
import AppKit
public typealias PlatformImage = NSImage
#endif

/// Ties loader, caches and decoders together for Apple platforms.
public final class ImagePipeline: @unchecked Sendable {
    public static let shared = ImagePipeline()

    public let memoryCache = MemoryCache<String, PlatformImage>()
    public let loader = DataLoader()
    public var defaultScale: Double = 1

    public func image(for request: ImageRequest) async throws -> PlatformImage {
        if let cached = memoryCache.value(forKey: request.cacheKey) { return cached }
        let (data, _) = try await loader.data(for: request)
        guard let image = DecoderRegistry.shared.decode(data, scale: request.scale) else { throw URLError(.cannotDecodeContentData) }
        memoryCache.set(image, forKey: request.cacheKey, cost: data.count)
        return image
    }

    public func loadImage(with request: ImageRequest, completion: @escaping @MainActor (Result<PlatformImage, Error>) -> Void) {
        Task {
            do { let image = try await image(for: request); await completion(.success(image)) }
            catch { await completion(.failure(error)) }
        }
    }

    #if canImport(SwiftUI)
    public func swiftUIImage(for request: ImageRequest) async -> Image? {
        guard let image = try? await image(for: request) else { return nil }
        #if canImport(UIKit)
        return Image(uiImage: image)
        #else
        return Image(nsImage: image)
        #endif
    }
    #endif
}
#endif
