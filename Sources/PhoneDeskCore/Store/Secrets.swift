/// Random secrets from the system's CSPRNG (getrandom on Linux).
public enum Secrets {
    private static let urlSafe = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    private static let alphanumeric = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// 22 URL-safe characters = 132 random bits: the account token in provisioning URLs.
    public static func accountToken() -> String { random(22, from: urlSafe) }

    /// 20 alphanumeric characters (~119 bits): a SIP password phones can store in any format.
    public static func sipPassword() -> String { random(20, from: alphanumeric) }

    static func random(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
