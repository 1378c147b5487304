#ifndef BILLTOP_CNCURSES_SHIM_H
#define BILLTOP_CNCURSES_SHIM_H
// Wide-character curses: must be defined before curses.h is read.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#endif
