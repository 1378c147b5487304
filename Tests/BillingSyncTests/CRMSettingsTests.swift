import BillingSync
import Testing

/// `[crm]` in config.toml: dunning tasks are off unless asked for, and a wrong value or key is one line.
struct CRMSettingsTests {
    let source = """
        [[source]]
        name = "acme"
        kind = "chargify"
        url = "https://acme.chargify.com"

        """

    @Test func dunningTasksAreOffByDefaultAndOnWhenAsked() throws {
        #expect(try ConfigLoader.parseCRM(source, path: "c.toml").dunningTasks == false)
        let on = source + "[crm]\ndunning_tasks = true\n"
        #expect(try ConfigLoader.parseCRM(on, path: "c.toml").dunningTasks == true)
        // The billing parse takes the file with its [crm] table.
        #expect(try ConfigLoader.parse(on, path: "c.toml", resolveSecrets: false).count == 1)
    }

    @Test func aWrongValueOrKeySaysWhatToWrite() {
        #expect(throws: ConfigError.self) {
            try ConfigLoader.parseCRM(source + "[crm]\ndunning_tasks = \"yes\"\n", path: "c.toml")
        }
        do {
            _ = try ConfigLoader.parseCRM(source + "[crm]\ndunning = true\n", path: "c.toml")
            Issue.record("an unknown key was taken")
        } catch {
            #expect("\(error)".contains("unknown key 'dunning' in [crm]; expected dunning_tasks"), "\(error)")
        }
    }
}
