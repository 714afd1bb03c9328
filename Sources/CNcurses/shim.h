#ifndef PHONEDESK_NCURSES_SHIM_H
#define PHONEDESK_NCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-char API must be switched on here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 rejects mutable C globals and cannot import function-like macros: wrap them.
static inline WINDOW *pd_stdscr(void) { return stdscr; }
static inline int pd_cols(void) { return COLS; }
static inline int pd_lines(void) { return LINES; }
static inline int pd_colors(void) { return COLORS; }
static inline int pd_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t pd_a_bold(void) { return A_BOLD; }
static inline attr_t pd_a_reverse(void) { return A_REVERSE; }
static inline attr_t pd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t pd_a_dim(void) { return A_DIM; }
static inline attr_t pd_a_normal(void) { return A_NORMAL; }
static inline int pd_key_f(int n) { return KEY_F(n); }
static inline int pd_key_code_yes(void) { return KEY_CODE_YES; }

// Mouse: the events phonedesk uses, and one event decoded (kind 1 wheel up, 2 wheel down, 3 click).
static inline mmask_t pd_mouse_events(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int pd_read_mouse(int *x, int *y, int *kind) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x;
    *y = event.y;
    *kind = (event.bstate & BUTTON4_PRESSED) ? 1 : (event.bstate & BUTTON5_PRESSED) ? 2
          : (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) ? 3 : 0;
    return OK;
}

// Draw one character cell (a base scalar plus optional combining marks) with attributes and a colour pair.
static inline int pd_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}
#endif
