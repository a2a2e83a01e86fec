import Foundation
import Hummingbird
import NIOCore
import RecallCore
import RecallRestore

/// What an Exchange action works on, from the path (and an `items` list): shared by v3's `…/Action` and the
/// one-URL-per-action routes of v6–v8.
struct ExchangeActionTargets: Sendable {
    let env: APIEnvironment

    /// A path segment as sent: clients such as the `veeam-365` SDK percent-encode ids (`==` arrives as `%3D%3D`).
    static func decoded(_ segment: String?) -> String {
        guard let segment else { return "" }
        return segment.removingPercentEncoding ?? segment
    }

    func organization(_ session: RestoreSession) async throws -> ActionTarget {
        let organization = try await env.sessions.organization(of: session)
        return ActionTarget(scope: .organization, name: organization.name, type: "Organization", source: organization.name)
    }

    func mailbox(_ context: RecallRequestContext, _ session: RestoreSession) async throws -> ActionTarget {
        let mailbox = try await env.explorer.mailbox(try context.pathID("mailboxId"), in: session)
        return ActionTarget(scope: .mailbox(mailbox.id), name: mailbox.address, type: "Mailbox", source: mailbox.address)
    }

    func folder(_ context: RecallRequestContext, _ session: RestoreSession) async throws -> ActionTarget {
        let mailbox = try await env.explorer.mailbox(try context.pathID("mailboxId"), in: session)
        let id = try V3ExchangeIDs.folder(from: Self.decoded(context.pathParameters.get("folderId")))
        let folder = try await env.explorer.folder(id, of: mailbox, in: session)
        return ActionTarget(scope: .folder(mailbox.id, folder.id), name: folder.name, type: "Folder", source: "\(mailbox.address)/\(MailFolder.key(folder.path))")
    }

    /// The most items one action names (a list of 10 000 ids is about half of the 1 MiB a body may hold).
    static let maxItems = 10_000

    /// `"items": [{"id": …}, …]` of one mailbox; every id must be an item the session shows.
    func items(_ list: InputValue?, _ context: RecallRequestContext, _ session: RestoreSession, action: String) async throws -> (target: ActionTarget, count: Int) {
        let mailbox = try await env.explorer.mailbox(try context.pathID("mailboxId"), in: session)
        guard case .array(let entries)? = list, !entries.isEmpty else {
            throw APIError.badRequest("'\(action)' on several items needs \"items\": [{\"id\": \"…\"}, …].")
        }
        // Refused rather than cut: an action that silently left items out was reported as a success.
        guard entries.count <= Self.maxItems else {
            throw APIError.badRequest("'\(action)' takes at most \(Self.maxItems) items per request; \(entries.count) were sent.")
        }
        var versions: [Int64] = []
        for entry in entries {
            guard let id = entry["id"]?.stringValue else { throw APIError.badRequest("Each entry of \"items\" needs an \"id\".") }
            let version = try V3ExchangeIDs.item(from: id)
            _ = try await env.explorer.item(version, of: mailbox, in: session)
            versions.append(version)
        }
        return (ActionTarget(scope: .items(mailbox.id, versions), name: "\(versions.count) items", type: "Items", source: mailbox.address), versions.count)
    }

    func item(_ context: RecallRequestContext, _ session: RestoreSession) async throws -> ActionTarget {
        let mailbox = try await env.explorer.mailbox(try context.pathID("mailboxId"), in: session)
        let version = try V3ExchangeIDs.item(from: Self.decoded(context.pathParameters.get("itemId")))
        let item = try await env.explorer.item(version, of: mailbox, in: session)
        let subject = item.metadata.subject.isEmpty ? "(no subject)" : item.metadata.subject
        return ActionTarget(scope: .items(mailbox.id, [version]), name: subject, type: "Item", source: mailbox.address)
    }
}

/// Streamed file answers of the export and save actions. Each takes one of the user's export slots
/// (`ExportLimiter`) for as long as it streams, and stopping its session closes its connection at once: an export
/// waiting on a client that reads nothing would otherwise never reach its next stop check.
enum ExchangeFileResponses {
    static func mbox(_ env: APIEnvironment, _ context: RecallRequestContext, _ session: RestoreSession, _ target: ActionTarget) throws -> Response {
        let actions = env.actions
        return try stream(env, context, session, contentType: "application/mbox", fileName: target.fileName(extension: "mbox")) { write in
            try await actions.exportMbox(session, target, write: write)
        }
    }

    static func eml(_ env: APIEnvironment, _ context: RecallRequestContext, _ session: RestoreSession, _ target: ActionTarget, several: Bool) throws -> Response {
        let actions = env.actions
        return try stream(
            env, context, session, contentType: several ? "application/zip" : "message/rfc822", fileName: target.fileName(extension: several ? "zip" : "eml")
        ) { write in
            try await actions.saveEml(session, target, asZip: several, write: write)
        }
    }

    private static func stream(
        _ env: APIEnvironment, _ context: RecallRequestContext, _ session: RestoreSession, contentType: String, fileName: String,
        produce: @escaping @Sendable (_ write: ([UInt8]) async throws -> Void) async throws -> Void
    ) throws -> Response {
        let slot = try env.exports.acquire(for: try context.requireUser().id)
        let channel = context.channel
        let registry = env.sessions.actions
        return Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(fileName)\""],
            body: ResponseBody { writer in
                let forget = registry.whenStopped(session.id) { channel.close(promise: nil) }
                defer {
                    forget()
                    slot.release()
                }
                var buffer = ByteBuffer()
                try await produce { bytes in try await write(bytes, reusing: &buffer, to: &writer) }
                try await writer.finish(nil)
            }
        )
    }

    /// Sends one chunk through `buffer`, whose memory is reused once NIO has sent the chunk before it. A new ByteBuffer per
    /// chunk was rounded up to 128 KB, which malloc maps and unmaps each time, so every chunk was page-faulted in anew.
    private static func write(_ bytes: [UInt8], reusing buffer: inout ByteBuffer, to writer: inout any ResponseBodyWriter) async throws {
        buffer.clear(minimumCapacity: bytes.count)
        buffer.writeBytes(bytes)
        try await writer.write(buffer)
    }
}
