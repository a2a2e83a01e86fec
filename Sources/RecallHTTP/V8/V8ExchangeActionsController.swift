import Hummingbird
import RecallCore
import RecallRestore

/// v6–v8 Exchange actions, one URL each (`…/mailboxes/{id}/restoreTo`, `…/items/{id}/exportToPst`, …), backed
/// by the same engine as v3's `…/Action`. Restores answer `{"sessionId"}` on v8 and item counts on v6/v7; PST,
/// MSG and sending answer 501; `exportToMbox` and `saveToEml` are Recall's extensions, as on v3.
struct V8ExchangeActionsController: Sendable {
    /// What a URL names, below the session's organization.
    enum Scope: Sendable { case organization, mailbox, folder, items, item }
    enum Kind: Sendable { case restore, restoreTo, exportToMbox, saveToEml, unsupported(String) }

    let env: APIEnvironment
    let version: APIVersion

    private var targets: ExchangeActionTargets { ExchangeActionTargets(env: env) }

    /// The handler for one action on one scope.
    func handler(_ kind: Kind, on scope: Scope) -> ServedRoute.Handler {
        { request, context in try await perform(kind, on: scope, request, context) }
    }

    private func perform(_ kind: Kind, on scope: Scope, _ request: Request, _ context: RecallRequestContext) async throws -> Response {
        let (session, _) = try await env.explorer.context(sessionID: try context.pathID("restoreSessionId"), user: try context.requireUser())
        if case .unsupported(let what) = kind {
            throw APIError(.notImplemented, message: "Recall does not support \(what) yet: use restore, restoreTo (Maildir), exportToMbox or saveToEml.")
        }
        let body = try await Self.optionalBody(request, context)
        let target: ActionTarget
        var several = false
        switch scope {
        case .organization: target = try await targets.organization(session)
        case .mailbox: target = try await targets.mailbox(context, session)
        case .folder: target = try await targets.folder(context, session)
        case .item: target = try await targets.item(context, session)
        case .items:
            let found = try await targets.items(body["items"], context, session, action: request.uri.path.split(separator: "/").last.map(String.init) ?? "")
            target = found.target
            several = found.count > 1
        }
        switch kind {
        case .exportToMbox:
            return try ExchangeFileResponses.mbox(env, context, session, target)
        case .saveToEml:
            return try ExchangeFileResponses.eml(env, context, session, target, several: several)
        case .restore, .restoreTo:
            var options = try V3RestoreRequest.options(body, original: true)
            if case .restoreTo = kind { options = try V3RestoreRequest.options(body, original: false) }
            let counts = try await env.actions.restore(session, target, options: options)
            if version == .v8 { return JSONResponse.make(.ok, .object([("sessionId", .string(session.id.description))])) }
            var pairs: [(String, JSONValue)] = [
                ("createdItemsCount", .int(Int64(counts.created))), ("mergedItemsCount", .int(Int64(counts.merged))),
                ("failedItemsCount", .int(Int64(counts.failed))), ("skippedItemsCount", .int(Int64(counts.skipped))),
            ]
            if scope == .mailbox || scope == .folder { pairs.append(("failedFoldersCount", .int(0))) }
            pairs += [("exceptions", .array([])), ("warnings", .array([]))]
            return JSONResponse.make(.ok, .object(pairs))
        case .unsupported:
            preconditionFailure("answered above")
        }
    }

    /// The JSON body, or an empty object when there is none (several of these actions take no body).
    private static func optionalBody(_ request: Request, _ context: RecallRequestContext) async throws -> InputValue {
        let body = try await RequestBody.read(request, context: context, empty: .object([:]))
        guard body.members != nil || body.isNull else { throw APIError.badRequest("The request body must be a JSON object.") }
        return body.isNull ? .object([:]) : body
    }
}
