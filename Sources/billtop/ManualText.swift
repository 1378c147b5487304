/// The parts of `billtop --help` and the man page that no option describes: the files billtop reads and
/// writes, the environment it reads, and the exit statuses (from `ExitStatus`). ArgumentParser puts this
/// text in the root command's help and the manual generator in the man page's DESCRIPTION, so each fact
/// is written once, here, next to the code it describes.
enum ManualText {
    static var discussion: String {
        """
        Run `billtop --demo` for a demo company, `billtop config init` to write a config file for your own billing account, `billtop sync` to fetch it, then `billtop` to open the dashboard.

        FILES
          $XDG_CONFIG_HOME/billtop/config.toml   the sources, one [[source]] each
          $XDG_CONFIG_HOME/billtop/themes/       your own themes (NAME.toml)
          $XDG_DATA_HOME/billtop/billtop.sqlite  the store the commands read
          $XDG_STATE_HOME/billtop/billtop.log    the sync log (never a key)

        The XDG directories default to ~/.config, ~/.local/share and ~/.local/state. Example themes to copy are installed in share/billtop/themes under the install prefix.

        ENVIRONMENT
          BILLTOP_CONFIG     the config file, instead of the path above
          BILLTOP_API_KEY    the Chargify/Maxio API key (sync --chargify, key_env)
          BILLTOP_TOKEN      the Truto API token (sync --truto, key_env)
          BILLTOP_GHL_TOKEN  the GoHighLevel token (sync --ghl, a ghl source's default key_env)
          BILLTOP_READ_ONLY  1: refuse every action, as --read-only does
          BILLTOP_STORE      postgres://ROLE@HOST/DB: a team store instead of the SQLite file (--store)
          PGPASSWORD         the team store role's password (never on the command line)
          BILLTOP_WEBHOOK_KEY_<SOURCE>  a Chargify site's webhook key, for billtop serve
          BILLTOP_LOG_LEVEL  trace, debug, info (default), notice ... critical
          NO_COLOR           draw without colour (TERM, COLORTERM: the terminal)

        EXIT STATUS
        \(ExitStatus.table)
        """
    }
}
