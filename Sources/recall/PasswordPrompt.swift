import ArgumentParser
import Foundation

/// Reads a password from standard input: a line when piped (`--password-stdin`), or typed twice without echo.
enum PasswordPrompt {
    static func read(fromStdin: Bool) throws -> String {
        if fromStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("No password on standard input.")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw ValidationError("Standard input is not a terminal: pass --password-stdin and pipe the password in.")
        }
        let first = try readHidden(prompt: "Password: ")
        let second = try readHidden(prompt: "Repeat password: ")
        guard first == second else { throw ValidationError("The passwords do not match.") }
        guard !first.isEmpty else { throw ValidationError("The password is empty.") }
        return first
    }

    private static func readHidden(prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }

    /// A random password for `serve --demo`: 20 characters from an unambiguous alphabet.
    static func random() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
