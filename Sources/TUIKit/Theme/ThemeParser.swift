import BillingCore
import TOMLKit

/// Parses a theme TOML file (format: themes/dark.toml) into a `Theme`, with one-line errors naming file,
/// line and key.
public enum ThemeParser {
    static let attributeKeys = ["bold", "underline", "reverse", "dim", "italic"]

    /// Parses `text`; `file` only labels errors. `base` supplies roles the file leaves out.
    public static func parse(_ text: String, file: String, base: Theme? = nil) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(
                file: file, line: error.source.begin.line, message: "not valid TOML: \(clean(error.description))")
        } catch {
            throw ThemeError(file: file, message: "not valid TOML")
        }
        let locate = { (key: String, sub: String?) in lineOf(key: key, sub: sub, in: text) }
        for key in table.keys where !["name", "roles"].contains(key) {
            throw ThemeError(
                file: file, line: locate(key, nil), key: clean(key), message: "unknown key (allowed: name, roles)")
        }
        var name = base?.name ?? file
        if let value = table["name"] {
            guard let string = value.string, !string.isEmpty else {
                throw ThemeError(
                    file: file, line: locate("name", nil), key: "name", message: "name must be a non-empty string")
            }
            name = clean(string)
        }
        guard let roles = table["roles"]?.table else {
            throw ThemeError(file: file, key: "roles", message: "missing [roles] table (see themes/dark.toml)")
        }
        var styles = base?.styles ?? [:]
        for key in roles.keys {
            guard let role = StyleRole(rawValue: key) else {
                let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeError(
                    file: file, line: locate(key, nil), key: "roles.\(clean(key))",
                    message: "unknown role (known: \(known))")
            }
            guard let entry = roles[key]?.table else {
                throw ThemeError(
                    file: file, line: locate(key, nil), key: "roles.\(key)",
                    message: "a role is a table, e.g. { fg = \"#ffffff\", bold = true }")
            }
            styles[role] = try roleStyle(entry, role: key, file: file, text: text)
        }
        return Theme(name: name, styles: styles)
    }

    static func roleStyle(_ entry: TOMLTable, role: String, file: String, text: String) throws(ThemeError) -> RoleStyle
    {
        var style = RoleStyle()
        for key in entry.keys {
            let path = "roles.\(role).\(clean(key))"
            let line = lineOf(key: role, sub: key, in: text)
            switch key {
            case "fg", "bg":
                guard let raw = entry[key]?.string ?? entry[key]?.int.map(String.init),
                    let color = ThemeColor(parsing: raw)
                else {
                    throw ThemeError(
                        file: file, line: line, key: path,
                        message: "not a colour (use a name like \"red\", 0-255, \"#rrggbb\" or \"default\")")
                }
                if key == "fg" { style.foreground = color } else { style.background = color }
            case _ where attributeKeys.contains(key):
                guard let flag = entry[key]?.bool else {
                    throw ThemeError(file: file, line: line, key: path, message: "must be true or false")
                }
                switch key {
                case "bold": style.bold = flag
                case "underline": style.underline = flag
                case "reverse": style.reverse = flag
                case "dim": style.dim = flag
                default: style.italic = flag
                }
            default:
                throw ThemeError(
                    file: file, line: line, key: path,
                    message: "unknown key (allowed: fg, bg, \(attributeKeys.joined(separator: ", ")))")
            }
        }
        return style
    }

    /// Finds the line of `key` (and `sub` inside it) by scanning the text: TOMLKit keeps no positions for
    /// values, and a line number is what makes a theme error quick to fix.
    static func lineOf(key: String, sub: String?, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func startsKey(_ line: String, _ k: String) -> Bool {
            let t = line.trimmingCharactersInWhitespace()
            guard t.hasPrefix(k) else { return false }
            let rest = t.dropFirst(k.count).drop(while: { $0 == " " || $0 == "\t" })
            return rest.first == "=" || rest.first == "."
        }
        guard let start = lines.firstIndex(where: { startsKey($0, key) || $0.contains("[roles.\(key)]") }) else {
            return nil
        }
        guard let sub else { return start + 1 }
        if lines[start].contains("{") { return start + 1 }
        for i in (start + 1)..<lines.count where startsKey(lines[i], sub) { return i + 1 }
        return start + 1
    }

    static func clean(_ text: String) -> String { TextSanitizer.clean(text) }
}
