import CNcurses
import CTermRestore
import Foundation
import PhoneDeskUI

/// What the terminal reports between frames.
public enum TerminalInput: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(TermSize)
}

/// The only code that calls ncurses: set-up and restore, keys, colours, drawing a Canvas.
public final class Terminal {
    private var theme: Theme
    /// NO_COLOR: attributes (bold, reverse, underline) only.
    private let colour: Bool
    private var pairs: [Role: Int16] = [:]
    private var started = false
    /// A resize that arrived inside a paste, reported right after it (dropping it left the
    /// panel drawn for the old size).
    private var pendingResize = false

    public init(theme: Theme, colour: Bool = true) { self.theme = theme; self.colour = colour }

    public func start() {
        // Without a locale, input hangs after the first non-ASCII key. A locale named in the
        // environment but not installed (LANG=pl_PL.UTF-8 on a bare server) must not cost the
        // Polish letters: fall back to C.UTF-8 for characters.
        if setlocale(LC_ALL, "") == nil { setlocale(LC_CTYPE, "C.UTF-8") }
        pd_install_crash_restore(STDOUT_FILENO)
        if getenv("ESCDELAY") == nil { setenv("ESCDELAY", "25", 1) }
        initscr()
        started = true
        set_escdelay(25)
        if let value = getenv("ESCDELAY"), let ms = Int32(String(cString: value)) { set_escdelay(ms) }
        raw()  // Ctrl-C and Ctrl-S arrive as keys; XON/XOFF would freeze on Ctrl-S
        noecho()
        nonl()
        keypad(pd_stdscr(), true)
        timeout(100)
        defineCommonKeySequences()
        setupColours()
        bracketedPaste(true)
    }

