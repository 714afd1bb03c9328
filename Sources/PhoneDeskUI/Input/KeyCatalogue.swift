import PhoneDeskCore

/// Every place keys are handled, as the operator meets it: each feature in each state with its
/// own keys. docs/keys.md and the About window are built from it, so they list exactly what the
/// key bars and help windows show.
enum KeyCatalogue {
    struct Entry {
        /// Where the operator is ("Phones table", "Checkout").
        let place: String
        let focus: FocusKeys
    }

    static func entries(_ context: Context) -> [Entry] {
        let data = context.data
        var filtering = PhonesFeature()
        filtering.filtering = true
        var templateErrors = SettingsFeature()
        templateErrors.modal = .templateErrors(name: "", body: "", problems: [])
        let inspector = InspectorFeature(phone: Phone(id: 0, name: "", modelID: "", mac: nil))
        var finding = inspector
        finding.finding = true
        let checkout = CheckoutFeature(idempotencyKey: "", data: data)
        var savedAddresses = checkout
        savedAddresses.window = .address(AddressWindow(savedCount: 1, selected: nil))
        var newCard = checkout
        newCard.window = .card(CardWindow())
        let somePhone = Phone(id: 0, name: "", modelID: "yealink-t46u", mac: nil)
        let keyLayout = KeyLayoutFeature(phone: somePhone)
        var keyForm = keyLayout
        keyForm.mode = .editing(KeyForm(key: PhoneKey(number: 1, type: .blf), isNew: true))
        var presetChoice = keyLayout
        presetChoice.mode = .presets(0)
        let features: [(String, any Feature)] = [
            ("Phones table", PhonesFeature()),
            ("Filter (after `/`)", filtering),
            ("Add and Edit phone", PhoneFormFeature(adding: ())),
            ("Delete phone", PhoneQuestion(kind: .delete, phone: Phone(id: 0, name: "", modelID: "", mac: nil))),
            ("New provisioning URL", PhoneQuestion(kind: .newURL, phone: Phone(id: 0, name: "", modelID: "", mac: nil))),
            ("Edit phone (its own keys)", PhoneFormFeature(editing: somePhone, data: data)),
            ("Key layout (`k`)", keyLayout),
            ("A key (Enter or `a` in the key layout)", keyForm),
            ("Apply a preset (`p` in the key layout)", presetChoice),
            ("Apply a preset to marked phones (`k` with marks)", KeyPresetsFeature(phones: [])),
            ("Bulk edit (`e` with marks)", BulkEditFeature(phones: [], data: data)),
            ("Delete marked phones (`d` with marks)", BulkDeleteQuestion(phones: [])),
            ("Provisioning URL window", AddedPhoneNotice(phone: Phone(id: 0, name: "", modelID: "", mac: nil))),
            ("Phone's files (after `v`)", inspector),
            ("Find in the phone's files (after `/`)", finding),
            ("Settings", SettingsFeature()),
            ("Template errors (after `$EDITOR`)", templateErrors),
            ("Shop", ShopFeature()),
            ("Checkout", checkout),
            ("Delivery address: saved addresses", savedAddresses),
            ("New card", newCard),
            ("Orders", OrdersFeature()),
            ("Audit log (`L`)", AuditFeature()),
            ("Audit entry (Enter on the log)", AuditEntryFeature(entry: AuditEntry(action: ""))),
            ("Help window", HelpFeature(focus: FocusKeys("", [], footer: []))),
            ("About window", AboutFeature()),
            ("Quit question", QuitQuestion()),
        ]
        return features.map { Entry(place: $0.0, focus: $0.1.keys(context)) }
    }

    /// The distinct key tables (help sections) of every place, each once, in order of first use.
    static func tables(_ context: Context) -> [HelpSection] {
        var seen: Set<[HelpRow]> = []
        return entries(context).flatMap(\.focus.sections).filter { seen.insert($0.rows).inserted }
    }
}
