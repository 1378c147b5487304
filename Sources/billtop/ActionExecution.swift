import ArgumentParser
import BillingActions
import BillingCore
import BillingStore
import Foundation

/// Runs one action from the shell: checks it, prints the request for `--dry-run`, asks on a terminal (or
/// refuses without `--yes` elsewhere), resumes unfinished attempts on the same object, acts, and prints one
/// line per attempt (or JSON). Exit status 0 when the last attempt is done or already done, else `status(of:)`.
enum ActionExecution {
    /// `details` are the confirmation's lines: customer, invoice, amount with currency, recipients.
    static func run(_ action: Action, details: [String], setup: ActionSetup, options: ActionOptions) async throws {
        if options.dryRun {
            print(try oneLine { () throws(ActionProblem) in try setup.runner.dryRun(action) })
            print("(dry run: nothing was sent or journalled)")
            return
        }
        try oneLine { () throws(ActionProblem) in try setup.runner.check(action) }
        let pending = try await setup.runner.pending(for: action)
        if !options.yes {
            guard isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else {
                throw CommandFailure(
                    "not a terminal, so no prompt: add --yes to \(action.summary) (or --dry-run to see the request)",
                    status: .usage)
            }
            var lines = ["About to \(action.summary) on source \(TextSanitizer.clean(setup.source.name)):"]
            lines += details.map { "  " + TextSanitizer.clean($0) }
            if !pending.isEmpty {
                lines.append("  first resuming \(pending.count) unfinished attempt(s) on it, with their own tokens")
            }
            lines.append("Go ahead? [y/N] ")
            FileHandle.standardError.write(Data(lines.joined(separator: "\n").utf8))
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else { throw CommandFailure("cancelled: nothing was sent") }
        }
        let results: [ActionResult]
        do { results = try await setup.runner.perform(action) } catch let problem as ActionProblem {
            throw CommandFailure(problem.description)
        }
        if options.json {
            print(json(results))
        } else {
            for result in results { print(result.line) }
        }
        if let last = results.last, !last.succeeded { throw ExitCode(status(of: last).rawValue) }
        if results.isEmpty { throw ExitCode(ExitStatus.failure.rawValue) }
    }

    /// An attempt that did not succeed: the key (401/403) is auth; no answer or a 5xx (the outcome is not
    /// known: run it again, the token is reused) is network; a refusal or a missing object is a failure.
    static func status(of result: ActionResult) -> ExitStatus {
        switch (result.outcome.state, result.outcome.status) {
        case (_, 401?), (_, 403?): .auth
        case (.sent, _), (.pending, _): .network
        default: .failure
        }
    }

    /// The core's refusal as the command's one line (a typed catch inside the async `run` crashed the 6.3
    /// compiler's SIL ownership check).
    @discardableResult
    static func oneLine<T>(_ body: () throws(ActionProblem) -> T) throws -> T {
        switch Result(catching: body) {
        case .success(let value): return value
        case .failure(let problem): throw CommandFailure(problem.description)
        }
    }

    static func json(_ results: [ActionResult]) -> String {
        let objects: [[String: Any]] = results.map { r in
            var o: [String: Any] = [
                "id": r.entry.id, "action": r.entry.kind, "object_kind": r.entry.objectKind,
                "object_id": TextSanitizer.clean(r.entry.objectID), "state": r.outcome.state.rawValue,
                "token": r.entry.token, "sends": r.entry.sends, "resumed": r.resumed,
                "message": TextSanitizer.clean(r.outcome.message),
            ]
            if let status = r.outcome.status { o["provider_status"] = status }
            if let ms = r.entry.durationMs { o["duration_ms"] = ms }
            if let reread = r.reread { o["reread"] = TextSanitizer.clean(reread) }
            return o
        }
        let data =
            (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
