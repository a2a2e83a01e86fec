import Foundation
import Logging
import RecallCore
import Synchronization

/// Where `ConsoleLogHandler` writes: a file descriptor (standard error for `recall serve`), in batches.
///
/// An access-log line per request was a tenth of the server's time when each was its own `write(2)`, so lines below
/// `warning` are gathered and written together at most 100 ms later (or at 64 KiB); a warning or worse is written at
/// once, after what is waiting, so order is kept. Lines are built straight into the waiting bytes, under the lock.
public final class LogOutput: Sendable {
    public static let standardError = LogOutput(fileDescriptor: STDERR_FILENO)

    private let fileDescriptor: Int32
    private let pending = Mutex(Pending())

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// The lines waiting to be written, and the clock's text for the current second.
    struct Pending {
        var bytes: [UInt8] = []
        var flusherStarted = false
        private var second = Int.min
        private var secondText: [UInt8] = []

        /// UTC with milliseconds, `2026-11-30T01:02:03.456Z`. The text up to the seconds is made with `gmtime_r` once a
        /// second (Foundation's formatters cost more than the rest of an access-log line, and the calendar fields
        /// change only once a second).
        mutating func appendTimestamp(_ now: timespec) {
            if now.tv_sec != second {
                second = now.tv_sec
                secondText = Self.secondText(now.tv_sec)
            }
            bytes += secondText
            DecimalDigits.append(Int(now.tv_nsec / 1_000_000), width: 3, to: &bytes)
            bytes.append(UInt8(ascii: "Z"))
        }

        /// The same text without the cache, for a JSON line's `time`.
        static func timestamp(_ now: timespec) -> String {
            var out = secondText(now.tv_sec)
            DecimalDigits.append(Int(now.tv_nsec / 1_000_000), width: 3, to: &out)
            out.append(UInt8(ascii: "Z"))
            return String(decoding: out, as: UTF8.self)
        }

        /// `2026-11-30T01:02:03.`
        static func secondText(_ second: Int) -> [UInt8] {
            var seconds = second
            var parts = tm()
            gmtime_r(&seconds, &parts)
            var out: [UInt8] = []
            out.reserveCapacity(20)
            for (value, width, separator) in [
                (Int(parts.tm_year) + 1900, 4, "-"), (Int(parts.tm_mon) + 1, 2, "-"), (Int(parts.tm_mday), 2, "T"), (Int(parts.tm_hour), 2, ":"),
                (Int(parts.tm_min), 2, ":"), (Int(parts.tm_sec), 2, "."),
            ] as [(Int, Int, Unicode.Scalar)] {
                DecimalDigits.append(value, width: width, to: &out)
                out.append(UInt8(ascii: separator))
            }
            return out
        }
    }

    /// Appends one line: `build` writes it (without the newline) into the waiting bytes.
    func write(level: Logger.Level, _ build: (inout Pending) -> Void) {
        pending.withLock { pending in
            build(&pending)
            pending.bytes.append(0x0A)
            if level >= .warning || pending.bytes.count >= 64 * 1024 {
                writeAll(pending.bytes)
                pending.bytes.removeAll(keepingCapacity: true)
            } else if !pending.flusherStarted {
                pending.flusherStarted = true
                // Ends with the output (one a test made); standard error's lives as long as the process.
                Thread.detachNewThread { [weak self] in
                    while true {
                        usleep(100_000)
                        guard let self else { return }
                        self.flush()
                    }
                }
            }
        }
    }

    /// Writes whatever is waiting (the server calls it before it exits).
    public func flush() {
        pending.withLock { pending in
            guard !pending.bytes.isEmpty else { return }
            writeAll(pending.bytes)
            pending.bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Called with `pending` locked, so batches never interleave or overtake each other.
    private func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                // Qualified through Foundation, which re-exports Glibc or Darwin, so the package still builds on macOS.
                let written = Foundation.write(fileDescriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    static func now() -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now
    }
}
