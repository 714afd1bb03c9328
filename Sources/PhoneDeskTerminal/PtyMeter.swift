import CNcurses
import CTermRestore
import Foundation
import PhoneDeskUI
#if canImport(Glibc)
import Glibc
#endif

/// Counts the bytes ncurses writes to a terminal for a frame, through a real pseudo-terminal
/// (the benchmark's "bytes to the terminal for one selection move").
public enum PtyMeter {
    /// Draws `first`, then `second`, on an 80×24 pty; returns the bytes the second frame cost.
    public static func bytes(first: Canvas, second: Canvas, term: String = "xterm-256color") -> Int? {
        var name = [CChar](repeating: 0, count: 128)
        let master = pd_open_pty(&name, UInt(name.count))
        guard master >= 0 else { return nil }
        defer { close(master) }
        let slave = open(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { return nil }
        defer { close(slave) }
        var size = winsize(ws_row: UInt16(first.height), ws_col: UInt16(first.width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
        guard let output = fdopen(dup(slave), "w"), let input = fdopen(dup(slave), "r") else { return nil }
        defer { fclose(output); fclose(input) }
        setlocale(LC_ALL, "C.UTF-8")
        guard let screen = newterm(term, output, input) else { return nil }
        defer { delscreen(screen) }
        set_term(screen)
        let terminal = Terminal(theme: .builtIn)
        terminal.adopt()
        terminal.draw(first)
        fflush(output)
        _ = drain(master)
        terminal.draw(second)
        fflush(output)
        let count = drain(master)
        endwin()
        return count
    }

    private static func drain(_ fd: Int32) -> Int {
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var idle = 0
        while idle < 5 {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { total += n; idle = 0 } else { idle += 1; usleep(2_000) }
        }
        return total
    }
}
