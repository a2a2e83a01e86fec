import Foundation
import Testing
@testable import RecallBackup
@testable import RecallCore
@testable import RecallStore

@Suite struct LargeMessageImportTests {
    /// Messages bigger than the pack's write buffer go straight to the file, and a run of them makes the reader wait
    /// for the writer (in-flight budget): the stored bytes must still be exactly the messages, in order, next to
    /// small messages that went through the buffer.
    @Test func largeAndSmallMessages_areStoredByteForByte() throws {
        let fixture = try RepositoryFixture()
        let line = String(repeating: "0123456789abcdef", count: 4) + "\n"  // 65 bytes
        let large = (0..<3).map { n in
            Mail.message(id: "large-\(n)@x", subject: "Large \(n)", body: String(repeating: "\(n)" + line, count: 5 << 20 / 66))
        }
        let messages = [Mail.message(id: "a@x", subject: "A"), large[0], large[1], Mail.message(id: "b@x", subject: "B"), large[2]]
        let summary = try fixture.importMbox(try fixture.file("large", Mail.mbox(messages)), day: 5)
        #expect(summary.new == 5)
        let rows = try fixture.versions()
        #expect(rows.map { $0["subject"] as String } == ["A", "Large 0", "Large 1", "B", "Large 2"])
        for (row, message) in zip(rows, messages) {
            let expected = Array((message.utf8.last == 0x0A ? message : message + "\n").utf8)
            #expect(try fixture.bytes(of: row) == expected)
        }
        #expect(try fixture.store.verifyRepository(blobs: BlobReader(dataDirectory: fixture.directory)).problems.isEmpty)
    }
}
