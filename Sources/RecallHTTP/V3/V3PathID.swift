import Hummingbird
import RecallCore

extension RecallRequestContext {
    /// A GUID path parameter; 400 in the API's shape when it is not one.
    func pathID<Subject>(_ name: String, as _: Subject.Type = Subject.self) throws -> Identifier<Subject> {
        guard let raw = pathParameters.get(name), let id = Identifier<Subject>(string: raw) else {
            throw APIError.badRequest("The request is invalid: '\(pathParameters.get(name) ?? "")' is not a valid GUID.")
        }
        return id
    }
}
