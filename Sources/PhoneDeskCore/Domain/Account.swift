import Foundation

/// A PBX user who can be assigned to a phone or monitored by BLF.
public struct User: Codable, Hashable, Sendable {
    public var extensionNumber: String
    public var name: String
    public var email: String?
    /// Generated SIP password (≥16 characters); provisioning writes it into the phone's file.
    public var sipPassword: String

    public init(extensionNumber: String, name: String, email: String? = nil, sipPassword: String) {
        self.extensionNumber = extensionNumber
        self.name = name
        self.email = email
        self.sipPassword = sipPassword
    }

    enum CodingKeys: String, CodingKey { case extensionNumber = "extension", name, email, sipPassword }

    /// "101 Anna Nowak"
    public var label: String { "\(extensionNumber) \(name)" }
}

/// One desk phone on the account.
public struct Phone: Codable, Hashable, Sendable, Identifiable {
    public var id: Int
    /// Bumped on every saved change of this phone; a save based on an older value is stale.
    public var revision: Int
    public var name: String
    public var modelID: String
    /// Nil while a bought phone is awaiting delivery.
    public var mac: MACAddress?
    public var userExtension: String?
    public var blfExtension: String?
    /// The label of the BLF on key 2 (`blfExtension`); nil: the phone shows the user's name.
    /// Meaningful only with `blfExtension` (see `KeyLayout`).
    public var blfLabel: String?
    public var background: String?
    public var template: String?
    /// The phone's own provisioning secret: 32 hex digits (128 bits from the system CSPRNG), the
    /// directory of its files under the tree and the last part of its URL. Nil only in files of an
    /// older phonedesk (the store gives every such phone one when it opens the account).
    public var secret: String?
    /// The programmable keys other than the seed's BLF on key 2 (`blfExtension`); nil: none.
    /// See `KeyLayout` and docs/data.md "Key layouts".
    public var keys: [PhoneKey]?
    /// Expansion modules (sidecars) attached; nil: none.
    public var sidecars: Int?

    public init(id: Int, revision: Int = 1, name: String, modelID: String, mac: MACAddress?,
                userExtension: String? = nil, blfExtension: String? = nil,
                background: String? = nil, template: String? = nil, secret: String? = nil,
                keys: [PhoneKey]? = nil, sidecars: Int? = nil, blfLabel: String? = nil) {
        self.id = id
        self.revision = revision
        self.name = name
        self.modelID = modelID
        self.mac = mac
        self.userExtension = userExtension
        self.blfExtension = blfExtension
        self.blfLabel = blfLabel
        self.background = background
        self.template = template
        self.secret = secret
        self.keys = keys
        self.sidecars = sidecars
    }

    enum CodingKeys: String, CodingKey {
        case id, revision, name, modelID = "model", mac, userExtension = "user", blfExtension = "blf", background, template, secret
        case keys, sidecars, blfLabel
    }

