import Hummingbird
import RecallCore

/// The OAuth 2 password and refresh-token grants of every version's token endpoint: reads the form or JSON body,
/// answers OAuth-shaped errors. Other fields (`disable_antiforgery_token`, `client_id`, …) are accepted and ignored.
enum TokenGrant {
    static func issue(_ request: Request, context: RecallRequestContext, auth: AuthService) async throws -> AuthService.IssuedTokens {
        let body: InputValue
        do {
            body = try await RequestBody.read(request, context: context)
        } catch let error as APIError where error.status == .badRequest {
            throw APIError.oauth("invalid_request", "The request body must carry grant_type and its parameters.")
        }
        guard let grant = body["grant_type"]?.stringValue else {
            throw APIError.oauth("unsupported_grant_type", "grant_type must be 'password' or 'refresh_token'.")
        }
        let issued: AuthService.IssuedTokens?
        switch grant {
        case "password":
            guard let userName = body["username"]?.stringValue, let password = body["password"]?.stringValue,
                  !userName.isEmpty, !password.isEmpty
            else { throw APIError.oauth("invalid_request", "The password grant needs username and password.") }
            // A name no user can have is refused before the store (which ends a text at NUL, so `admin%00x` found
            // `admin`) and before the throttle (each such spelling had its own failure budget, kept whole in memory).
            guard (try? User.validate(name: userName)) != nil else {
                throw APIError.oauth(
                    "invalid_request", "The user name must be 1 to 128 characters (at most 512 bytes), without control characters or surrounding spaces."
                )
            }
            issued = try await throttled { try await auth.passwordGrant(userName: userName, password: password, clientAddress: context.remoteAddress) }
            guard issued != nil else { throw APIError.oauth("invalid_grant", "The user name or password is incorrect.") }
        case "refresh_token":
            guard let refreshToken = body["refresh_token"]?.stringValue, !refreshToken.isEmpty, refreshToken.utf8.count <= 512 else {
                throw APIError.oauth("invalid_request", "The refresh_token grant needs refresh_token.")
            }
            issued = try await throttled { try await auth.refreshGrant(refreshToken: refreshToken, clientAddress: context.remoteAddress) }
            guard issued != nil else { throw APIError.oauth("invalid_grant", "The refresh token is invalid, expired or already used.") }
        default:
            throw APIError.oauth("unsupported_grant_type", "grant_type must be 'password' or 'refresh_token'.")
        }
        guard let issued else { throw APIError.oauth("invalid_grant", "The grant was refused.") }
        return issued
    }

    /// 429 with `Retry-After` when the throttle says so.
    private static func throttled<T>(_ grant: () async throws -> T) async throws -> T {
        do {
            return try await grant()
        } catch let throttled as AuthService.Throttled {
            throw APIError(
                .tooManyRequests, message: "Too many failed sign-in attempts. Try again in \(throttled.retryAfter) seconds.",
                headers: [.retryAfter: String(throttled.retryAfter)]
            )
        }
    }

    /// The headers OWIN puts on a token answer.
    static let headers: HTTPFields = [.cacheControl: "no-cache", .init("Pragma")!: "no-cache", .expires: "-1"]
}
