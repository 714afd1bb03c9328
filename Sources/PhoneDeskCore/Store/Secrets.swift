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

    /// 20 alphanumeric characters (~119 bits): a SIP password phones can store in any format.
    public static func sipPassword() -> String { random(20, from: alphanumeric) }

    static func random(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
