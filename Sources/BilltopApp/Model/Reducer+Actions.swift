import BillingActions
import BillingCore
import Foundation

/// The action key's flow, pure: open the menu on the selected object (loading its customer when the row does
/// not carry enough), choose an entry, fill the form, confirm, send (an effect), show the outcome and reload.
extension Reducer {
    static func actionCommand(_ command: Command, _ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        switch command {
        case .act:
            return openActions(&s, &fx)
        case .nextSubscription:
            s.actionMenu?.nextSubscription(s.actionAvailability)
            return .all
        case .closeAction:
            if case .sending = s.actionForm?.phase { return .none }  // the answer is coming: keep its form
            s.actionMenu = nil
            s.actionForm = nil
            return .all
        case .nextField:
            guard var form = s.actionForm, !form.fields.isEmpty else { return .none }
            form.field = (form.field + 1) % form.fields.count
            s.actionForm = form
            return .all
        case .deleteCharacter:
            guard var form = s.actionForm, form.fields.indices.contains(form.field) else { return .none }
            if !form.fields[form.field].text.isEmpty { form.fields[form.field].text.removeLast() }
            form.problem = nil
            s.actionForm = form
            return .all
        case .clearField:
            guard var form = s.actionForm, form.fields.indices.contains(form.field) else { return .none }
            form.fields[form.field].text = ""
            form.problem = nil
            s.actionForm = form
            return .all
        case .reviewAction:
            guard var form = s.actionForm else { return .none }
            do {
                try form.validate()
                form.phase = .review
                form.problem = nil
            } catch {
                form.problem = error.description
            }
            s.actionForm = form
            return .all
        case .editAction:
            guard var form = s.actionForm, !form.fields.isEmpty else { return .none }
            form.phase = .editing
            s.actionForm = form
            return .all
        case .confirmAction:
            return confirmAction(&s, &fx)
        case .newCustomer:
            return newCustomer(&s, &fx)
        case .actPortalLink:
            guard var menu = s.actionMenu else { return .none }
            if let reason = s.actionAvailability.sourceReasons[menu.target.key.source]
                ?? (s.actionAvailability.kindReasons[menu.target.key.source] == nil
                    ? s.actionAvailability.fallback : nil)
            {
                menu.problem = "billing-portal link: \(reason)"
            } else {
                menu.notice = ActionReport(lines: ["fetching the billing-portal link…"], succeeded: true)
                fx.append(.fetchPortalLink(menu.target.key))
            }
            s.actionMenu = menu
            return .all
        default:
            return chooseAction(command, &s)
        }
    }

    /// The menu for what is selected: the customer screen's customer, or the row of the focused pane.
    static func openActions(_ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        var invoiceID: String?
        var invoiceNumber: String?
        let key: CustomerKey
        switch s.screen {
        case .log:
            return .none
        case .customer(let shown):
            guard let detail = s.detail, detail.key == shown else {
                say(&s, "the customer is still loading; press a again in a moment", error: false, &fx)
                return .all
            }
            s.actionMenu = ActionMenu(target: ActionTarget.from(detail), availability: s.actionAvailability)
            return .all
        case .dashboard:
            switch s.focus {
            case .invoices:
                guard let row = s.invoices.selectedRow else { return .none }
                key = row.customer
                invoiceID = row.id
            case .dunning:
                guard let alerts = s.dunning?.alerts, alerts.indices.contains(s.dunningSelected) else { return .none }
                key = alerts[s.dunningSelected].customer
                invoiceNumber = alerts[s.dunningSelected].oldestInvoiceNumber
            case .customers:
                guard let row = s.customers.selectedRow else { return .none }
                key = row.key
            case .mrr:
                say(&s, "select a customer, an invoice or a dunning row to act on", error: false, &fx)
                return .all
            }
        }
        s.actionTargetLoading = key
        fx.append(.loadActionTarget(key, invoiceID: invoiceID, invoiceNumber: invoiceNumber, asOf: s.asOf))
        return .none
    }

    static func actionTargetLoaded(
        _ key: CustomerKey, _ target: ActionTarget?, _ s: inout AppState, _ fx: inout [Effect]
    ) -> Redraw {
        guard s.actionTargetLoading == key else { return .none }  // another key moved on meanwhile
        s.actionTargetLoading = nil
        guard let target else {
            say(&s, "customer \(key.id) is not in the store any more; refresh (r) and try again", error: true, &fx)
            return .all
        }
        s.actionMenu = ActionMenu(target: target, availability: s.actionAvailability)
        return .all
    }

