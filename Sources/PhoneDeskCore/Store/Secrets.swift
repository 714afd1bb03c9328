/// Random secrets from the system's CSPRNG (getrandom on Linux).
public enum Secrets {
    private static let urlSafe = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    private static let alphanumeric = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// 22 URL-safe characters = 132 random bits: the account token in provisioning URLs.
    public static func accountToken() -> String { random(22, from: urlSafe) }

    /// Whether `s` has the shape of an account token: exactly 22 characters from the URL-safe
    /// alphabet [A-Za-z0-9_-]. The token names a directory under `provisioning/`, so anything
    /// else ("../..", "/", an empty string) must never reach a path.
    public static func isAccountToken(_ s: String) -> Bool {
        var count = 0
        for byte in s.utf8 {
            count += 1
            guard count <= 22 else { return false }
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): continue
            default: return false
            }
        }
        return count == 22
    }

    /// 32 lowercase hex digits = 128 random bits: one phone's provisioning secret (its directory
    /// under the served tree and its URL).
    public static func phoneSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        var bits = SecretBits()
        while bits.isNone { bits = SecretBits(high: generator.next(), low: generator.next()) }
        return bits.hex
    }

    /// Whether `s` has the shape of a phone secret: exactly 32 digits 0-9 a-f. It names a
    /// directory, so nothing else may reach a path.
    public static func isPhoneSecret(_ s: String) -> Bool {
        var count = 0
        for byte in s.utf8 {
            count += 1
            guard count <= 32, (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) else { return false }
        }
        return count == 32
    }

    /// 20 alphanumeric characters (~119 bits): a SIP password phones can store in any format.
    public static func sipPassword() -> String { random(20, from: alphanumeric) }

    static func random(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}

/// A phone secret as two numbers: 0 for none (a secret of 128 zero bits is never drawn in
/// practice and is refused as a secret). Packs the manifest's records and a set of 100,000
/// secrets without a String each.
struct SecretBits: Hashable, Comparable, Sendable {
    static func < (a: SecretBits, b: SecretBits) -> Bool { (a.high, a.low) < (b.high, b.low) }

    var high: UInt64 = 0
    var low: UInt64 = 0

    static let none = SecretBits()
    var isNone: Bool { high == 0 && low == 0 }

    init() {}
    init(high: UInt64, low: UInt64) { self.high = high; self.low = low }

    /// Nil unless exactly 32 digits 0-9 a-f.
    init?<C: Collection>(hexBytes hex: C) where C.Element == UInt8 {
        guard hex.count == 32 else { return nil }
        // No allocation: the integrity check parses 100,000 of these at every load.
        var high: UInt64 = 0, low: UInt64 = 0, k = 0
        for c in hex {
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x61...0x66: digit = c - 0x61 + 10
            default: return nil
            }
            if k < 16 { high = high << 4 | UInt64(digit) } else { low = low << 4 | UInt64(digit) }
            k += 1
        }
        self.high = high; self.low = low
    }

    init?(_ secret: String?) {
        guard let secret else { return nil }
        self.init(hexBytes: Array(secret.utf8))
    }

    var hex: String {
        [high, low].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}

