/// Where a key goes in a Grandstream file: the P-values of its mode, account, label and value.
/// Source: Grandstream's configuration templates (docs/provisioning.md "Keys").
struct GrandstreamKeys {
    let mode: Int, account: Int, label: Int, value: Int
    let modeValue: String

    /// A GXP2170 has no physical multi-purpose keys: its 48 keys are virtual (VPK), 1-12 fixed
    /// and 13-48 dynamic, each kind with its own mode numbers (template for firmware 1.0.11.16).
    static func isVirtual(_ model: PhoneModel) -> Bool { model.id == "grandstream-gxp2170" }
    static func isFixed(_ number: Int) -> Bool { number <= 12 }

    /// The slot for `key` on `model` (a key `RenderedKey.resolve` kept: `KeyRules.renders`).
    static func slot(_ key: RenderedKey, model: PhoneModel) -> GrandstreamKeys? {
        isVirtual(model) ? virtual(key) : multiPurpose(key)
    }

    /// VPK n: n ≤ 6 at P(1361+2n) mode, P(1362+2n) account, P(1463+2n) description, P(1464+2n)
    /// value; n ≥ 7 from P23800, four a key. Fixed keys: -1 none, 0 the account's line,
    /// 10 speed dial, 11 BLF, 19 park, 32 DND. Dynamic keys: -1 none, 0 speed dial, 1 BLF, 9 park, 22 DND.
    static func virtual(_ key: RenderedKey) -> GrandstreamKeys? {
        let n = key.number
        let fixed = isFixed(n)
        let mode: Int
        switch key.type {
        case .none: mode = -1
        case .line: guard fixed else { return nil }; mode = 0
        case .speedDial: mode = fixed ? 10 : 0
        case .blf: mode = fixed ? 11 : 1
        case .callPark: mode = fixed ? 19 : 9
        case .dnd: mode = fixed ? 32 : 22
        }
        if n <= 6 {
            return GrandstreamKeys(mode: 1361 + 2 * n, account: 1362 + 2 * n, label: 1463 + 2 * n, value: 1464 + 2 * n, modeValue: "\(mode)")
        }
        let base = 23800 + 4 * (n - 7)
        return GrandstreamKeys(mode: base, account: base + 1, label: base + 2, value: base + 3, modeValue: "\(mode)")
    }

    /// Key N is multi-purpose key j = N-1 (key 1 is the account's own line key): mode P(322+j),
    /// account P(298+3j), name P(299+3j), value P(300+3j); 0 speed dial, 1 BLF, 9 park.
    static func multiPurpose(_ key: RenderedKey) -> GrandstreamKeys? {
        let j = key.number - 1
        let mode: String
        switch key.type {
        case .speedDial: mode = "0"
        case .blf: mode = "1"
        case .callPark: mode = "9"
        case .line, .dnd, .none: return nil
        }
        return GrandstreamKeys(mode: 322 + j, account: 298 + 3 * j, label: 299 + 3 * j, value: 300 + 3 * j, modeValue: mode)
    }
}
