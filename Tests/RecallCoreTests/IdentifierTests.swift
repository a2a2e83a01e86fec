import Foundation
import RecallCore
import Testing

@Suite struct IdentifierTests {
    private struct Thing {}

    @Test func formatsAndParsesLikeFoundation_lowerCase() {
        for _ in 0..<1_000 {
            let uuid = UUID()
            let id = Identifier<Thing>(uuid)
            #expect(id.description == uuid.uuidString.lowercased())
            #expect(Identifier<Thing>(string: uuid.uuidString)?.uuid == uuid)
            #expect(Identifier<Thing>(string: id.description)?.uuid == uuid)
        }
        #expect(Identifier<Thing>(string: "7B2B1AE1-7bbb-4651-B479-bda7edc7838b")?.description == "7b2b1ae1-7bbb-4651-b479-bda7edc7838b")
    }

    @Test(arguments: [
        "", "not-a-guid", "7b2b1ae17bbb4651b479bda7edc7838b", "{7b2b1ae1-7bbb-4651-b479-bda7edc7838b}",
        "7b2b1ae1-7bbb-4651-b479-bda7edc7838", "7b2b1ae1-7bbb-4651-b479-bda7edc7838b0", "7b2b1ae1-7bbb-4651-b479_bda7edc7838b",
        "7b2b1ae1-7bbb-4651-b479-bda7edc7838g", "7b2b1ae1--bbb-4651-b479-bda7edc7838b", "7b2b1ae1-7bbb-4651-b479-bda7edc783é",
    ])
    func rejectsAnythingButTheCanonicalForm(text: String) {
        #expect(Identifier<Thing>(string: text) == nil)
    }
}
