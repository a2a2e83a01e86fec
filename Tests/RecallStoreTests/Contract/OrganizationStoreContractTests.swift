import Foundation
import RecallCore
import RecallStore
import Testing

/// Organizations and where their restores go.
@Suite struct OrganizationStoreContractTests {
    @Test(arguments: StoreUnderTest.all) func organizations_areFoundByIdAndName_andListedByName(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let (fabrikam, contoso) = (Contract.organization("fabrikam.onmicrosoft.com"), Contract.organization("contoso.onmicrosoft.com"))
            try await store.insert(fabrikam)
            try await store.insert(contoso)

            #expect(try await store.organizations().map(\.name) == ["contoso.onmicrosoft.com", "fabrikam.onmicrosoft.com"])
            #expect(try await store.organization(id: fabrikam.id)?.name == "fabrikam.onmicrosoft.com")
            #expect(try await store.organization(named: "contoso.onmicrosoft.com")?.id == contoso.id)
            #expect(try await store.organization(named: "northwind.onmicrosoft.com") == nil)
            await #expect(throws: RecallError.self) { try await store.insert(Contract.organization("contoso.onmicrosoft.com")) }
        }
    }

    @Test(arguments: StoreUnderTest.all) func aRestoreTarget_isSetAndReplaced_perOrganization(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let (contoso, fabrikam) = (Contract.organization("contoso.onmicrosoft.com"), Contract.organization("fabrikam.onmicrosoft.com"))
            try await store.insert(contoso)
            try await store.insert(fabrikam)

            #expect(try await store.restoreTarget(organizationID: contoso.id) == nil)
            try await store.setRestoreTarget(organizationID: contoso.id, maildirRoot: "/srv/restore/contoso")
            try await store.setRestoreTarget(organizationID: contoso.id, maildirRoot: "/srv/restore/contoso-2")
            #expect(try await store.restoreTarget(organizationID: contoso.id) == "/srv/restore/contoso-2")
            #expect(try await store.restoreTarget(organizationID: fabrikam.id) == nil)
        }
    }
}
