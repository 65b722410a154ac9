#if canImport(UIKit)
import UIKit
import PixelPipeCore

private var tokenKey: UInt8 = 0

extension UIImageView {
    private var pp_token: UUID? {
        get { objc_getAssociatedObject(self, &tokenKey) as? UUID }
        set { objc_setAssociatedObject(self, &tokenKey, newValue, .OBJC_ASSOCIATION_RETAIN_NONATOMIC) }
    }

    /// Loads `url` into the view, cancelling the previous load for this view.
    @MainActor
    public func pp_setImage(with url: URL, placeholder: UIImage? = nil) {
        let token = UUID()
        pp_token = token
        image = placeholder
        ImagePipeline.shared.loadImage(with: ImageRequest(url: url)) { [weak self] result in
            guard let self, self.pp_token == token else { return }
            if case .success(let image) = result { self.image = image }
        }
    }

    @MainActor
    public func pp_cancelImageLoad() { pp_token = nil }
}

final class MemoryWarningObserver {
    init(onWarning: @escaping () -> Void) {
        NotificationCenter.default.addObserver(forName: UIApplication.didReceiveMemoryWarningNotification, object: nil, queue: .main) { _ in
            onWarning()
        }
    }
}
#endif
