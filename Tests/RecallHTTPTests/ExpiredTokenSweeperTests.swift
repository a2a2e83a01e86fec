import Foundation
import HummingbirdTesting
import Logging
@testable import RecallHTTP
import Testing

/// Expired tokens used to stay in the store forever: every login added two rows that nothing removed.
@Suite struct ExpiredTokenSweeperTests {
    @Test func expiredTokensAreDeleted_andLiveOnesKeepWorking() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let sweeper = ExpiredTokenSweeper(auth: recall.env.auth, interval: .seconds(3600), logger: Logger(label: "test"))
        try await recall.withClient { client in
            _ = try await client.token()
            _ = try await client.token()
            #expect(try await sweeper.sweep() == 0)
            // Past the access tokens' hour: the two access tokens go, the refresh tokens (14 days) stay.
            recall.clock.advance(seconds: 3601)
            let fresh = try await client.login()
            #expect(try await sweeper.sweep() == 2)
            // Past the first two logins' refresh tokens and the third login's access token; its refresh token is live.
            recall.clock.advance(seconds: 14 * 86_400 - 3600)
            #expect(try await sweeper.sweep() == 3)
            #expect(try await sweeper.sweep() == 0)
            let refresh = try #require(fresh["refresh_token"] as? String)
            let refreshed = try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(refreshed.status == .ok)
        }
    }
}
