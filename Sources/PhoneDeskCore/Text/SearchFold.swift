import Foundation

/// Folds text for search: lowercase, no diacritics, so "Łódź", "LODZ" and "lodz" all match.
public enum SearchFold {
    /// Letters that carry their mark in the base letter itself and do not decompose under NFD.
    private static let undecomposable: [Character: String] = [
        "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h",
    ]

    public static func fold(_ text: String) -> String {
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
