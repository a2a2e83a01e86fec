import Foundation

/// Opens a file Recall produced with a program no one here wrote (Info-ZIP's `unzip`, Python's `zipfile` and
/// `mailbox`): a corrupt ZIP once shipped because only Recall's own code had ever read one.
enum OutsideReader {
    struct Result {
        let status: Int32
        let output: String
    }

    /// Writes `bytes` to a temporary file named `name` and runs `arguments` (the program first, found on PATH) with
    /// `{}` replaced by the file's path.
    static func run(_ arguments: [String], bytes: [UInt8], name: String) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recall-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return try run(arguments, path: file.path)
    }

    /// Runs `arguments` (the program first, found on PATH) with `{}` replaced by `path`.
    static func run(_ arguments: [String], path: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments.map { $0 == "{}" ? path : $0 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }

    /// `unzip -t` over a ZIP: status 0 when every entry's CRC and the directory check out.
    static func unzipTest(_ bytes: [UInt8]) throws -> Result {
        try run(["unzip", "-t", "{}"], bytes: bytes, name: "archive.zip")
    }

    /// Python's `zipfile`: the names of the entries and a SHA-256 of each one's bytes, one `name sha256` per line, after
    /// `testzip()` found every CRC right.
    static func pythonZip(_ bytes: [UInt8]) throws -> Result {
        let script = """
        import hashlib, sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            bad = z.testzip()
            if bad is not None:
                sys.exit("bad entry: " + bad)
            for info in z.infolist():
                print(info.filename, hashlib.sha256(z.read(info)).hexdigest())
        """
        return try run(["python3", "-c", script, "{}"], bytes: bytes, name: "archive.zip")
    }

    /// Python's `mailbox.mbox`: one line per message, its Subject and the SHA-256 of its stored bytes.
    static func pythonMbox(_ bytes: [UInt8]) throws -> Result {
        let script = """
        import hashlib, mailbox, sys
        box = mailbox.mbox(sys.argv[1], create=False)
        for key in box.keys():
            print(box[key]["Subject"], hashlib.sha256(box.get_bytes(key)).hexdigest())
        """
        return try run(["python3", "-c", script, "{}"], bytes: bytes, name: "export.mbox")
    }
}
