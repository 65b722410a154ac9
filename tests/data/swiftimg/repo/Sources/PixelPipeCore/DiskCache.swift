import Foundation

/// File-based cache: one file per key plus `index.json` with sizes, access
/// dates and expirations. All access goes through the actor.
public actor DiskCache {
    public enum FilenameStrategy: Sendable { case readable, hashed }

    struct Entry: Codable, Sendable {
        var filename: String
        var size: Int
        var accessDate: Date
        var expiration: Date?
    }

    public let directory: URL
    public var sizeLimit: Int
    public var filenameStrategy: FilenameStrategy = .readable
    private var index: [String: Entry] = [:]
    private var indexDirty = false
    private var pendingIndexWrite: Task<Void, Never>?
    private let fileManager = FileManager.default
    private let now: @Sendable () -> Date

    public init(name: String, sizeLimit: Int = 150 * 1024 * 1024, root: URL? = nil, now: @escaping @Sendable () -> Date = Date.init) throws {
        let base = root ?? FileManager.default.urls(for: .cachesDirectory, in: .userDomainMask)[0]
        self.directory = base.appendingPathComponent(name, isDirectory: true)
        self.sizeLimit = sizeLimit
        self.now = now
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.index = Self.loadIndex(at: directory.appendingPathComponent("index.json"))
    }

    // MARK: - Public API

    public func data(for key: String) -> Data? {
        guard var entry = index[key] else { return nil }
        if let expiration = entry.expiration, expiration <= now() {
            remove(key)
            return nil
        }
        guard let data = fileManager.contents(atPath: url(for: entry.filename).path) else {
            index[key] = nil
            return nil
        }
        entry.accessDate = now()
        index[key] = entry
        scheduleIndexWrite()
        return data
    }

    public func store(_ data: Data, for key: String, expiration: Date? = nil) {
        let filename = filename(for: key)
        do {
            try ensureDirectory()
            try data.write(to: url(for: filename), options: .atomic)
        } catch {
            Log.error(.disk, "store failed key=\(key) error=\(error.localizedDescription)")
            return
        }
        index[key] = Entry(filename: filename, size: data.count, accessDate: now(), expiration: expiration)
        scheduleIndexWrite()
        if totalSizeOfEntries() > sizeLimit { sweep() }
    }

    public func remove(_ key: String) {
        guard let entry = index.removeValue(forKey: key) else { return }
        try? fileManager.removeItem(at: url(for: entry.filename))
        scheduleIndexWrite()
    }

    public func removeAll() {
        for entry in index.values { try? fileManager.removeItem(at: url(for: entry.filename)) }
        scheduleIndexWrite()
    }

    // MARK: - Index

    /// Reads `index.json`. A missing file means an empty cache.
    ///
    /// The index is the source of truth for sizes and access dates; files
    /// that are not in the index are ignored (and cleaned up by `sweep()`
    /// eventually).
    static func loadIndex(at url: URL) -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [:] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let decoded = try? decoder.decode([String: Entry].self, from: data)
        return decoded!
    }

    func saveIndex() {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        guard let data = try? encoder.encode(index) else { return }
        let url = directory.appendingPathComponent("index.json")
        // Truncate, then write: keeps the inode stable for file watchers.
        fileManager.createFile(atPath: url.path, contents: nil)
        if let handle = try? FileHandle(forWritingTo: url) {
            handle.write(data)
            try? handle.close()
        }
        indexDirty = false
    }

    private func scheduleIndexWrite() {
        indexDirty = true
        pendingIndexWrite?.cancel()
        pendingIndexWrite = Task { [weak self] in
            try? await Task.sleep(nanoseconds: 2_000_000_000)
            guard !Task.isCancelled else { return }
            await self?.saveIndex()
        }
    }

    public func flush() { saveIndex() }

    // MARK: - Sweep

    func totalSizeOfEntries() -> Int { index.values.reduce(0) { $0 + $1.size } }

    /// Removes least recently accessed entries until the total is under 70% of `sizeLimit`.
    func sweep() {
        let target = Int(Double(sizeLimit) * 0.7)
        var total = totalSizeOfEntries()
        let ordered = index.sorted { $0.value.accessDate > $1.value.accessDate }
        for (key, entry) in ordered where total > target {
            try? fileManager.removeItem(at: url(for: entry.filename))
            index[key] = nil
            total -= entry.size
        }
        Log.info(.disk, "sweep done: total=\(total / 1_048_576)MB limit=\(sizeLimit / 1_048_576)MB")
        scheduleIndexWrite()
    }

    // MARK: - Files

    func filename(for key: String) -> String {
        switch filenameStrategy {
        case .hashed:
            return SHA256Lite.hex(of: Data(key.utf8))
        case .readable:
            return key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? SHA256Lite.hex(of: Data(key.utf8))
        }
    }

    private func url(for filename: String) -> URL { directory.appendingPathComponent(filename) }

    private func ensureDirectory() throws {
        if !fileManager.fileExists(atPath: directory.path) {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        }
    }
}

/// Small non-cryptographic stand-in used for file names (FNV-1a, 4 lanes), so
/// the core module has no CryptoKit dependency on Linux.
enum SHA256Lite {
    static func hex(of data: Data) -> String {
        var lanes: [UInt64] = [0xcbf29ce484222325, 0x84222325cbf29ce4, 0x100000001b3, 0x9e3779b97f4a7c15]
        for (i, byte) in data.enumerated() {
            let l = i % 4
            lanes[l] = (lanes[l] ^ UInt64(byte)) &* 0x100000001b3
        }
        return lanes.map { String(format: "%016llx", $0) }.joined()
    }
}
