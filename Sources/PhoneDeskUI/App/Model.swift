import PhoneDeskCore

public struct TermSize: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    public static let minimum = TermSize(width: 80, height: 24)
    public var isTooSmall: Bool { width < Self.minimum.width || height < Self.minimum.height }
}

/// A one-line message under the table.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Sendable { case info, success, warning, error }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) { self.kind = kind; self.text = text }
}

/// The whole state of the panel. `update` changes it; `view` draws it.
public struct AppModel: Sendable {
    /// Replaced only through `replaceData` / `setCart`, so the table never indexes phones it was
    /// not built from (a delete of the last row once read past the end of the new list).
    public private(set) var data: AccountData
    /// Why saving is refused (a file from a newer phonedesk); empty when writable.
    public var readOnly: [String]
    public var size: TermSize
    /// The phones table and every feature open over it: the panel's one navigation value.
    public var navigation: Navigation
    public var status: StatusMessage?
    /// A re-provisioning under way: shown on the status line whenever no message is (a key
    /// clears the message, not the progress).
    public var reprovisioning: ReprovisionProgress?
    /// The text of the status line's complaint that the store could not be read, until it can.
    var storeComplaint: String?
    /// The change being saved; the form waits for its result.
    public var saving: PhoneChange?
    /// Keys typed while a phone change is saving, handled in order once its result is in: the
    /// keys after `d y` act on the list without that phone, as the operator saw it (`End d y d y`
    /// once sent the same delete twice).
    public var typedAhead: [Key] = []
    /// More than this is a stuck key, not typing.
    static let typeAheadLimit = 4_096
    public var done = false
    /// The catalogue, delivery rates and VAT (loaded by the runtime).
    public var shopData: ShopData = .builtIn
    /// This month, for card expiry (read from the clock by the runtime).
    public var today = YearMonth(year: 2026, month: 1)
    /// Random per run: with a counter it makes each checkout's idempotency key.
    public var sessionID = "session"
    public var checkoutsOpened = 0
    /// The checkout's chosen address and payment method; forgotten when the cart empties (an
    /// order placed, the last line removed), so the next cart starts from the defaults.
    public private(set) var checkoutChoice: CheckoutChoice?
    /// True while the rest of a large account loads in the background: the table shows the
    /// first phones, and changes wait until everything is read.
    public var loading = false
    /// Set when the panel must stop with an error (a damaged file found while loading).
    public var fatal: String?
    /// The language every screen is drawn in.
    public var language: Language = .en
    /// Theme names the runtime found (shipped and the operator's own).
    public var themes = ["default"]
    /// What the About window tells (set by the runtime).
    public var run = RunFacts()

    /// The resync under way: how many NOTIFYs were sent and answered (the status line counts).
    public var resync: ResyncTally?

    /// Each phone's fetch status from the access log; empty without one (the column says Active).
    public var fetches: [Int: FetchDisplay] = [:]
    /// The access log's last complaint, so that it is said once, not every poll.
    var fetchComplaint: String?
    /// Each phone's files before and after its last save in this session (the inspector's diff).
    public var lastSaves: [Int: PhoneFilesChange] = [:]

    public init(data: AccountData, readOnly: [String] = [], size: TermSize) {
        self.data = data
        self.readOnly = readOnly
        self.size = size
        navigation = Navigation(root: PhonesFeature(data: data))
        if let reason = readOnly.first { status = StatusMessage(.warning, reason) }
    }

    /// This model's language applied to a UI text.
    func t(_ text: String) -> String { Localizer.tr(text, language) }

    /// What every feature may read.
    public var context: Context {
        Context(data: data, size: size, language: language, today: today, shopData: shopData, readOnly: readOnly,
                loading: loading, themes: themes, savingPhone: saving != nil,
                nextCheckoutKey: "\(sessionID)-\(checkoutsOpened + 1)", run: run, fetches: fetches,
                checkoutChoice: checkoutChoice, lastSaves: lastSaves)
    }

    /// The phones table (always under every other feature).
    public var table: PhoneTable {
        get { navigation.root.table }
        set { navigation.root.table = newValue }
    }

    /// Rows of phones that fit between the header and the bottom lines.
    public var pageSize: Int { PhonesView.pageSize(size) }

    public var selectedPhone: Phone? { table.selectedIndex.map { data.phones[$0] } }

    /// Takes data that came back from the store (a save, another operator's change, an order).
    /// The table is rebuilt from it, keeping `select` (else the phone selected before) selected;
    /// the selected id is read from the old data, before the list it indexes is replaced.
    public mutating func replaceData(_ new: AccountData, select id: Int? = nil) {
        let keep = id ?? selectedPhone?.id
        // The search keys hold user names too; a change of only the cart or orders keeps them.
        let tableChanged = new.phones != data.phones || new.users != data.users
        data = new
        if new.cart.isEmpty { checkoutChoice = nil }
        if tableChanged || id != nil {
            table.rebuild(new, keepSelection: keep)
            table.scroll(pageSize: pageSize)
        }
    }

    /// The cart changes in the panel itself (the shop); the phones do not.
    public mutating func setCart(_ lines: [CartLine]) {
        data.cart = lines
        if lines.isEmpty { checkoutChoice = nil }
    }

