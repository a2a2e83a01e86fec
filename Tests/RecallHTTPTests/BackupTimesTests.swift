import Foundation
import HummingbirdTesting
import RecallBackup
@testable import RecallCore
import Testing

@Suite struct BackupTimesTests {
    @Test func organizations_showFirstAndLastBackupTimes_afterImports() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let mbox = recall.directory.appendingPathComponent("in.mbox")
        try Data("From MAILER-DAEMON Mon Jan  5 10:00:00 2026\nSubject: A\nMessage-ID: <a@x>\n\nHi\n".utf8).write(to: mbox)
        let importer = MailboxImporter(store: recall.store, dataDirectory: recall.directory)
        for (day, address) in [(5, "adele@contoso.onmicrosoft.com"), (7, "alex@contoso.onmicrosoft.com"), (6, "adele@contoso.onmicrosoft.com")] {
            var source = try MboxSource(url: mbox, folder: ["Inbox"])
            _ = try importer.run(
                organization: "contoso.onmicrosoft.com", address: address,
                time: CivilTime(year: 2026, month: 1, day: day, hour: 22, minute: 7, second: 39, fraction: 4_361_193).timestamp,
                source: &source, description: "test"
            )
        }
        try await recall.withClient { client in
            let organization = try await client.get("/v3/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b", token: try await client.token()).jsonObject()
            #expect(organization["isBackedup"] as? Bool == true)
            #expect(organization["firstBackuptime"] as? String == "2026-01-05T22:07:39.4361193Z")
            #expect(organization["lastBackuptime"] as? String == "2026-01-07T22:07:39.4361193Z")
        }
    }
}
