/// The fixed cast of the demo tenant: internal users (the first ones own the
/// mailboxes), external contacts and newsletter senders.
enum DemoPeople {
    /// Tenant domain of the synthetic organization.
    static let domain = "demo.onmicrosoft.com"

    /// Internal users; mailbox `n` belongs to `staff[n]`.
    static let staff: [DemoPerson] = [
        ("Adele Vance", "adele.vance"), ("Alex Wilber", "alex.wilber"),
        ("Zoë Müller", "zoe.mueller"), ("José Núñez", "jose.nunez"),
        ("Megan Bowen", "megan.bowen"), ("Diego Siciliani", "diego.siciliani"),
        ("Isaiah Langer", "isaiah.langer"), ("Johanna Lorenz", "johanna.lorenz"),
        ("François Lefèvre", "francois.lefevre"), ("Lidia Holloway", "lidia.holloway"),
        ("Søren Jørgensen", "soren.jorgensen"), ("Grady Archie", "grady.archie"),
        ("Henrietta Mueller", "henrietta.mueller"), ("Łukasz Wójcik", "lukasz.wojcik"),
        ("Irvin Sayers", "irvin.sayers"), ("Joni Sherman", "joni.sherman"),
        ("Chloé Dubois", "chloe.dubois"), ("Lee Gu", "lee.gu"),
        ("Lynne Robbins", "lynne.robbins"), ("Björn Ångström", "bjorn.angstrom"),
        ("Miriam Graham", "miriam.graham"), ("Nestor Wilke", "nestor.wilke"),
        ("Patti Fernandez", "patti.fernandez"), ("Çağla Yılmaz", "cagla.yilmaz"),
        ("Pradeep Gupta", "pradeep.gupta"), ("Christie Cline", "christie.cline"),
        ("Debra Berger", "debra.berger"), ("Emily Braun", "emily.braun"),
        ("Enrico Cattaneo", "enrico.cattaneo"), ("Allan Deyoung", "allan.deyoung"),
        ("Ana María Peña", "anamaria.pena"), ("Raúl Domínguez", "raul.dominguez"),
        ("Mónica Sánchez", "monica.sanchez"), ("Ingrid Kåsa", "ingrid.kasa"),
        ("Håkon Berg", "hakon.berg"), ("Aleksandra Nowak", "aleksandra.nowak"),
        ("Tomáš Dvořák", "tomas.dvorak"), ("Yuki Tanaka", "yuki.tanaka"),
        ("Wei Zhang", "wei.zhang"), ("Priya Raman", "priya.raman"),
        ("Noah Becker", "noah.becker"), ("Olivia Martin", "olivia.martin"),
        ("Liam O'Connor", "liam.oconnor"), ("Sofía Herrera", "sofia.herrera"),
        ("Mateus Gonçalves", "mateus.goncalves"), ("Elif Demir", "elif.demir"),
        ("Kwame Mensah", "kwame.mensah"), ("Fatima Haddad", "fatima.haddad"),
        ("Jürgen Weiß", "juergen.weiss"), ("Nadia Petrova", "nadia.petrova"),
        ("Oskar Lindqvist", "oskar.lindqvist"), ("Hannah Schmidt", "hannah.schmidt"),
    ].map { DemoPerson($0.0, $0.1, domain: domain, company: "Demo Corp") }

    /// External business contacts.
    static let external: [DemoPerson] = [
        DemoPerson("Ana Souza", "ana.souza", domain: "contoso.com", company: "Contoso Ltd.", offsetMinutes: -180),
        DemoPerson("Kenji Watanabe", "kenji.watanabe", domain: "fabrikam.co.jp", company: "Fabrikam Japan", offsetMinutes: 540),
        DemoPerson("Marie Lefèbvre", "marie.lefebvre", domain: "northwind.fr", company: "Northwind Traders", offsetMinutes: 60),
        DemoPerson("Tom Baker", "tom.baker", domain: "adventure-works.com", company: "Adventure Works", offsetMinutes: -300),
        DemoPerson("Gerd Schröder", "g.schroeder", domain: "wingtip.de", company: "Wingtip GmbH", offsetMinutes: 60),
        DemoPerson("Priyanka Shah", "priyanka", domain: "tailspintoys.in", company: "Tailspin Toys", offsetMinutes: 330),
        DemoPerson("Contoso Billing", "billing", domain: "contoso.com", company: "Contoso Ltd.", offsetMinutes: -480),
        DemoPerson("Fabrikam Support", "support", domain: "fabrikam.com", company: "Fabrikam, Inc.", offsetMinutes: -480),
    ]

    /// Newsletter senders.
    static let newsletters: [DemoPerson] = [
        DemoPerson("Contoso Weekly", "newsletter", domain: "contoso.com", company: "Contoso Ltd.", offsetMinutes: -480),
        DemoPerson("Tech Digest", "digest", domain: "news.example.com", company: "Tech Digest", offsetMinutes: 0),
        DemoPerson("Fabrikam Events", "events", domain: "fabrikam.com", company: "Fabrikam, Inc.", offsetMinutes: -300),
    ]
}
