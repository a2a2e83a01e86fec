import Hummingbird
import NIOCore
import RecallCore
import RecallRestore

/// `POST …/Organization[/Mailboxes/{id}[/Folders/{id} | /Items[/{id}]]]/Action`: export, save and restore.
struct V3ExchangeActionsController: Sendable {
    let env: APIEnvironment

    private var targets: ExchangeActionTargets { ExchangeActionTargets(env: env) }

    func organization(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, name, value) = try await open(request, context)
        return try await perform(name, value, session, try await targets.organization(session), context, itemsOnly: false)
    }

    func mailbox(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, name, value) = try await open(request, context)
        return try await perform(name, value, session, try await targets.mailbox(context, session), context, itemsOnly: false)
    }

    func folder(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, name, value) = try await open(request, context)
        return try await perform(name, value, session, try await targets.folder(context, session), context, itemsOnly: false)
    }

    func items(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, name, value) = try await open(request, context)
        let target = try await targets.items(value["items"], context, session, action: name)
        return try await perform(name, value, session, target.target, context, itemsOnly: true, several: target.count > 1)
    }

    func item(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, name, value) = try await open(request, context)
        return try await perform(name, value, session, try await targets.item(context, session), context, itemsOnly: true)
    }

    private func open(_ request: Request, _ context: RecallRequestContext) async throws -> (RestoreSession, String, InputValue) {
        let (session, _) = try await env.explorer.context(sessionID: try context.pathID("restoreSessionId"), user: try context.requireUser())
        let (name, value) = try RequestBody.action(try await RequestBody.read(request, context: context))
        return (session, name, value)
    }

    private func perform(
        _ name: String, _ value: InputValue, _ session: RestoreSession, _ target: ActionTarget, _ context: RecallRequestContext, itemsOnly: Bool, several: Bool = false
    ) async throws -> Response {
        let actions = env.actions
        switch name {
        case "exporttombox":
            return try ExchangeFileResponses.mbox(env, context, session, target)
        case "savetoeml" where itemsOnly:
            return try ExchangeFileResponses.eml(env, context, session, target, several: several)
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
