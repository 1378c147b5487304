#ifndef BILLTOP_CNCURSES_SHIM_H
#define BILLTOP_CNCURSES_SHIM_H
// Wide-character curses: must be defined before curses.h is read.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <ncursesw/curses.h>

// Swift cannot import function-like macros or macros built from other macros, so the few that
// CursesTerminal needs are wrapped here (the GRDBSQLite shim habit). Nothing else calls curses.

static inline int billtop_key_code_yes(void) { return KEY_CODE_YES; }
static inline int billtop_key_resize(void) { return KEY_RESIZE; }
static inline int billtop_key_mouse(void) { return KEY_MOUSE; }
static inline int billtop_key_up(void) { return KEY_UP; }
static inline int billtop_key_down(void) { return KEY_DOWN; }
static inline int billtop_key_left(void) { return KEY_LEFT; }
static inline int billtop_key_right(void) { return KEY_RIGHT; }
static inline int billtop_key_home(void) { return KEY_HOME; }
static inline int billtop_key_end(void) { return KEY_END; }
static inline int billtop_key_ppage(void) { return KEY_PPAGE; }
static inline int billtop_key_npage(void) { return KEY_NPAGE; }
static inline int billtop_key_backspace(void) { return KEY_BACKSPACE; }
static inline int billtop_key_dc(void) { return KEY_DC; }
static inline int billtop_key_ic(void) { return KEY_IC; }
static inline int billtop_key_btab(void) { return KEY_BTAB; }
static inline int billtop_key_enter(void) { return KEY_ENTER; }
static inline int billtop_key_f0(void) { return KEY_F0; }
static inline int billtop_key_beg(void) { return KEY_BEG; }
static inline int billtop_key_a1(void) { return KEY_A1; }
static inline int billtop_key_c1(void) { return KEY_C1; }
static inline int billtop_key_a3(void) { return KEY_A3; }
static inline int billtop_key_c3(void) { return KEY_C3; }

static inline attr_t billtop_a_normal(void) { return A_NORMAL; }
static inline attr_t billtop_a_bold(void) { return A_BOLD; }
static inline attr_t billtop_a_underline(void) { return A_UNDERLINE; }
static inline attr_t billtop_a_reverse(void) { return A_REVERSE; }
static inline attr_t billtop_a_dim(void) { return A_DIM; }
static inline attr_t billtop_a_italic(void) { return A_ITALIC; }

static inline int billtop_colors(void) { return COLORS; }
static inline int billtop_color_pairs(void) { return COLOR_PAIRS; }
static inline int billtop_max_cchar(void) { return CCHARW_MAX; }

static inline mmask_t billtop_mouse_all(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t billtop_button_pressed(int b) {
    switch (b) {
    case 1: return BUTTON1_PRESSED;
    case 2: return BUTTON2_PRESSED;
    case 3: return BUTTON3_PRESSED;
    case 4: return BUTTON4_PRESSED;
    default: return BUTTON5_PRESSED;
    }
}
static inline mmask_t billtop_button_released(int b) {
    switch (b) {
    case 1: return BUTTON1_RELEASED;
    case 2: return BUTTON2_RELEASED;
    default: return BUTTON3_RELEASED;
    }
}
static inline mmask_t billtop_button_clicked(int b) {
    switch (b) {
    case 1: return BUTTON1_CLICKED;
    case 2: return BUTTON2_CLICKED;
    default: return BUTTON3_CLICKED;
    }
}

static inline int billtop_maxy(WINDOW *w) { return getmaxy(w); }
static inline int billtop_maxx(WINDOW *w) { return getmaxx(w); }
static inline WINDOW *billtop_stdscr(void) { return stdscr; }
static inline WINDOW *billtop_curscr(void) { return curscr; }

/// Sets `cell` to the wide characters `text` (length `count`, at most CCHARW_MAX) with attributes and an
/// extended colour pair. Returns ERR when curses rejects the combination (e.g. a spacing char after the first).
static inline int billtop_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
    return setcchar(cell, text, attrs, 0, &pair);
}

/// Writes one cell at (y, x) on stdscr.
static inline int billtop_put(int y, int x, const cchar_t *cell) { return mvwadd_wch(stdscr, y, x, cell); }

/// Whether the C library's locale encodes UTF-8 (after setlocale); under LANG=C wide text becomes '?'.
static inline int billtop_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// Unblocks a signal inside its own handler so re-raising it takes effect now (SIGTSTP stops at once).
static inline void billtop_unblock_signal(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}
/// The C library's column width of one wide character (-1: not printable in this locale).
static inline int billtop_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }
#endif
