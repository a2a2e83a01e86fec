import Foundation
import RecallBackup
import RecallCore

/// Import progress on standard error: a redrawn bar on a terminal, a log line every few seconds otherwise.
final class ConsoleProgress: ImportProgress {
    private let label: String
    private let started = Date()
    private var lastPrint = Date.distantPast
    private let isTerminal = isatty(STDERR_FILENO) == 1

    init(label: String) {
        self.label = label.escapingControlCharacters
    }

    func waitingForAnotherImport() {
        Console.error("\(label): waiting for another import of this mailbox to finish…")
    }

    func update(messages: Int, bytesDone: UInt64, bytesTotal: UInt64) {
        let now = Date()
        guard now.timeIntervalSince(lastPrint) >= (isTerminal ? 0.2 : 5) else { return }
        lastPrint = now
        let elapsed = max(0.001, now.timeIntervalSince(started))
        let rate = Double(bytesDone) / elapsed
        let fraction = bytesTotal > 0 ? min(1, Double(bytesDone) / Double(bytesTotal)) : 0
        let eta = rate > 0 && bytesTotal > bytesDone ? Int(Double(bytesTotal - bytesDone) / rate) : 0
        let figures = "\(messages) msgs, \(Self.megabytes(bytesDone))/\(Self.megabytes(bytesTotal)) MB, \(String(format: "%.1f", rate / 1_048_576)) MB/s, \(String(format: "%.0f", Double(messages) / elapsed)) msg/s, ETA \(eta)s"
        if isTerminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            Console.errorRaw("\r\(label) [\(bar)] \(Int(fraction * 100))% \(figures)   ")
        } else {
            Console.error("\(label): \(figures)")
        }
    }

    /// Ends the bar's line on a terminal.
    func finish() {
        if isTerminal, lastPrint != .distantPast { Console.errorRaw("\n") }
    }

    private static func megabytes(_ bytes: UInt64) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }
}
