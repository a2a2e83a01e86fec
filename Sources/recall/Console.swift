import Foundation

/// Lines for the person running `recall`, flushed at once so they reach a pipe or log file immediately.
enum Console {
    static func line(_ text: String) {
        print(text)
        fflush(nil)
    }
}