    /// Kept only while there is a cart to check out.
    mutating func remember(_ choice: CheckoutChoice) { if !data.cart.isEmpty { checkoutChoice = choice } }

    /// True when leaving now would lose typed input.
    var hasUnsavedEdits: Bool { navigation.stack.contains { $0.hasUnsavedEdits } }
}

/// Everything that can happen to the panel.
public enum Msg: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(TermSize)
    /// Another process saved the store (or our own save, seen by the poller).
    case storeChanged(Store.Loaded)
    case storeFailed(StoreError)
    case changeFinished(PhoneChange, ChangeResult)
    case settingsFinished(SettingsChange, SettingsResult)
    /// The result of Tab in a path field; ignored if the field changed meanwhile.
    case pathCompleted(typed: String, PathCompletion)
    /// The operator closed `$EDITOR` on a template; `body` is what the file held.
    case templateEdited(name: String, body: String)
    case editorFailed(String)
    case cartSaved(StoreError?)
    case addressAdded(PostalAddress, AddressResult)
    case checkoutFinished(key: String, CheckoutResult)
    /// The start-up check regenerated `regenerated` phones' provisioning files (a save or import
    /// killed before writing them), or could not run.
    case provisioningRecovered(regenerated: Int, removed: Int, StoreError?)
    /// The start-up check migrated an account of phonedesk 0.2 to a URL per phone.
    case migratedToPhoneURLs(legacyOpen: Bool)
    /// The access log read again (off the input thread): each phone's fetch status by id, and
    /// why the log could not be read (nil: it was). Posted only when something changed.
    case fetchesRead([Int: FetchDisplay], problem: String?)
    /// A re-provisioning after a settings change is this far (posted a few times a second).
    case reprovisionProgress(ReprovisionProgress)
    /// It finished: how many phones' files were regenerated, or why not all were.
    case reprovisioned(regenerated: Int, StoreError?)
    /// One phone's resync NOTIFY came back (or timed out, or could not be sent).
    case resyncAnswered(ResyncTarget, ResyncOutcome)
    /// A datagram the running resync ignored (malformed, or for none of its NOTIFYs).
    case resyncIgnoredAnswer
    /// An admin changed this operator's roles (nil: removed them from the account).
    case rightsChanged(Rights?)
    /// The audit log as read for its screen (`L`).
    case auditRead(AuditLog.Contents)
}




/// A resync's count so far, for the status line of a bulk resync.
public struct ResyncTally: Equatable, Sendable {
    public var sent: Int
    public var answered = 0
    public var ok = 0
    /// Datagrams ignored so far: malformed, or answers to no NOTIFY of this resync.
    public var ignored = 0
    /// The phones that did not say 200 OK, with a word for what they said: the last status
    /// line names them (each answer's own line is gone by then).
    public var notOK: [String] = []
    public init(sent: Int) { self.sent = sent }
}

/// How a store operation came back: done, refused by a rule (nothing written), or failed.
public enum StoreOutcome<Success: Sendable & Equatable, Rejection: Error & Sendable & Equatable>: Sendable, Equatable {
    case saved(Success)
    case rejected(Rejection)
    case failed(StoreError)

    /// Runs a store call and sorts its result; only the runtime calls this (it does I/O).
    public static func of(_ body: () throws(StoreError) -> Result<Success, Rejection>) -> StoreOutcome {
        do throws(StoreError) {
            switch try body() {
            case .success(let value): return .saved(value)
            case .failure(let rejection): return .rejected(rejection)
            }
        } catch { return .failed(error) }
    }
}

public typealias ChangeResult = StoreOutcome<ChangeOutcome, ChangeRejection>
public typealias SettingsResult = StoreOutcome<SettingsOutcome, SettingsRejection>
public typealias AddressResult = StoreOutcome<AccountData, CheckoutRejection>
public typealias CheckoutResult = StoreOutcome<CheckoutOutcome, CheckoutRejection>

/// Work `update` asks the runtime to do; results come back as `Msg`s.
public enum Effect: Equatable, Sendable {
    case apply(PhoneChange)
    case applySettings(SettingsChange)
    case copyToClipboard(String)
    case completePath(String)
    /// Suspend the screen and edit `body` in `$VISUAL`/`$EDITOR` (vi if unset).
    case editTemplate(name: String, body: String, fileExtension: String)
    /// Switch the panel's colours to the named theme now.
    case useTheme(String)
    /// Turn mouse reporting on or off now.
    case useMouse(Bool)
    case saveCart([CartLine])
    case addAddress(PostalAddress)
    /// Charge (through the gateway) and place the order, off the input path.
    case checkout(CheckoutRequest)
    /// Regenerate the provisioning files a settings change left out of date, a chunk at a time,
    /// off the input path and off the queue of saves (`Store.reprovision`), with progress.
    case reprovision
    /// Send each phone a SIP NOTIFY through the account's SIP server (off the input path, paced);
    /// each answer comes back as `.resyncAnswered`.
    case resync([ResyncTarget], server: String)
    /// Read the audit log for its screen.
    case readAudit
    case quit
}
