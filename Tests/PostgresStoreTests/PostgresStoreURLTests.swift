import BillingStore
import Testing

/// `PostgresStoreURL`: what it accepts, what it refuses in one line, and that its password never shows.
@Suite struct PostgresStoreURLTests {
    @Test func parsesEveryPart() throws {
        let url = try PostgresStoreURL.parse("postgres://viewer:s%40cret@db.example.com:6543/team?sslmode=verify-full")
        #expect(url.user == "viewer")
        #expect(url.hasPassword)
        #expect(url.host == "db.example.com")
        #expect(url.port == 6543)
        #expect(url.database == "team")
        #expect(url.tls == .verifyFull)
    }

    @Test func defaultsPortAndTLSByHost() throws {
        let remote = try PostgresStoreURL.parse("postgresql://viewer@db.example.com/team")
        #expect(remote.port == 5432)
        #expect(remote.tls == .require, "a password must not cross a network in the clear unless the URL says so")
        #expect(try PostgresStoreURL.parse("postgres://viewer@127.0.0.1/team").tls == .disable)
        #expect(try PostgresStoreURL.parse("postgres://viewer@[::1]:5433/team").host == "::1")
        #expect(try PostgresStoreURL.parse("postgres://viewer@db.example.com/team?sslmode=disable").tls == .disable)
    }

    @Test func neverShowsThePassword() throws {
        let secret = "hunter2-Sekr1t"
        let url = try PostgresStoreURL.parse("postgres://writer:\(secret)@10.0.0.5:5432/billtop?sslmode=require")
        var dumped = ""
        dump(url, to: &dumped)
        for shown in [url.description, url.debugDescription, "\(url)", String(reflecting: url), dumped] {
            #expect(!shown.contains(secret), "shown: \(shown)")
        }
        #expect(url.description == "postgres://writer:***@10.0.0.5:5432/billtop?sslmode=require")
        #expect(
            try PostgresStoreURL.parse("postgres://writer@h/d").description
                == "postgres://writer@h:5432/d?sslmode=require")
    }

    @Test(arguments: [
        ("mysql://u@h/d", "must start with postgres://"),
        ("postgres://h:5432/d", "names no user"),
        ("postgres://u@h:5432", "names no database"),
        ("postgres://u@h:0/d", "port '0' is not 1-65535"),
        ("postgres://u@h:99999/d", "port '99999' is not 1-65535"),
        ("postgres://u@h/d?sslmode=prefer", "sslmode 'prefer' is not one of"),
        ("postgres://u@h/d?application_name=x", "reads only sslmode"),
        ("postgres://u@/d", "names no host"),
        ("postgres://u@h%20x/d", "is not a name"),
        ("postgres://u@h/d%0A", "control character"),
    ])
    func refusesInOneLine(_ text: String, _ expected: String) {
        #expect {
            _ = try PostgresStoreURL.parse(text)
        } throws: { error in
            let message = (error as? PostgresStoreURL.Invalid)?.message ?? ""
            return message.contains(expected) && message.contains("write postgres://") && !message.contains("\n")
        }
    }

    @Test func aRefusalNeverRepeatsThePassword() {
        let secret = "pa55-w0rd-XYZ"
        for text in [
            "postgres://u:\(secret)@h:notaport/d", "postgres://u:\(secret)@h/d?sslmode=prefer",
            "postgres://u:\(secret)%zz@h/d", "postgres://u:\(secret)@h",
        ] {
            do {
                _ = try PostgresStoreURL.parse(text)
                Issue.record("accepted \(text)")
            } catch {
                #expect(!error.message.contains(secret), "\(error.message)")
            }
        }
    }
}

extension PostgresStoreURLTests {
    /// A password holding URL delimiters is still a password: no piece of it becomes a host or a parameter.
    @Test func aPasswordWithDelimitersStaysWhole() throws {
        let url = try PostgresStoreURL.parse("postgres://writer:a/b?c=d@db.example.com:5432/billtop")
        #expect(url.host == "db.example.com")
        #expect(url.database == "billtop")
        #expect(url.hasPassword)
        #expect(!url.description.contains("c=d"))
    }
}
