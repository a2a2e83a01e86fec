/// A correspondent of the demo organization, with its header and body
/// renderings precomputed once so message generation only copies bytes.
struct DemoPerson: Sendable {
    /// Display name as Unicode text, e.g. `Zoë Müller`.
    let displayName: String
    /// ASCII address, e.g. `zoe.mueller@demo.onmicrosoft.com`.
    let address: String
    /// First name as UTF-8 (greetings and signatures).
    let firstName: [UInt8]
    /// Full display name as UTF-8 (signatures).
    let fullName: [UInt8]
    /// `Name <address>` as it appears in From/To/Cc, RFC 2047 encoded if needed.
    let mailbox: [UInt8]
    /// Organization line used in signatures.
    let company: [UInt8]
    /// Domain part of the address as bytes.
    let domain: [UInt8]
    /// Whether the person belongs to the demo tenant.
    let isInternal: Bool
    /// Time zone offset used in this person's Date headers, in minutes.
    let offsetMinutes: Int

    /// Creates a person; the display name is encoded for headers when it is not ASCII.
    init(_ displayName: String, _ localPart: String, domain: String, company: String, offsetMinutes: Int = 0) {
        self.displayName = displayName
        self.address = "\(localPart)@\(domain)"
        let nameBytes = Array(displayName.utf8)
        self.fullName = nameBytes
        self.firstName = Array((displayName.split(separator: " ").first.map(String.init) ?? displayName).utf8)
        let rendered = DemoEncoding.isASCII(nameBytes) ? nameBytes : DemoEncoding.encodedWordQ(nameBytes)
        self.mailbox = rendered + Array(" <\(localPart)@\(domain)>".utf8)
        self.company = Array(company.utf8)
        self.domain = Array(domain.utf8)
        self.isInternal = domain == DemoPeople.domain
        self.offsetMinutes = offsetMinutes
    }
}
