import PhoneDeskCore

/// What every feature may read and none may write: the account, the terminal, the language and
/// the facts the runtime read for it (clock, catalogue). Built by the app for each message.
public struct Context: Sendable {
    public let data: AccountData
    public let size: TermSize
    public let language: Language
    /// This month, for card expiry.
    public let today: YearMonth
    public let shopData: ShopData
    /// Why saving is refused (a file from a newer phonedesk); empty when writable.
    public let readOnly: [String]
    /// The rest of a large account is still loading.
    public let loading: Bool
    /// Theme names the runtime found.
    public let themes: [String]
    /// A phone change is being saved.
    public let savingPhone: Bool
    /// The idempotency key the next checkout window takes.
    public let nextCheckoutKey: String
    /// Facts about this run, for the About window.
    public let run: RunFacts
    /// Each phone's fetch status (by id) from the access log; empty without one.
    public var fetches: [Int: FetchDisplay] = [:]
    /// The address and payment method the last checkout of this cart chose.
    public var checkoutChoice: CheckoutChoice?
    /// Each phone's files before and after its last save in this session (by id): the inspector.
    public var lastSaves: [Int: PhoneFilesChange] = [:]

    /// A UI text in the panel's language.
    public func t(_ text: String) -> String { Localizer.tr(text, language) }

    /// Why a change cannot be made now, or nil when it can.
    public var writeRefusal: StatusMessage? {
        if loading { return StatusMessage(.info, "Still reading the phones; a moment.") }
        return readOnly.first.map { StatusMessage(.error, "Read-only: \($0)") }
    }
}

/// What the runtime knows about this run and the About window shows.
public struct RunFacts: Sendable, Equatable {
    public var version: String
    public var dataDirectory: String
    /// The theme the panel started with (`--theme`, else the account's).
    public var theme: String
    /// The operator's roles (`--operator`), or every role for the account owner.
    public var rights = Rights.local
    /// An operator over SSH (`--operator`), not the account owner at the console: the panel
    /// starts no other program for them (an editor would give them a shell on the service account).
    public var isOperator = false
    public init(version: String = PhoneDeskVersion.current, dataDirectory: String = "", theme: String = "default", rights: Rights = .local,
                isOperator: Bool = false) {
        self.version = version; self.dataDirectory = dataDirectory
        self.theme = theme; self.rights = rights; self.isOperator = isOperator
    }
}
