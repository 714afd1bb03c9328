#ifndef PHONEDESK_TERM_RESTORE_H
#define PHONEDESK_TERM_RESTORE_H
/// Saves the terminal's current termios (call before initscr) and installs handlers for
/// crash signals (SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE) that restore it, leave
/// the alternate screen, show the cursor, and re-raise the signal.
void pd_install_crash_restore(int fd);
/// Restores the saved termios now (async-signal-safe; also used on ordinary exits as a backstop).
void pd_restore_terminal_now(void);
/// Opens a pseudo-terminal (for the benchmark's byte count); returns the master fd or -1 and
/// writes the slave's path into `slave_name`.
int pd_open_pty(char *slave_name, unsigned long size);
#endif
