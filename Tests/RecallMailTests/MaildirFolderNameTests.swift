import Foundation
import Testing
@testable import RecallMail

@Suite struct MaildirFolderNameTests {
    @Test func encodesAndDecodes() {
        #expect(MaildirFolderName.encode(["Sub", "Child"]) == ".Sub.Child")
        #expect(MaildirFolderName.encode([]) == "")
        #expect(MaildirFolderName.encode(["Café"]) == ".Caf&AOk-")
        #expect(MaildirFolderName.encode(["a.b/c", "R&D"]) == ".a&AC4-b&AC8-c.R&-D")
        #expect(MaildirFolderName.decode(".Sub.Child") == ["Sub", "Child"])
        #expect(MaildirFolderName.decode(".a&AC4-b&AC8-c.R&-D") == ["a.b/c", "R&D"])
    }

    @Test(arguments: [["Entwürfe"], ["日本語", "メール"], ["Emoji 📬", "x"], ["&&", "-&-"]])
    func roundTrips(_ path: [String]) {
        #expect(MaildirFolderName.decode(MaildirFolderName.encode(path)) == path)
    }

    @Test func modifiedUTF7Vectors() {
        #expect(ModifiedUTF7.encode("~peter/mail/日本語/台北") == "~peter/mail/&ZeVnLIqe-/&U,BTFw-")
        #expect(ModifiedUTF7.decode("~peter/mail/&ZeVnLIqe-/&U,BTFw-") == "~peter/mail/日本語/台北")
        #expect(ModifiedUTF7.decode("Entw&APw-rfe") == "Entwürfe")
        #expect(ModifiedUTF7.decode("bad&!!-tail") == "bad&!!-tail")
        #expect(ModifiedUTF7.decode("open&AOk") == "opené")
        #expect(ModifiedUTF7.decode("&") == "&")
    }
}
