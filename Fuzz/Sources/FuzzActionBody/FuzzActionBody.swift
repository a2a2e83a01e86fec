import Foundation
import FuzzSupport
import RecallCore
import RecallMail

// The decoding of action bodies, without the HTTP server around it. RecallHTTP's decoders of request bodies,
// `InputValue`, `InputJSONParser` (what a body without a form content type is read as) and `FormParser`
// (`application/x-www-form-urlencoded`), use nothing but the standard library, so this target compiles those three
// files itself (Wire/ holds links to them): a sanitizer build of RecallHTTP's dependencies (NIO, BoringSSL twice,
// Hummingbird, X509, GRDB) takes about half an hour on two cores, this one seconds. What the handlers then do with
// the value is mirrored from `RequestBody.action`, `V3ExploreRequest` and `V3RestoreRequest`, calling the same
// RecallCore functions: the single action key, `explore`'s options (v3's `{"explore": {…}}` and v6–v8's bare body)
// with `TimestampParser` and `SessionType`, and `restoreTo`'s mailbox (`Mailbox.validate`) and folder
// (`MailFolder.parse`, then the Maildir++ name a restore writes).
//
// Checks, besides not trapping: parsed JSON written back out parses to the same value; keys are lower-case as the
// binder matches them; a mailbox address that validates, and a folder path that parses, name a directory inside the
// restore target.

private let now = Timestamp(ticks: 639_000_000_000_000_000)

private func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// JSON text for `value`, or nil when it holds a number JSON cannot spell (`1e999` parses to infinity).
private func json(_ value: InputValue) -> String? {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return n.isFinite ? "\(n)" : nil
    case .string(let s): return quoted(s)
    case .array(let elements):
        var parts: [String] = []
        for element in elements {
            guard let text = json(element) else { return nil }
            parts.append(text)
        }
        return "[" + parts.joined(separator: ",") + "]"
    case .object(let members):
        var parts: [String] = []
        for (key, member) in members {
            check(key == key.lowercased(), "key \(key) is not lower-case")
            guard let text = json(member) else { return nil }
            parts.append(quoted(key) + ":" + text)
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}

private func checkKeysLowercased(_ value: InputValue) {
    switch value {
    case .object(let members):
        for (key, member) in members {
            check(key == key.lowercased(), "key \(key) is not lower-case")
            checkKeysLowercased(member)
        }
    case .array(let elements): elements.forEach(checkKeysLowercased)
    default: break
    }
}

private let restoreRoot = URL(fileURLWithPath: "/restore-target", isDirectory: true)

/// `V3ExploreRequest.options`: null for defaults, else an object with optional datetime, type and flags.
private func exploreOptions(_ value: InputValue) -> (time: Timestamp, type: SessionType?, flags: [Bool])? {
    if value.isNull { return (now, nil, []) }
    guard value.members != nil else { return nil }
    var time = now
    if let datetime = value["datetime"], !datetime.isNull {
        guard let text = datetime.stringValue, let parsed = TimestampParser.parse(text) else { return nil }
        time = parsed
    }
    var type: SessionType?
    if let raw = value["type"], !raw.isNull {
        guard let text = raw.stringValue, let parsed = SessionType(caseInsensitive: text) else { return nil }
        type = parsed
    }
    var flags: [Bool] = []
    for name in ["showDeleted", "showAllVersions"] {
        guard let raw = value[name], !raw.isNull else { continue }
        guard let flag = raw.boolValue else { return nil }
        flags.append(flag)
    }
    return (time, type, flags)
}

/// `V3RestoreRequest.options` and where `MaildirRestorer` would then write.
private func restoreOptions(_ value: InputValue) {
    guard !value.isNull, value.members != nil else { return }
    var mailbox = "user@example.com"
    if let raw = value["mailbox"], !raw.isNull {
        guard let address = raw.stringValue, Mailbox.isValid(address: address) else { return }
        mailbox = address
        check(!address.contains("/") && address != "." && address != "..", "mailbox address \(address) leaves the restore target")
    }
    var folder = ["Inbox"]
    if let raw = value["folder"], !raw.isNull {
        guard let text = raw.stringValue, let path = try? MailFolder.parse(text) else { return }
        check(!path.isEmpty && path.allSatisfy { !$0.isEmpty }, "folder path \(path) has an empty segment")
        folder = path
    }
    for key in ["changedItems", "deletedItems", "markRestoredAsUnread"] {
        guard let raw = value[key], !raw.isNull else { continue }
        guard raw.boolValue != nil else { return }
    }
    let name = MaildirFolderName.encode(folder)
    check(!name.contains("/"), "folder \(folder) becomes Maildir++ name \(name), which has a slash")
    check(MaildirFolderName.decode(name) == folder, "folder \(folder) does not survive its Maildir++ name \(name)")
    let directory = restoreRoot.appendingPathComponent(mailbox, isDirectory: true).appendingPathComponent(name, isDirectory: true)
    check(directory.standardizedFileURL.path.hasPrefix(restoreRoot.path + "/"), "\(mailbox) \(folder) leaves the restore target")
}

/// What the action handlers of every version do with a parsed body.
private func decodeActions(_ body: InputValue) {
    // v6–v8: the body itself is explore's or restoreTo's options.
    _ = exploreOptions(body)
    restoreOptions(body)
    // v3: `{"<action>": <options>}`, exactly one key (`RequestBody.action`).
    guard let members = body.members, members.count == 1, let (name, value) = members.first else { return }
    switch name {
    case "explore":
        if let options = exploreOptions(value), let text = value["datetime"]?.stringValue {
            check(options.time == TimestampParser.parse(text))
        }
    case "restoreto":
        restoreOptions(value)
    default:
        break
    }
}

/// `precondition` that names the broken property in optimized builds too (where `precondition` traps silently).
private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "", line: UInt = #line) {
    if !condition() { fatalError(message(), line: line) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? InputJSONParser.parse(bytes) {
        checkKeysLowercased(value)
        if let text = json(value) {
            let again: InputValue
            do {
                again = try InputJSONParser.parse(Array(text.utf8))
            } catch {
                fatalError("\(text) no longer parses: \(error.message)")
            }
            check(again == value, "\(text) parses to another value")
        }
        decodeActions(value)
    }
    if let value = try? FormParser.parse(bytes) {
        checkKeysLowercased(value)
        decodeActions(value)
    }
    _ = try? FormParser.pairs(bytes)
    return 0
}

@main enum Main {
    static func main() {
        exit(recall_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
            fuzz(data ?? UnsafePointer(bitPattern: 1)!, size)  // libFuzzer reads no byte of an empty input
        })
    }
}
