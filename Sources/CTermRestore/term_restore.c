#include "term_restore.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_termios;
static int saved_fd = -1;

void pd_restore_terminal_now(void) {
    if (saved_fd < 0) return;
    // Leave the alternate screen, show the cursor, reset attributes, disable mouse reporting.
    static const char reset[] = "\033[?2004l\033[?1000l\033[?1006l\033[0m\033[?25h\033[?1049l\r\n";
    ssize_t ignored = write(saved_fd, reset, sizeof reset - 1);
    (void)ignored;
    tcsetattr(saved_fd, TCSANOW, &saved_termios);
}

static void on_crash(int sig) {
    pd_restore_terminal_now();
    // SA_RESETHAND restored the default action: re-raise so the process dies with the signal.
    raise(sig);
}

void pd_install_crash_restore(int fd) {
    if (tcgetattr(fd, &saved_termios) != 0) return;
    saved_fd = fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    int signals[] = {SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &sa, NULL);
}
