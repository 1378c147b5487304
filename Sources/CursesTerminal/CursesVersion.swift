import CNCurses

/// The ncurses the process runs with, for `billtop version` (only this target touches curses).
public enum CursesVersion {
    /// "ncurses 6.4.20240113" as `curses_version()` says it, without the library's name.
    public static var runtime: String {
        guard let text = curses_version() else { return "unknown" }
        let full = String(cString: text)
        return full.hasPrefix("ncurses ") ? String(full.dropFirst("ncurses ".count)) : full
    }
}
