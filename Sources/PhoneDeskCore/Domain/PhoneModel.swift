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
    public let lineKeys: Int       // programmable keys on the phone, all pages; 0 means no BLF
    /// Keys on one page (the physical keys beside the screen); `lineKeys` spread over pages.
    public let keysPerPage: Int
    /// The expansion module (sidecar) it takes, if phonedesk renders one for it, and how many.
    public let expansionModule: ExpansionModule?
    public let maxModules: Int
    /// Where the key figures come from (docs/provisioning.md "Key capacity").
    public let source: String

    public init(id: String, brand: Brand, name: String, colourScreen: Bool, supportsTemplates: Bool, lineKeys: Int,
                keysPerPage: Int? = nil, module: ExpansionModule? = nil, maxModules: Int = 0, source: String = "") {
        self.id = id; self.brand = brand; self.name = name; self.colourScreen = colourScreen
        self.supportsTemplates = supportsTemplates; self.lineKeys = lineKeys
        self.keysPerPage = keysPerPage ?? lineKeys
        self.expansionModule = module; self.maxModules = module == nil ? 0 : maxModules; self.source = source
    }

    public var label: String { "\(brand.rawValue) \(name)" }
    public var supportsBLF: Bool { lineKeys > 0 }
    /// Pages of keys on the phone itself.
    public var pages: Int { keysPerPage == 0 ? 0 : (lineKeys + keysPerPage - 1) / keysPerPage }
}

/// A sidecar: its keys in all, over `pages` pages.
public struct ExpansionModule: Hashable, Sendable {
    public let name: String
    public let keys: Int
    public let pages: Int
    public var keysPerPage: Int { pages == 0 ? keys : (keys + pages - 1) / pages }
}

extension ExpansionModule {
    static let yealinkEXP50 = ExpansionModule(name: "EXP50", keys: 60, pages: 3)
    static let yealinkEXP43 = ExpansionModule(name: "EXP43", keys: 60, pages: 3)
    static let snomD7 = ExpansionModule(name: "D7", keys: 18, pages: 1)
    static let polycomEM50 = ExpansionModule(name: "VVX EM50", keys: 66, pages: 3)
    static let cisco8800KEM = ExpansionModule(name: "CP-8800-A-KEM", keys: 56, pages: 2)
}

public enum PhoneCatalog {
    public static let models: [PhoneModel] = [
        .init(id: "yealink-t31p", brand: .yealink, name: "T31P", colourScreen: false, supportsTemplates: true, lineKeys: 2, keysPerPage: 2, source: "yealink-t31p"),
        .init(id: "yealink-t33g", brand: .yealink, name: "T33G", colourScreen: true, supportsTemplates: true, lineKeys: 4, keysPerPage: 4, source: "yealink-t33g"),
        .init(id: "yealink-t43u", brand: .yealink, name: "T43U", colourScreen: false, supportsTemplates: true, lineKeys: 21, keysPerPage: 12, module: .yealinkEXP43, maxModules: 3, source: "yealink-t4u"),
        .init(id: "yealink-t46u", brand: .yealink, name: "T46U", colourScreen: true, supportsTemplates: true, lineKeys: 27, keysPerPage: 10, module: .yealinkEXP50, maxModules: 3, source: "yealink-t4u"),
        .init(id: "yealink-t48u", brand: .yealink, name: "T48U", colourScreen: true, supportsTemplates: true, lineKeys: 29, keysPerPage: 10, module: .yealinkEXP50, maxModules: 3, source: "yealink-t4u"),
        .init(id: "yealink-t53w", brand: .yealink, name: "T53W", colourScreen: false, supportsTemplates: true, lineKeys: 21, keysPerPage: 8, module: .yealinkEXP50, maxModules: 3, source: "yealink-t5w"),
        .init(id: "yealink-t54w", brand: .yealink, name: "T54W", colourScreen: true, supportsTemplates: true, lineKeys: 27, keysPerPage: 10, module: .yealinkEXP50, maxModules: 3, source: "yealink-t5w"),
        .init(id: "yealink-t57w", brand: .yealink, name: "T57W", colourScreen: true, supportsTemplates: true, lineKeys: 29, keysPerPage: 10, module: .yealinkEXP50, maxModules: 3, source: "yealink-t5w"),
        .init(id: "yealink-cp965", brand: .yealink, name: "CP965", colourScreen: true, supportsTemplates: true, lineKeys: 0, source: "yealink-cp965"),
        .init(id: "yealink-w73p", brand: .yealink, name: "W73P", colourScreen: false, supportsTemplates: true, lineKeys: 0, source: "yealink-dect"),
        .init(id: "yealink-w76p", brand: .yealink, name: "W76P", colourScreen: false, supportsTemplates: true, lineKeys: 0, source: "yealink-dect"),
        .init(id: "grandstream-gxp1630", brand: .grandstream, name: "GXP1630", colourScreen: false, supportsTemplates: true, lineKeys: 8, keysPerPage: 8, source: "grandstream-gxp16"),
        .init(id: "grandstream-gxp2170", brand: .grandstream, name: "GXP2170", colourScreen: true, supportsTemplates: true, lineKeys: 48, keysPerPage: 12, source: "grandstream-gxp21"),
        .init(id: "grandstream-grp2614", brand: .grandstream, name: "GRP2614", colourScreen: true, supportsTemplates: true, lineKeys: 16, keysPerPage: 16, source: "grandstream-grp26"),
        .init(id: "snom-d717", brand: .snom, name: "D717", colourScreen: true, supportsTemplates: true, lineKeys: 6, keysPerPage: 3, module: .snomD7, maxModules: 3, source: "snom-d7"),
        .init(id: "snom-d735", brand: .snom, name: "D735", colourScreen: true, supportsTemplates: true, lineKeys: 32, keysPerPage: 8, module: .snomD7, maxModules: 3, source: "snom-d7"),
        .init(id: "snom-d785", brand: .snom, name: "D785", colourScreen: true, supportsTemplates: true, lineKeys: 24, keysPerPage: 12, module: .snomD7, maxModules: 3, source: "snom-d7"),
        .init(id: "polycom-vvx250", brand: .polycom, name: "VVX 250", colourScreen: true, supportsTemplates: true, lineKeys: 4, keysPerPage: 4, source: "polycom-vvx"),
        .init(id: "polycom-vvx450", brand: .polycom, name: "VVX 450", colourScreen: true, supportsTemplates: true, lineKeys: 12, keysPerPage: 12, module: .polycomEM50, maxModules: 3, source: "polycom-vvx"),
        .init(id: "cisco-spa504g", brand: .cisco, name: "SPA504G", colourScreen: false, supportsTemplates: true, lineKeys: 4, keysPerPage: 4, source: "cisco-spa"),
        .init(id: "cisco-cp8851", brand: .cisco, name: "CP-8851", colourScreen: true, supportsTemplates: true, lineKeys: 5, keysPerPage: 5, module: .cisco8800KEM, maxModules: 2, source: "cisco-8800"),
        .init(id: "fanvil-x4u", brand: .fanvil, name: "X4U", colourScreen: true, supportsTemplates: true, lineKeys: 12, keysPerPage: 6, source: "fanvil-x"),
        .init(id: "fanvil-x6u", brand: .fanvil, name: "X6U", colourScreen: true, supportsTemplates: true, lineKeys: 20, keysPerPage: 10, source: "fanvil-x"),
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
