import Synchronization

/// The open connections of each client address, shared by every connection of one server: one address may hold at
/// most `limit`, so a flood of idle connections from one host cannot use up the process's file descriptors and
/// shut everyone else out. Counted once per connection (accept and close), never per request.
final class ConnectionsPerAddress: Sendable {
    let limit: Int
    private let open = Mutex<[String: Int]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one more connection from `address`, or false when it already has `limit`.
    func admit(_ address: String) -> Bool {
        open.withLock { open in
            let count = open[address, default: 0]
            guard count < limit else { return false }
            open[address] = count + 1
            return true
        }
    }

    func release(_ address: String) {
        open.withLock { open in
            let count = open[address, default: 1] - 1
            open[address] = count > 0 ? count : nil
        }
    }

    /// Connections open from `address` now.
    func count(_ address: String) -> Int {
        open.withLock { $0[address, default: 0] }
    }
}
