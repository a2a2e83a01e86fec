import Foundation
import FuzzSupport
import RecallMail

// One message as the importer sees it: the header section (unfolding, 8-bit bytes), the summary the store keeps
// (RFC 2047 encoded words in any charset, address lists and groups, RFC 5322 dates, Message-ID) and the MIME tree
// (boundaries, nesting, RFC 2231 parameters, attachment names). Every header value is also run through each header
// decoder on its own, whatever its field name, and through the Maildir++ folder-name encoding.
//
// Checks, besides not trapping: the body offset is inside the message; text without `=?` decodes to itself; a main
// MIME value and parameter names are lower-case; a folder name decodes to what was encoded.

private func hasASCIIUpper(_ s: String) -> Bool { s.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } }

/// `precondition` that names the broken property in optimized builds too (where `precondition` traps silently).
private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "", line: UInt = #line) {
    if !condition() { fatalError(message(), line: line) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    let summary = MessageSummary.parse(bytes)
    check(!hasASCIIUpper(summary.contentType), "content type \(summary.contentType) is not lower-case")
    check(summary.attachmentNames.count <= 10_000)
    if !summary.attachmentNames.isEmpty { check(summary.hasAttachments) }

    let headers = MessageHeaders.parse(bytes)
    check((0...size).contains(headers.bodyOffset), "body offset \(headers.bodyOffset) outside 0...\(size)")
    for (index, field) in headers.fields.prefix(32).enumerated() {
        let value = field.value
        let decoded = EncodedWordDecoder.decode(value)
        if !value.utf8.contains(0x3F) || !value.utf8.contains(0x3D) {  // no `?` or no `=`: cannot hold `=?`
            check(decoded.text == value && decoded.warnings.isEmpty, "text without encoded words changed")
        }
        let mime = MIMEHeaderValue.parse(value)
        check(!hasASCIIUpper(mime.value), "MIME value \(mime.value) is not lower-case")
        for name in mime.parameters.keys { check(!hasASCIIUpper(name), "parameter name \(name) is not lower-case") }
        _ = AddressListParser.parse(value)
        _ = CharsetDecoder.decodeWithFallback(Array(value.utf8), charset: field.name)

        // Maildir++ names come from folder names, not headers, but header text is varied input; UTF-7 is slow, so only
        // the short values of the first fields.
        if index < 8, value.utf8.count <= 256 {
            let component = MaildirFolderName.encode([value])
            check(!component.dropFirst().contains(".") && !component.contains("/"), "folder name \(component) has a separator")
            if !value.isEmpty { check(MaildirFolderName.decode(component) == [value], "a Maildir++ folder name does not round-trip") }
        }
        _ = MaildirFolderName.decode(value)
    }
    return 0
}

@main enum Main {
    static func main() {
        exit(recall_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
            fuzz(data ?? UnsafePointer(bitPattern: 1)!, size)  // libFuzzer reads no byte of an empty input
        })
    }
}
