import PhoneDeskCore

/// SplitMix64: small, fast, and the same sequence for the same seed on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random operator input: keys (Latin, Polish, CJK, controls, F-keys), mouse, resizes.
public enum InputFuzzer {
    static let printable: [Character] = Array("abcdejkqsyxno/?+-123 ąćęłńóśźżĄŁŻ漢字テスト😀éü") + ["\u{301}"]
    static let special: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .tab, .backTab,
                                 .backspace, .delete, .escape, .ctrl("s"), .ctrl("u"), .ctrl("a"), .ctrl("e"),
                                 .function(1), .function(2), .function(3), .function(4), .function(8), .function(9)]

    public static func message(_ rng: inout SplitMix64, size: TermSize) -> Msg {
        switch rng.next() % 100 {
        case 0..<2:
            // A paste: mostly text, sometimes with the ESC or newline of copied terminal output.
            let length = Int(rng.next() % 200)
            let pool = printable + ["\u{1B}", "\n", "\t"]
            return .key(.paste(String((0..<length).map { _ in pool[Int(rng.next() % UInt64(pool.count))] })))
        case 2..<45: return .key(.char(printable[Int(rng.next() % UInt64(printable.count))]))
        case 45..<85: return .key(special[Int(rng.next() % UInt64(special.count))])
        case 85..<95:
            let kinds: [MouseEvent.Kind] = [.click, .click, .wheelUp, .wheelDown]
            return .mouse(MouseEvent(x: Int(rng.next() % UInt64(max(1, size.width) + 2)) - 1,
                                     y: Int(rng.next() % UInt64(max(1, size.height) + 2)) - 1,
                                     kind: kinds[Int(rng.next() % 4)]))
        default:
            // Mostly usable sizes, sometimes anything from 1×1 to 300×100.
            if rng.next() % 3 == 0 {
                return .resize(TermSize(width: Int(1 + rng.next() % 300), height: Int(1 + rng.next() % 100)))
            }
            return .resize(TermSize(width: Int(80 + rng.next() % 60), height: Int(24 + rng.next() % 20)))
        }
    }

    /// Runs one sequence; returns a description of the first broken invariant, or nil.
    public static func run(seed: UInt64, length: Int, data: AccountData) -> String? {
        var rng = SplitMix64(seed: seed)
        var model = AppModel(data: data, size: TermSize(width: 80, height: 24))
        model.today = YearMonth(year: 2026, month: 11)
        model.language = rng.next() % 2 == 0 ? .en : .pl
        model.setCart([CartLine(sku: "YEA-T46U", quantity: 1)])
        for step in 0..<length {
            let msg = message(&rng, size: model.size)
            let effects = update(&model, msg)
            if effects.contains(.quit) || model.done {
                // Quitting ends a session; start a new one from the same state.
                model.done = false
            }
            let canvas = drawn(model)
            guard canvas.width == model.size.width, canvas.height == model.size.height else {
                return "seed \(seed) step \(step): canvas \(canvas.width)×\(canvas.height) for \(model.size)"
            }
            for (y, line) in canvas.lines.enumerated() where CellWidth.of(line) > canvas.width {
                return "seed \(seed) step \(step): line \(y) is \(CellWidth.of(line)) wide on \(canvas.width)"
            }
            if let cursor = canvas.cursor, !(0..<canvas.width).contains(cursor.x) || !(0..<canvas.height).contains(cursor.y) {
                return "seed \(seed) step \(step): cursor \(cursor) outside \(canvas.width)×\(canvas.height)\n" + canvas.lines.joined(separator: "\n")
            }
        }
        return nil
    }
}

