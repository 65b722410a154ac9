import Foundation

/// LRU memory cache with a cost limit (bytes) and an optional entry TTL.
public final class MemoryCache<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    private final class Node {
        let key: Key
        var value: Value
        var cost: Int
        var expiration: Date?
        var prev: Node?
        var next: Node?
        init(key: Key, value: Value, cost: Int, expiration: Date?) {
            self.key = key; self.value = value; self.cost = cost; self.expiration = expiration
        }
    }

    public var costLimit: Int
    public var countLimit: Int
    /// When set, entries older than this are treated as misses.
    public var entryTTL: TimeInterval?
    public private(set) var totalCost = 0

    private var map: [Key: Node] = [:]
    private var head: Node?   // most recently used
    private var tail: Node?   // least recently used
    private let lock = NSLock()
    private let now: () -> Date

    public init(costLimit: Int = 100 * 1024 * 1024, countLimit: Int = .max, now: @escaping () -> Date = Date.init) {
        self.costLimit = costLimit
        self.countLimit = countLimit
        self.now = now
    }

    public var count: Int { lock.withLock { map.count } }

    public func value(forKey key: Key) -> Value? {
        lock.lock(); defer { lock.unlock() }
        guard let node = map[key] else { return nil }
        if let expiration = node.expiration, expiration > now() {
            remove(node)
            return nil
        }
        moveToFront(node)
        return node.value
    }

    public func set(_ value: Value, forKey key: Key, cost: Int = 0) {
        lock.lock(); defer { lock.unlock() }
        let expiration = entryTTL.map { now().addingTimeInterval($0) }
        if let existing = map[key] {
            existing.value = value
            existing.cost = cost
            existing.expiration = expiration
            totalCost += cost
            moveToFront(existing)
        } else {
            let node = Node(key: key, value: value, cost: cost, expiration: expiration)
            map[key] = node
            insertAtFront(node)
            totalCost += cost
        }
        trim(toCost: costLimit)
    }

    public func removeValue(forKey key: Key) {
        lock.lock(); defer { lock.unlock() }
        if let node = map[key] { remove(node) }
    }

    public func removeAll() {
        lock.lock(); defer { lock.unlock() }
        map.removeAll(); head = nil; tail = nil; totalCost = 0
    }

    func trim(toCost limit: Int) {
        while totalCost > limit || map.count > countLimit, let last = tail {
            remove(last)
        }
    }

    // MARK: - linked list

    private func insertAtFront(_ node: Node) {
        node.next = head; node.prev = nil
        head?.prev = node
        head = node
        if tail == nil { tail = node }
    }

    private func moveToFront(_ node: Node) {
        guard head !== node else { return }
        unlink(node)
        insertAtFront(node)
    }

    private func unlink(_ node: Node) {
        node.prev?.next = node.next
        node.next?.prev = node.prev
        if head === node { head = node.next }
        if tail === node { tail = node.prev }
        node.prev = nil; node.next = nil
    }

    private func remove(_ node: Node) {
        unlink(node)
        map[node.key] = nil
        totalCost -= node.cost
    }
}
