import Hummingbird
import NIOCore
import RecallCore
import RecallRestore

/// `POST …/Organization[/Mailboxes/{id}[/Folders/{id} | /Items[/{id}]]]/Action`: export, save and restore.
struct V3ExchangeActionsController: Sendable {
    let env: APIEnvironment

    func organization(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, name, value) = try await open(request, context)
        let organization = try await env.sessions.organization(of: session)
        return try await perform(name, value, session, ActionTarget(scope: .organization, name: organization.name, type: "Organization", source: organization.name), itemsOnly: false)
    }

    func mailbox(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, name, value) = try await open(request, context)
        let mailbox = try await env.explorer.mailbox(try context.pathID("mailboxId"), in: session)
        return try await perform(name, value, session, ActionTarget(scope: .mailbox(mailbox.id), name: mailbox.address, type: "Mailbox", source: mailbox.address), itemsOnly: false)
    }

    func folder(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, name, value) = try await open(request, context)
        let mailbox = try await env.explorer.mailbox(try context.pathID("mailboxId"), in: session)
        let folder = try await env.explorer.folder(try V3ExchangeIDs.folder(from: context.parameters.get("folderId") ?? ""), of: mailbox, in: session)
        let target = ActionTarget(scope: .folder(mailbox.id, folder.id), name: folder.name, type: "Folder", source: "\(mailbox.address)/\(MailFolder.key(folder.path))")
        return try await perform(name, value, session, target, itemsOnly: false)
    }

    func items(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, name, value) = try await open(request, context)
        let mailbox = try await env.explorer.mailbox(try context.pathID("mailboxId"), in: session)
        guard case .array(let list)? = value["items"], !list.isEmpty else {
            throw APIError.badRequest("'\(name)' on several items needs \"items\": [{\"id\": \"…\"}, …].")
        }
        var versions: [Int64] = []
        for entry in list.prefix(10_000) {
            guard let id = entry["id"]?.stringValue else { throw APIError.badRequest("Each entry of \"items\" needs an \"id\".") }
            let version = try V3ExchangeIDs.item(from: id)
            _ = try await env.explorer.item(version, of: mailbox, in: session)
            versions.append(version)
        }
        let target = ActionTarget(scope: .items(mailbox.id, versions), name: "\(versions.count) items", type: "Items", source: mailbox.address)
        return try await perform(name, value, session, target, itemsOnly: true, several: versions.count > 1)
    }

    func item(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, name, value) = try await open(request, context)
        let mailbox = try await env.explorer.mailbox(try context.pathID("mailboxId"), in: session)
        let version = try V3ExchangeIDs.item(from: context.parameters.get("itemId") ?? "")
        let item = try await env.explorer.item(version, of: mailbox, in: session)
        let subject = item.metadata.subject.isEmpty ? "(no subject)" : item.metadata.subject
        let target = ActionTarget(scope: .items(mailbox.id, [version]), name: subject, type: "Item", source: mailbox.address)
        return try await perform(name, value, session, target, itemsOnly: true)
    }

    private func open(_ request: Request, _ context: RecallRequestContext) async throws -> (RestoreSession, String, InputValue) {
        let (session, _) = try await env.explorer.context(sessionID: try context.pathID("restoreSessionId"), user: try context.requireUser())
        let (name, value) = try RequestBody.action(try await RequestBody.read(request, context: context))
        return (session, name, value)
    }

    private func perform(_ name: String, _ value: InputValue, _ session: RestoreSession, _ target: ActionTarget, itemsOnly: Bool, several: Bool = false) async throws -> Response {
        let actions = env.actions
        switch name {
        case "exporttombox":
            return Response(
                status: .ok,
                headers: [.contentType: "application/mbox", .contentDisposition: "attachment; filename=\"\(target.fileName(extension: "mbox"))\""],
                body: ResponseBody { writer in
                    try await actions.exportMbox(session, target) { bytes in try await writer.write(ByteBuffer(bytes: bytes)) }
                    try await writer.finish(nil)
                }
            )
        case "savetoeml" where itemsOnly:
            return Response(
                status: .ok,
                headers: [
                    .contentType: several ? "application/zip" : "message/rfc822",
                    .contentDisposition: "attachment; filename=\"\(target.fileName(extension: several ? "zip" : "eml"))\"",
                ],
                body: ResponseBody { writer in
                    try await actions.saveEml(session, target, asZip: several) { bytes in try await writer.write(ByteBuffer(bytes: bytes)) }
                    try await writer.finish(nil)
                }
            )
        case "restoretooriginallocation", "restoreto":
            let options = try V3RestoreRequest.options(name == "restoreto" ? value : .null, original: name != "restoreto")
            let counts = try await actions.restore(session, target, options: options)
            return JSONResponse.make(.ok, .object([
                ("createdItemsCount", .int(Int64(counts.created))), ("mergedItemsCount", .int(Int64(counts.merged))),
                ("failedItemsCount", .int(Int64(counts.failed))), ("skippedItemsCount", .int(Int64(counts.skipped))),
            ]))
        case "exporttopst", "savetomsg", "sendtodefaultaddress", "sendtodifferentaddress":
            throw APIError(.notImplemented, message: "Recall does not support '\(name)' yet: use exporttoMbox (mbox), savetoEml (.eml or ZIP), restoretoOriginallocation or restoreTo (Maildir).")
        default:
            throw APIError.badRequest("Unknown action '\(name)': this resource supports exporttoMbox, \(itemsOnly ? "savetoEml, " : "")restoretoOriginallocation and restoreTo.")
        }
    }
}

/// Reads `restoreTo` options; `restoretoOriginallocation` uses the defaults (the item's own mailbox and folder).
enum V3RestoreRequest {
    static func options(_ value: InputValue, original: Bool) throws -> RestoreOptions {
        var options = RestoreOptions()
        guard !original, !value.isNull else { return options }
        guard value.members != nil else { throw APIError.badRequest("'restoreTo' must be an object.") }
        if let mailbox = value["mailbox"], !mailbox.isNull {
            guard let address = mailbox.stringValue else { throw APIError.badRequest("'mailbox' must be a string.") }
            try Mailbox.validate(address: address)
            options.targetMailbox = address
        }
        if let folder = value["folder"], !folder.isNull {
            guard let text = folder.stringValue else { throw APIError.badRequest("'folder' must be a string.") }
            options.targetFolder = try MailFolder.parse(text)
        }
        for (key, path) in [("changedItems", \RestoreOptions.changedItems), ("deletedItems", \.deletedItems), ("markRestoredAsUnread", \.markRestoredAsUnread)] {
            guard let raw = value[key], !raw.isNull else { continue }
            guard let flag = raw.boolValue else { throw APIError.badRequest("The value of '\(key)' must be true or false.") }
            options[keyPath: path] = flag
        }
        return options
    }
}
