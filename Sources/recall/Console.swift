import Foundation
import RecallCore

/// Lines for the person running `recall`, flushed at once so they reach a pipe or log file immediately.
///
/// Every line passes through `escapingControlCharacters`: much of what `recall` prints comes from mail or from the
/// file system (subjects, folder and file names, addresses), and a control character in it must not reach the
/// terminal (`ESC ]` retitles a window, `ESC [2J` clears it, `\r` overwrites a line, `\n` forges one).
enum Console {
    static func line(_ text: String) {
        print(text.escapingControlCharacters)
        fflush(nil)
    }

    /// Tab-separated fields, each escaped (so a tab inside one cannot shift the columns).
    static func row(_ fields: String...) {
        print(fields.map(\.escapingControlCharacters).joined(separator: "\t"))
        fflush(nil)
    }

    /// A line on standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.escapingControlCharacters + "\n").utf8))
    }

    /// Standard error, unbuffered, without a line end (the progress bar redraws itself with `\r`).
    static func errorRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
