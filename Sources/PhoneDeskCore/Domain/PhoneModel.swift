/// A phone brand; its provisioning dialect and the vendor prefixes (OUIs) of its MACs.
public enum Brand: String, Codable, CaseIterable, Sendable {
    case yealink = "Yealink", grandstream = "Grandstream", snom = "Snom", polycom = "Polycom"
    case cisco = "Cisco", fanvil = "Fanvil"

    /// Registered OUIs, enough to warn when a MAC obviously belongs to another brand.
    public var ouis: Set<String> {
        switch self {
        case .yealink: return ["001565", "805ec0", "805e0c", "249ad8", "44dbd2", "e434d7"]
        case .grandstream: return ["000b82", "c074ad", "ec74d7"]
        case .snom: return ["000413"]
        case .polycom: return ["0004f2", "64167f", "482567"]
        case .cisco: return ["000e08", "001e7a", "002155", "5897bd", "00562b", "7c95f3"]
        case .fanvil: return ["0c383e", "00a859"]
        }
    }

    public static func owning(_ mac: MACAddress) -> Brand? {
        allCases.first { $0.ouis.contains(mac.oui) }
    }
}

/// One supported model and what it can do (SPEC §5).
public struct PhoneModel: Hashable, Sendable, Identifiable {
    public let id: String          // stable key stored in phones.json, e.g. "yealink-t46u"
    public let brand: Brand
    public let name: String        // "T46U"
    public let colourScreen: Bool  // can show a background image
    public let supportsTemplates: Bool
    public let lineKeys: Int       // keys usable for BLF; 0 means no BLF

    public var label: String { "\(brand.rawValue) \(name)" }
    public var supportsBLF: Bool { lineKeys > 0 }
}

public enum PhoneCatalog {
    public static let models: [PhoneModel] = [
        .init(id: "yealink-t31p", brand: .yealink, name: "T31P", colourScreen: false, supportsTemplates: true, lineKeys: 2),
        .init(id: "yealink-t33g", brand: .yealink, name: "T33G", colourScreen: true, supportsTemplates: true, lineKeys: 4),
        .init(id: "yealink-t43u", brand: .yealink, name: "T43U", colourScreen: false, supportsTemplates: true, lineKeys: 21),
        .init(id: "yealink-t46u", brand: .yealink, name: "T46U", colourScreen: true, supportsTemplates: true, lineKeys: 27),
        .init(id: "yealink-t48u", brand: .yealink, name: "T48U", colourScreen: true, supportsTemplates: true, lineKeys: 29),
        .init(id: "yealink-t53w", brand: .yealink, name: "T53W", colourScreen: false, supportsTemplates: true, lineKeys: 21),
        .init(id: "yealink-t54w", brand: .yealink, name: "T54W", colourScreen: true, supportsTemplates: true, lineKeys: 27),
        .init(id: "yealink-t57w", brand: .yealink, name: "T57W", colourScreen: true, supportsTemplates: true, lineKeys: 29),
        .init(id: "yealink-cp965", brand: .yealink, name: "CP965", colourScreen: true, supportsTemplates: true, lineKeys: 0),
        .init(id: "yealink-w73p", brand: .yealink, name: "W73P", colourScreen: false, supportsTemplates: true, lineKeys: 0),
        .init(id: "yealink-w76p", brand: .yealink, name: "W76P", colourScreen: false, supportsTemplates: true, lineKeys: 0),
        .init(id: "grandstream-gxp1630", brand: .grandstream, name: "GXP1630", colourScreen: false, supportsTemplates: true, lineKeys: 8),
        .init(id: "grandstream-gxp2170", brand: .grandstream, name: "GXP2170", colourScreen: true, supportsTemplates: true, lineKeys: 48),
        .init(id: "grandstream-grp2614", brand: .grandstream, name: "GRP2614", colourScreen: true, supportsTemplates: true, lineKeys: 16),
        .init(id: "snom-d717", brand: .snom, name: "D717", colourScreen: true, supportsTemplates: true, lineKeys: 6),
        .init(id: "snom-d735", brand: .snom, name: "D735", colourScreen: true, supportsTemplates: true, lineKeys: 32),
        .init(id: "snom-d785", brand: .snom, name: "D785", colourScreen: true, supportsTemplates: true, lineKeys: 24),
        .init(id: "polycom-vvx250", brand: .polycom, name: "VVX 250", colourScreen: true, supportsTemplates: true, lineKeys: 4),
        .init(id: "polycom-vvx450", brand: .polycom, name: "VVX 450", colourScreen: true, supportsTemplates: true, lineKeys: 12),
        .init(id: "cisco-spa504g", brand: .cisco, name: "SPA504G", colourScreen: false, supportsTemplates: true, lineKeys: 4),
        .init(id: "cisco-cp8851", brand: .cisco, name: "CP-8851", colourScreen: true, supportsTemplates: true, lineKeys: 5),
        .init(id: "fanvil-x4u", brand: .fanvil, name: "X4U", colourScreen: true, supportsTemplates: true, lineKeys: 12),
        .init(id: "fanvil-x6u", brand: .fanvil, name: "X6U", colourScreen: true, supportsTemplates: true, lineKeys: 20),
    ]

    private static let byID: [String: PhoneModel] = Dictionary(uniqueKeysWithValues: models.map { ($0.id, $0) })

    public static func model(id: String) -> PhoneModel? { byID[id] }

    private static let byName: [String: PhoneModel] = {
        var table: [String: PhoneModel] = [:]
        let bareNames = Dictionary(grouping: models, by: { SearchFold.fold($0.name) })
        for model in models {
            table[model.id] = model
            table[SearchFold.fold(model.label)] = model
            // "T46U" alone names a model when no other brand has that name.
            if bareNames[SearchFold.fold(model.name)]?.count == 1 { table[SearchFold.fold(model.name)] = model }
        }
        return table
    }()

    /// Finds a model by its id, its label or its bare name, ignoring case ("Yealink T46U",
    /// "yealink-t46u", "t46u").
    public static func model(named text: String) -> PhoneModel? {
        byName[SearchFold.fold(text.trimmingSpaces)]
    }
}