    /// Decoded, then key 2 put where it belongs (`normalizeKeyTwo`): a file of an earlier
    /// phonedesk with key layouts kept a labelled BLF on key 2 in `keys`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int.self, forKey: .id), revision: try c.decode(Int.self, forKey: .revision),
                  name: try c.decode(String.self, forKey: .name), modelID: try c.decode(String.self, forKey: .modelID),
                  mac: try c.decodeIfPresent(MACAddress.self, forKey: .mac),
                  userExtension: try c.decodeIfPresent(String.self, forKey: .userExtension),
                  blfExtension: try c.decodeIfPresent(String.self, forKey: .blfExtension),
                  background: try c.decodeIfPresent(String.self, forKey: .background),
                  template: try c.decodeIfPresent(String.self, forKey: .template),
                  secret: try c.decodeIfPresent(String.self, forKey: .secret),
                  keys: try c.decodeIfPresent([PhoneKey].self, forKey: .keys),
                  sidecars: try c.decodeIfPresent(Int.self, forKey: .sidecars),
                  blfLabel: try c.decodeIfPresent(String.self, forKey: .blfLabel))
        normalizeKeyTwo()
    }

    public var model: PhoneModel? { PhoneCatalog.model(id: modelID) }

    public enum Status: String, Sendable { case active = "Active", awaitingDelivery = "Awaiting delivery" }
    public var status: Status { mac == nil ? .awaitingDelivery : .active }

    /// The fields an operator edits, for telling what another operator changed.
    public func differences(from other: Phone, users: [User]) -> [String] {
        func userText(_ ext: String?) -> String {
            guard let ext else { return "none" }
            return users.first { $0.extensionNumber == ext }?.label ?? ext
        }
        var out: [String] = []
        if name != other.name { out.append("name \"\(other.name)\" → \"\(name)\"") }
        if mac != other.mac { out.append("MAC \(other.mac?.display ?? "none") → \(mac?.display ?? "none")") }
        if userExtension != other.userExtension { out.append("user \(userText(other.userExtension)) → \(userText(userExtension))") }
        if blfExtension != other.blfExtension { out.append("BLF \(userText(other.blfExtension)) → \(userText(blfExtension))") }
        else if blfLabel != other.blfLabel { out.append("BLF label \(other.blfLabel ?? "none") → \(blfLabel ?? "none")") }
        if background != other.background { out.append("background \(other.background ?? "none") → \(background ?? "none")") }
        if template != other.template { out.append("template \(other.template ?? "none") → \(template ?? "none")") }
        // The keys by number, so "key 2" names what changed ("keys 4 → 4" once said nothing).
        let mine = Dictionary(layout.keys.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let theirs = Dictionary(other.layout.keys.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        // Key 2 as the BLF (or none) on both sides is the BLF line above.
        let blfOnly = { (key: PhoneKey?) in key == nil || key?.type == .blf }
        let changed = Set(mine.keys).union(theirs.keys).filter { number in
            mine[number] != theirs[number] && !(number == KeyLayout.seedBLFKey && blfOnly(mine[number]) && blfOnly(theirs[number]))
        }.sorted()
        if changed.count == 1 { out.append("key \(changed[0])") }
        if changed.count > 1 { out.append("keys " + changed.map(String.init).joined(separator: ", ")) }
        if (sidecars ?? 0) != (other.sidecars ?? 0) { out.append("sidecars \(other.sidecars ?? 0) → \(sidecars ?? 0)") }
        return out
    }
}

/// A background image uploaded for phone screens (files live in the data directory).
public struct BackgroundImage: Codable, Hashable, Sendable {
    public var name: String
    public var file: String
    public var width: Int
    public var height: Int
    public var bytes: Int
    public init(name: String, file: String, width: Int, height: Int, bytes: Int) {
        self.name = name; self.file = file; self.width = width; self.height = height; self.bytes = bytes
    }
}

/// Extra vendor configuration lines layered over a generated provisioning file.
public struct ConfigTemplate: Codable, Hashable, Sendable {
    public var name: String
    public var modelID: String
    public var body: String
    public init(name: String, modelID: String, body: String) {
        self.name = name; self.modelID = modelID; self.body = body
    }
    enum CodingKeys: String, CodingKey { case name, modelID = "model", body }
}

/// Money in minor units with its currency; never floating point.
public struct Money: Codable, Hashable, Sendable {
    public var cents: Int
    public var currency: String
    public init(cents: Int, currency: String) { self.cents = cents; self.currency = currency }
    /// "EUR 500.00"
    public var display: String {
        let sign = cents < 0 ? "-" : ""
        let value = cents.magnitude  // abs(Int.min) would trap
        return "\(currency) \(sign)\(value / 100).\(String(format: "%02d", value % 100))"
    }
}

public struct PostalAddress: Codable, Hashable, Sendable {
    public var name: String
    public var company: String
    public var street: String
    public var city: String
    public var postalCode: String
    public var country: String  // ISO 3166-1 alpha-2
    public init(name: String, company: String, street: String, city: String, postalCode: String, country: String) {
        self.name = name; self.company = company; self.street = street; self.city = city
        self.postalCode = postalCode; self.country = country
    }
}

/// A card kept for reuse: never the number or CVC, only what the gateway's token needs beside it.
public struct SavedCard: Codable, Hashable, Sendable {
    public var brand: String
    public var last4: String
    public var expiryMonth: Int
    public var expiryYear: Int
    public var gatewayToken: String
    public init(brand: String, last4: String, expiryMonth: Int, expiryYear: Int, gatewayToken: String) {
        self.brand = brand; self.last4 = last4; self.expiryMonth = expiryMonth; self.expiryYear = expiryYear
        self.gatewayToken = gatewayToken
    }
}

/// Account-wide settings and billing facts.
public struct Account: Codable, Hashable, Sendable {
    public var name: String
    /// ≥128 random bits, URL-safe; the secret part of every provisioning URL.
    public var token: String
    public var provisioningBaseURL: String
    public var sipServer: String
    public var balance: Money
    public var addresses: [PostalAddress]
    public var cards: [SavedCard]
    /// The hot-desking admin PIN (#446). Kept because it is written into every phone's file as
    /// the admin password; the panel never shows it again.
    public var hotDeskPIN: String?
    /// The panel's theme for this account (a name in Themes/ or the user's themes); --theme wins.
    public var theme: String?
    /// False keeps the terminal's own text selection (no mouse reporting); nil means on.
    public var mouse: Bool?
    /// Where the served provisioning tree lives (an absolute path outside the data directory);
    /// nil: `DATA/provisioning`, private to the operator (see `ProvisioningTree`).
    public var provisioningDirectory: String?
    /// The group nginx reads an outside tree as; nil: `www-data`. Unused for the default tree.
    public var provisioningGroup: String?
    /// nginx's access log in the `phonedesk` format (docs/provisioning.md), read for each phone's
    /// fetch status; nil: not configured (the status is unknown).
    public var accessLog: String?
    /// True while the old account-wide URL (`<base>/<token>/`) still answers, with files that only
    /// point each phone at its own URL; set when an account of an older phonedesk is migrated,
    /// closed with `phonedesk settings set legacy-url off`. Nil or false: closed (404).
    public var legacyURL: Bool?
    /// Phones with an id below this existed when the account was migrated, so only they may have
    /// been given the old URL: only they get a file there (a phone added since never had it, and
    /// a file there would tell anyone with the token its URL).
    public var legacyPhonesBelow: Int?
    /// How phones bought in the shop are named ({brand} {model} {n}, see `ShopNamePattern`);
    /// nil: `ShopNamePattern.standard`, "Yealink T46U #1".
    public var shopNamePattern: String?
    /// Named key layouts, applied to phones whole (`phonedesk phones keys ID --preset NAME`).
    public var keyPresets: [KeyPreset]?

    public init(name: String, token: String, provisioningBaseURL: String, sipServer: String,
                balance: Money, addresses: [PostalAddress] = [], cards: [SavedCard] = []) {
        self.name = name; self.token = token; self.provisioningBaseURL = provisioningBaseURL
        self.sipServer = sipServer; self.balance = balance; self.addresses = addresses; self.cards = cards
    }

    /// `<provisioning base URL>/<account token>/`: the account-wide URL of phonedesk before
    /// per-phone secrets. Served only while `legacyURL` is open, and then only with files that
    /// move each phone to its own URL (docs/provisioning.md "The old account URL").
    public var provisioningURL: String { "\(baseURL)/\(token)/" }

    /// `<provisioning base URL>/<phone secret>/` — what the operator pastes into that phone.
    public func provisioningURL(secret: String) -> String { "\(baseURL)/\(secret)/" }

    /// A phone's URL; nil for a phone without a secret yet (a file of an older phonedesk).
    public func provisioningURL(of phone: Phone) -> String? { phone.secret.map { provisioningURL(secret: $0) } }

    private var baseURL: String {
        var base = provisioningBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
