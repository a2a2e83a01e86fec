import RecallCore

/// The OWIN-style token response of v3.
enum V3TokenJSON {
    static func make(_ tokens: AuthService.IssuedTokens, lifetime: Int64) -> JSONValue {
        .object([
            ("access_token", .string(tokens.accessToken)),
            ("token_type", .string("bearer")),
            // OWIN reports the seconds left when the response is written: one less than the lifetime.
            ("expires_in", .int(max(0, lifetime - 1))),
            ("refresh_token", .string(tokens.refreshToken)),
            ("userName", .string(tokens.userName)),
            (".issued", .string(WireTime.rfc1123(tokens.issuedAt))),
            (".expires", .string(WireTime.rfc1123(tokens.expiresAt))),
        ])
    }
}