    /// Home/End and friends are sent differently by xterm, screen/tmux and the Linux console; a
    /// TERM that does not match the emulator (common over SSH) must not make them dead keys.
    private func defineCommonKeySequences() {
        let sequences: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
            ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[3~", KEY_DC), ("\u{1B}[Z", KEY_BTAB),
        ]
        for (sequence, code) in sequences where key_defined(sequence) <= 0 {
            define_key(sequence, code)
        }
        define_key("\u{1B}[200~", Self.pasteStart)
        define_key("\u{1B}[201~", Self.pasteEnd)
    }

    /// Mouse reporting on or off (off keeps the terminal's own text selection).
    public func setMouse(_ on: Bool) {
        guard started else { return }
        mouseinterval(0)  // report presses at once; no click-resolution delay
        mousemask(on ? pd_mouse_events() : 0, nil)
    }

    /// Switches colours at once (the account's theme changed in settings).
    public func use(_ newTheme: Theme) {
        theme = newTheme
        if started { setupColours() }
    }

    /// Uses a screen someone else created (`newterm` in the benchmark) with this theme's colours.
    func adopt() {
        started = true
        setupColours()
    }

    /// Restores the terminal; safe to call twice.
    public func stop() {
        guard started else { return }
        started = false
        bracketedPaste(false)
        curs_set(1)
        endwin()
    }

    /// Hands the terminal to another program (the editor): normal screen, cooked mode.
    public func suspend() {
        guard started else { return }
        bracketedPaste(false)
        endwin()
    }

    /// Takes the terminal back after `suspend`; the next draw repaints everything.
    public func resume() {
        guard started else { return }
        refresh()
        clearok(pd_stdscr(), true)
        bracketedPaste(true)
    }

    // MARK: Bracketed paste

    /// The terminal wraps a paste in ESC[200~ … ESC[201~ once asked to (xterm, tmux, most
    /// emulators; others ignore the request). A paste then arrives as one `Key.paste`, never as
    /// keys: an ESC in copied text cannot cancel a form, a newline cannot press Enter.
    private static let pasteStart: Int32 = 0o1200
    private static let pasteEnd: Int32 = 0o1201
    /// Larger pastes are read to their end but kept only this far (every field is far shorter).
    private static let pasteLimit = 1 << 20

    private func bracketedPaste(_ on: Bool) {
        let sequence = on ? "\u{1B}[?2004h" : "\u{1B}[?2004l"
        _ = sequence.withCString { Glibc.write(STDOUT_FILENO, $0, strlen($0)) }
    }

    /// The text up to the end marker. Keys inside (a pasted arrow-key sequence) become ESC, so the
    /// paste is refused rather than half taken; a terminal that never sends the end stops it after
    /// half a second of silence.
    private func readPaste() -> Key {
        var scalars = String.UnicodeScalarView()
        var count = 0
        timeout(500)
        defer { timeout(100) }
        while true {
            var wch: wint_t = 0
            let result = get_wch(&wch)
            if result == ERR { break }
            if result == pd_key_code_yes() {
                if Int32(wch) == Self.pasteEnd { break }
                if Int32(wch) == KEY_RESIZE { pendingResize = true; continue }
                if count < Self.pasteLimit { scalars.append("\u{1B}") }
            } else if count < Self.pasteLimit, let scalar = UnicodeScalar(UInt32(wch)) {
                scalars.append(scalar)
            }
            count += 1
        }
        return .paste(String(scalars))
    }

    public var size: TermSize { TermSize(width: Int(pd_cols()), height: Int(pd_lines())) }

    private func setupColours() {
        guard colour, has_colors() else { return }
        start_color()
        use_default_colors()
        let background = colourNumber(theme.colour(.background))
        var next: Int16 = 1
        for role in Role.allCases {
            let foreground: Int16
            var back = background
            switch role {
            case .surface:
                foreground = colourNumber(theme.colour(.text))
                back = colourNumber(theme.colour(.surface))
            case .background: foreground = colourNumber(theme.colour(.text))
            default: foreground = colourNumber(theme.colour(role))
            }
            init_pair(next, foreground, back)
            pairs[role] = next
            next += 1
        }
    }

    /// Maps a theme colour to what this terminal has: 256, 16 or 8 colours.
    private func colourNumber(_ colour: ThemeColour) -> Int16 {
        switch colour {
        case .terminalDefault: return -1
        case .index(let n):
            return Int16(ColourDepth.fit(n, available: Int(pd_colors())))
        }
    }

    /// Input already waiting — the rest of a paste — without waiting for more.
    public func readPending() -> TerminalInput? {
        timeout(0)
        defer { timeout(100) }
        return read()
    }

    /// Waits up to the input timeout for one key or resize.
    public func read() -> TerminalInput? {
        if pendingResize { pendingResize = false; return .resize(size) }
        var wch: wint_t = 0
        let result = get_wch(&wch)
        if result == ERR { return nil }
        if result == pd_key_code_yes() {
            if Int32(wch) == KEY_RESIZE { return .resize(size) }
            if Int32(wch) == Self.pasteStart { return .key(readPaste()) }
            if Int32(wch) == Self.pasteEnd { return nil }
            if Int32(wch) == KEY_MOUSE {
                var x: Int32 = 0, y: Int32 = 0, kind: Int32 = 0
                guard pd_read_mouse(&x, &y, &kind) == OK else { return nil }
                let kinds: [Int32: MouseEvent.Kind] = [1: .wheelUp, 2: .wheelDown, 3: .click]
                return kinds[kind].map { .mouse(MouseEvent(x: Int(x), y: Int(y), kind: $0)) }
            }
            return decodeKeyCode(Int32(wch)).map(TerminalInput.key)
        }
        return decodeCharacter(UInt32(wch)).map(TerminalInput.key)
    }

    private func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        default:
            for n in 1...12 where code == pd_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    private func decodeCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(UnicodeScalar(UInt8(value) + 96)))
        default:
            guard let scalar = UnicodeScalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// Draws the whole canvas: erase + draw + doupdate, so ncurses sends only changed cells.
    public func draw(_ canvas: Canvas) {
        erase()
        let height = min(canvas.height, Int(pd_lines()))
        let width = min(canvas.width, Int(pd_cols()))
        var scratch: [wchar_t] = []
        for y in 0..<height {
            for x in 0..<width {
                let cell = canvas[x, y]
                if cell.continuation { continue }
                scratch.removeAll(keepingCapacity: true)
                for scalar in cell.text.unicodeScalars.prefix(4) { scratch.append(wchar_t(bitPattern: scalar.value)) }
                scratch.append(0)
                // ncurses cannot draw the bottom-right cell without scrolling: it errs, harmlessly.
                _ = scratch.withUnsafeBufferPointer { pd_put_cell(Int32(y), Int32(x), $0.baseAddress, attributes(cell.style), pairs[cell.style.role] ?? 0) }
            }
        }
        if let cursor = canvas.cursor, cursor.x < width, cursor.y < height {
            curs_set(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(pd_stdscr())
        doupdate()
    }

    private func attributes(_ style: Style) -> attr_t {
        var attrs = pd_a_normal()
        if style.bold { attrs |= pd_a_bold() }
        if style.reverse { attrs |= pd_a_reverse() }
        if style.underline { attrs |= pd_a_underline() }
        return attrs
    }

    /// Puts text on the clipboard of the operator's terminal, even across SSH (OSC 52).
    public func copyToClipboard(_ text: String) {
        let sequence = "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
        _ = sequence.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
    }
}
