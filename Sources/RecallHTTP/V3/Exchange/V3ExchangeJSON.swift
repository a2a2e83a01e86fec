import RecallCore

/// v3 representations of mailboxes, folders and mail items inside a restore session (docs/api.md, "Mailboxes, folders and items").
enum V3ExchangeJSON {
    static func mailboxPath(_ session: RestoreSession, _ mailbox: Mailbox) -> String {
        String(concatenating: "restoresessions/", session.id.description, "/organization/mailboxes/", mailbox.id.description)
    }

    static func mailbox(_ mailbox: Mailbox, session: RestoreSession, links: V3Links) -> JSONValue {
        let path = mailboxPath(session, mailbox)
        return .object([
            ("id", .string(mailbox.id.description)),
            ("name", .string(mailbox.displayName)),
            ("email", .string(mailbox.address)),
            ("isArchive", .bool(false)),
            ("_links", .object([
                ("self", links.href(path)),
                ("folders", links.href("\(path)/folders?parentId=null")),
                ("allfolders", links.href("\(path)/folders")),
            ])),
        ])
    }

    static func folder(_ folder: MailFolder, mailbox: Mailbox, session: RestoreSession, links: V3Links) -> JSONValue {
        let base = mailboxPath(session, mailbox)
        let id = V3ExchangeIDs.folder(folder.id)
        let parent = folder.parentID.map { links.href(String(concatenating: base, "/folders/", V3ExchangeIDs.folder($0))) } ?? links.href(base)
        return .object([
            ("id", .string(id)),
            ("name", .string(folder.name)),
            ("type", .string("None")),
            ("description", .string("")),
            ("_links", .object([
                ("self", links.href(String(concatenating: base, "/folders/", id))),
                ("parent", parent),
                ("mailbox", links.href(base)),
                ("folders", links.href(String(concatenating: base, "/folders?parentId=", id))),
                ("items", links.href(String(concatenating: base, "/items?folderId=", id))),
            ])),
        ])
    }

    static func item(_ item: ItemVersion, mailbox: Mailbox, session: RestoreSession, links: V3Links) -> JSONValue {
        let base = mailboxPath(session, mailbox)
        let m = item.metadata
        return .object([
            "id": .string(V3ExchangeIDs.item(item.versionID)),
            "itemClass": .string(m.itemClass),
            "from": .string(m.from),
            "cc": .string(m.cc.joined(separator: "; ")),
            "bcc": .string(""),
            "to": .string(m.to.joined(separator: "; ")),
            "sent": m.sent.map { .string(WireTime.iso($0)) },
            "received": m.received.map { .string(WireTime.iso($0)) },
            "reply": .string(""),
            "subject": .string(m.subject),
            "_links": .object([
                ("self", links.href(String(concatenating: base, "/items/", V3ExchangeIDs.item(item.versionID)))),
                ("parent", links.href(String(concatenating: base, "/folders/", V3ExchangeIDs.folder(item.folderID)))),
                ("mailbox", links.href(base)),
            ]),
        ])
    }
}
