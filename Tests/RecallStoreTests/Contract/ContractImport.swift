import Foundation
import RecallCore
import RecallStore

/// Writes restore points through `ImportStore` the way the importer does, so explore and export contracts have mail
/// to read without depending on the importer itself.
struct ContractImport {
    let store: any ContractStore
    let directory: URL
    static let organization = "contoso.onmicrosoft.com"
    static let address = "adele.vance@contoso.onmicrosoft.com"

    /// The bytes of a message whose subject is `subject`.
    static func bytes(_ subject: String) -> [UInt8] {
        Array("Subject: \(subject)\nMessage-ID: <\(subject)@contoso>\n\n\(subject), as the user wrote it.\n".utf8)
    }

    static func hash(_ subject: String) -> ContentHash { BlobPackWriter.hash(bytes(subject)) }

    /// One restore point at `time`: `new` messages by folder path and subject, `changed` (the previous version's id and
    /// the new subject, in Inbox) and `deleted` versions. Returns the mailbox.
    @discardableResult
    func run(
        at time: Timestamp, new: [(folder: String, subject: String)] = [], changed: [(previous: Int64, subject: String)] = [],
        deleted: [Int64] = []
    ) throws -> Mailbox {
        let ids = RandomIDGenerator()
        let mailbox = try store.mailboxForImport(organizationName: Self.organization, address: Self.address, ids: ids)
        let staging = try store.beginImport(dataDirectory: directory)
        let pack = try BlobPackWriter(dataDirectory: directory, id: staging.id)
        let subjects = new.map(\.subject) + changed.map(\.subject)
        var unknown = try staging.unknownBlobs(subjects.map(Self.hash))
        var blobs: [StagedBlob] = []
        for subject in subjects where unknown.remove(Self.hash(subject)) != nil {
            let bytes = Self.bytes(subject)
            blobs.append(StagedBlob(hash: Self.hash(subject), checksum: XXH64.hash(bytes), location: try pack.append(bytes)))
        }
        func message(_ folder: String, _ subject: String, _ outcome: StagedMessage.Outcome) -> StagedMessage {
            StagedMessage(
                folderKey: folder, outcome: outcome, hash: Self.hash(subject), size: Int64(Self.bytes(subject).count), flags: [],
                sourceName: nil, metadata: MessageMetadata(subject: subject, from: "adele@contoso", received: time, messageID: "<\(subject)@contoso>")
            )
        }
        var messages = new.map { message($0.folder, $0.subject, .new(ids.make())) }
        for change in changed {
            try staging.end(version: change.previous, as: .changed)
            messages.append(message("Inbox", change.subject, .changed(previousVersion: change.previous)))
        }
        for version in deleted { try staging.end(version: version, as: .deleted) }
        try staging.stage(blobs: blobs, messages: messages)
        if pack.isEmpty { pack.discard() } else { try pack.seal() }
        let folders = Set(["Inbox"] + new.map(\.folder)).sorted()
        _ = try store.commitImport(
            staging, mailbox: mailbox, organizationName: Self.organization, folders: folders, time: time, importedAt: time,
            source: "contract", ids: ids
        )
        return mailbox
    }
}
