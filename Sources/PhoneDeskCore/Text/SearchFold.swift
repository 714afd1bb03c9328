import Foundation

/// Folds text for search: lowercase, no diacritics, so "Łódź", "LODZ" and "lodz" all match.
public enum SearchFold {
    /// Letters that carry their mark in the base letter itself and do not decompose under NFD.
    private static let undecomposable: [Character: String] = [
        "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h",
    ]

    /// Folded forms of U+0080…U+024F (Latin-1 and Latin Extended-A/B: every European letter
    /// operators type), computed once with the full algorithm.
    private static let latinTable: [String] = (0x80...0x24F).map { value in
        UnicodeScalar(value).map { slowFold(String(Character($0))) } ?? ""
    }

    public static func fold(_ text: String) -> String {
        // Fast path: ASCII and European letters by table, without Unicode normalisation.
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? UnicodeScalar(v + 32)! : scalar)
            } else if v <= 0x24F {
                out.append(contentsOf: latinTable[Int(v - 0x80)].unicodeScalars)
            } else {
                return slowFold(text)
            }
        }
        return String(out)
    }

    static func slowFold(_ text: String) -> String {
        let lowered = text.lowercased()
        if lowered.utf8.allSatisfy({ $0 < 0x80 }) { return lowered }
        var out = String.UnicodeScalarView()
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x0300...0x036F).contains(scalar.value) { continue }  // combining diacritical marks
            if let replacement = undecomposable[Character(scalar)] {
                out.append(contentsOf: replacement.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
