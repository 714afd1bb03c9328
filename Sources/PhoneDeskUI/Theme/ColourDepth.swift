/// Fits a theme colour (0–255) to what the terminal has: 256, 16 or 8 colours.
public enum ColourDepth {
    /// The closest colour below `available`; -1 (the terminal's default) stays.
    public static func fit(_ index: Int, available: Int) -> Int {
        if index < 0 || index < available { return index }
        if available >= 16 { return nearestBasic(index, count: 16) }
        // 8 colours: bright n → n, but bright black (grey) → white, so muted text stays visible.
        if index < 16 { return index == 8 ? 7 : index - 8 }
        return nearestBasic(index, count: 8)
    }

    /// The 16 ANSI colours' approximate RGB, for matching the 256-colour cube and greys.
    static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgb(_ index: Int) -> (Int, Int, Int) {
        if index < 16 { return basic[index] }
        if index >= 232 { let v = 8 + (index - 232) * 10; return (v, v, v) }
        let i = index - 16
        let level = { (n: Int) in n == 0 ? 0 : 55 + n * 40 }
        return (level(i / 36), level(i / 6 % 6), level(i % 6))
    }

    static func nearestBasic(_ index: Int, count: Int) -> Int {
        let (r, g, b) = rgb(index)
        // Greys become grey or white, never a hue (and never black: muted text must show).
        if r == g && g == b { return count >= 16 ? (r < 160 ? 8 : r < 240 ? 7 : 15) : 7 }
        var best = 0, bestDistance = Int.max
        for candidate in 0..<count {
            let (cr, cg, cb) = basic[candidate]
            let distance = (r - cr) * (r - cr) + (g - cg) * (g - cg) + (b - cb) * (b - cb)
            if distance < bestDistance { best = candidate; bestDistance = distance }
        }
        // Never map a visible colour to black on a dark terminal.
        return best == 0 && index != 0 && index != 16 ? 8 % count == 0 ? 7 : 8 : best
    }
}
