/// The OpenAPI 3.1 documents of the API versions Recall serves, as compact JSON; `scripts/openapi/generate.py`
/// writes them (`OpenAPIDocuments+V3.swift`, …) from the same definitions as the indented `docs/openapi/*.json`.
enum OpenAPIDocuments {
    /// The document for a version name (`v3`, `v6`, `v7`, `v8`), nil for others.
    static func document(for version: String) -> String? {
        switch version {
        case "v3": v3
        case "v6": v6
        case "v7": v7
        case "v8": v8
        default: nil
        }
    }
}