    /// A menu key: the form for that action, or (when it cannot be done here) why, in the menu.
    static func chooseAction(_ command: Command, _ s: inout AppState) -> Redraw {
        guard var menu = s.actionMenu else { return .none }
        guard let entry = menu.entry(for: command) else {
            // A CRM key on a store without CRM contacts: its entries are left out of the menu; say why.
            guard CRMActionRules.menu.contains(where: { $0.0 == command }) || command == CRMActionRules.linkCommand
            else { return .none }
            menu.problem = CRMActionRules.misfit(.note, crm: nil)
            s.actionMenu = menu
            return .all
        }
        if let reason = entry.unavailable {
            menu.problem = "\(entry.label): \(reason)"
            s.actionMenu = menu
            return .all
        }
        s.actionForm = ActionForm(
            intent: entry.intent, target: menu.target, subscription: menu.subscription, today: s.asOf)
        s.actionMenu = nil
        return .all
    }

    /// `y` on the confirmation: validated once more, then sent; the form waits for the answer.
    static func confirmAction(_ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        guard var form = s.actionForm, form.phase == .review else { return .none }
        do {
            switch form.intent {
            case .billing:
                fx.append(.performAction(try form.draft(), source: form.target.key.source))
            case .crm:
                fx.append(.performCRMWrite(try form.crmDraft(), source: form.target.key.source))
            case .linkContact:
                fx.append(.linkContact(form.target.key, contact: form.text(.contact)))
            }
            form.phase = .sending
        } catch {
            form.problem = error.description
            form.phase = form.fields.isEmpty ? .review : .editing
        }
        s.actionForm = form
        return .all
    }

    static func typeIntoField(_ character: Character, _ s: inout AppState) -> Redraw {
        guard var form = s.actionForm, form.fields.indices.contains(form.field) else { return .none }
        // Control characters (C0, DEL and C1, a pasted CSI among them) never reach a provider's note or a memo.
        guard !character.isNewline,
            !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return .none }
        guard form.fields[form.field].text.count < form.fields[form.field].limit else { return .none }
        form.fields[form.field].text.append(character)
        form.problem = nil
        s.actionForm = form
        return .all
    }

    /// The answer: shown in the form and the status line; every pane reloads (the re-read is in the store).
    static func actionFinished(_ report: ActionReport, _ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        if var form = s.actionForm, form.phase == .sending {
            form.phase = .finished(report)
            s.actionForm = form
        }
        say(&s, report.lines.last ?? "no answer", error: !report.succeeded, &fx)
        fx.append(contentsOf: loadAll(s))
        return .all
    }

    /// `N` on the customers pane: the form for a new customer at the selected row's source (else the first
    /// source that may create customers).
    static func newCustomer(_ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        let known = s.actionAvailability.kindReasons.keys.sorted()
        guard let source = s.customers.selectedRow?.key.source ?? known.first else {
            say(&s, "no source can create customers here: \(ActionAvailability.none.fallback ?? "")", error: true, &fx)
            return .all
        }
        if let reason = s.actionAvailability.reason(.createCustomer, source: source) {
            say(&s, "new customer: \(reason)", error: true, &fx)
            return .all
        }
        let target = ActionTarget(
            key: CustomerKey(source: source, id: ""), customerName: "", email: "", subscriptions: [], invoice: nil)
        s.actionForm = ActionForm(kind: .createCustomer, target: target, subscription: nil)
        return .all
    }

    /// The link goes under the menu's entries (to copy) and into the log (to find again with L).
    static func portalLinkLoaded(_ key: CustomerKey, _ report: ActionReport, _ s: inout AppState, _ fx: inout [Effect])
        -> Redraw
    {
        for line in report.lines {
            s.appLog.append(LogLine(time: s.now, level: report.succeeded ? .info : .error, message: line))
        }
        guard var menu = s.actionMenu, menu.target.key == key else { return .none }
        menu.notice = report
        menu.problem = nil
        s.actionMenu = menu
        return .all
    }

    static func actionsResumed(_ reports: [ActionReport], _ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        guard !reports.isEmpty else { return .none }
        for report in reports.dropLast() {
            for line in report.lines { s.appLog.append(LogLine(time: s.now, level: .info, message: line)) }
        }
        let failed = reports.contains { !$0.succeeded }
        let last = reports.last?.lines.last ?? ""
        say(
            &s, "resumed \(reports.count) unfinished action(s) from an earlier run: \(last)", error: failed, &fx)
        fx.append(contentsOf: loadAll(s))
        return .all
    }
}
