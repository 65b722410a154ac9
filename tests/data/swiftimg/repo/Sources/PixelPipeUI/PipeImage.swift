#if canImport(SwiftUI)
import SwiftUI
import PixelPipeCore

/// SwiftUI view that loads an image through the shared pipeline.
public struct PipeImage<Placeholder: View>: View {
    private let request: ImageRequest
    private let placeholder: Placeholder
    @State private var image: Image?

    public init(request: ImageRequest, @ViewBuilder placeholder: () -> Placeholder) {
        self.request = request
        self.placeholder = placeholder()
    }

    public var body: some View {
        ZStack {
            if let image {
                image.resizable()
            } else {
                placeholder
            }
        }
        .task(id: request.cacheKey) {
            image = await ImagePipeline.shared.swiftUIImage(for: request)
        }
    }
}

extension PipeImage where Placeholder == Color {
    public init(url: URL) {
        self.init(request: ImageRequest(url: url)) { Color.gray.opacity(0.2) }
    }
}
#endif
