import PhoneDeskCore

/// Figure 15.4: the three tabs of phone settings.
public enum SettingsTab: Int, CaseIterable, Sendable {
    case hotDesking, backgrounds, templates

    public var title: String {
        switch self {
        case .hotDesking: return "Hot desking"
        case .backgrounds: return "Background images"
        case .templates: return "Config templates"
        }
    }
}

/// A window over the settings screen.
public enum SettingsModal: Equatable, Sendable {
    case accountForm(HotDeskForm)
    case upload(UploadForm)
    case addTemplate(TemplateForm)
    case confirmDelete(kind: SettingsTab, name: String)
    /// The edited body failed the vendor check: edit again or discard.
    case templateErrors(name: String, body: String, problems: [TemplateProblem])
}

extension SettingsModal {
    /// True when a form window holds edits.
    var formIsDirty: Bool {
        switch self {
        case .accountForm(let f): return f.form.isDirty
        case .upload(let f): return f.form.isDirty
        case .addTemplate(let f): return f.form.isDirty
        default: return false
        }
    }

    /// The keys of the open form window, nil when none is open.
    func formKeys(_ title: String, _ language: Language) -> FocusKeys? {
        switch self {
        case .accountForm(let f): return f.form.focusKeys(title, language)
        case .upload(let f): return f.focusKeys(title, language)
        case .addTemplate(let f): return f.form.focusKeys(title, language)
        default: return nil
        }
    }

    /// Puts a store refusal under the field of the open form window it is about; false when
    /// no form is open or the open one has no such field.
    mutating func showRefusal(_ refused: SettingsField, message: String) -> Bool {
        switch self {
        case .accountForm(var f): defer { self = .accountForm(f) }; return f.showRefusal(refused, message: message)
        case .upload(var f): defer { self = .upload(f) }; return f.showRefusal(refused, message: message)
        case .addTemplate(var f): defer { self = .addTemplate(f) }; return f.showRefusal(refused, message: message)
        default: return false
        }
    }
}

/// Figure 15.4, the settings screen: three tabs and the windows they open.
public struct SettingsFeature: Feature, Equatable {
    public enum Action: Sendable {
        case key(Key)
        case clickTab(SettingsTab)
        case clickRow(Int)
        case finished(SettingsChange, SettingsResult)
        /// Tab in a path field came back; ignored if the field changed meanwhile.
        case pathCompleted(typed: String, PathCompletion)
        /// `$EDITOR` closed on a template; `body` is what the file held.
        case templateEdited(name: String, body: String)
    }

    public var tab: SettingsTab = .hotDesking
    public var backgroundsCursor = ListCursor()
    public var templatesCursor = ListCursor()
    public var filter = ""
    public var filtering = false
    public var modal: SettingsModal?
    /// The change being saved (its form shows "Saving…" and takes no second submit).
    public var saving: SettingsChange?
    public init() {}

    public static func key(_ key: Key) -> Action { .key(key) }

    public static func result(_ msg: Msg) -> Action? {
        switch msg {
        case .settingsFinished(let change, let result): return .finished(change, result)
        case .pathCompleted(let typed, let completion): return .pathCompleted(typed: typed, completion)
        case .templateEdited(let name, let body): return .templateEdited(name: name, body: body)
        default: return nil
        }
    }

    /// Only the template-errors window and the forms hold typed input.
    public var hasUnsavedEdits: Bool {
        if case .templateErrors? = modal { return true }
        return modal?.formIsDirty ?? false
    }

    /// The wheel moves in the lists, never in a form window.
    public func wheel(up: Bool) -> Action? { modal == nil ? .key(up ? .up : .down) : nil }

    public var cursor: ListCursor {
        get { tab == .templates ? templatesCursor : backgroundsCursor }
        set { if tab == .templates { templatesCursor = newValue } else { backgroundsCursor = newValue } }
    }

    /// Background images shown by the filter, in file order.
    public func backgrounds(_ data: AccountData) -> [BackgroundImage] {
        let needle = SearchFold.fold(filter)
        return data.backgrounds.filter { needle.isEmpty || SearchFold.fold($0.name).contains(needle) }
    }

    public func templates(_ data: AccountData) -> [ConfigTemplate] {
        let needle = SearchFold.fold(filter)
        return data.templates.filter { template in
            needle.isEmpty || SearchFold.fold(template.name + " " + (PhoneCatalog.model(id: template.modelID)?.label ?? "")).contains(needle)
        }
    }

    /// Rows in the current list tab.
    public func rowCount(_ data: AccountData) -> Int {
        switch tab {
        case .hotDesking: return 0
        case .backgrounds: return backgrounds(data).count
        case .templates: return templates(data).count
        }
    }

    public func selectedName(_ data: AccountData) -> String? {
        switch tab {
        case .hotDesking: return nil
        case .backgrounds:
            let rows = backgrounds(data)
            return rows.indices.contains(cursor.selected) ? rows[cursor.selected].name : nil
        case .templates:
            let rows = templates(data)
            return rows.indices.contains(cursor.selected) ? rows[cursor.selected].name : nil
        }
    }
}

extension SettingsFeature {
    public func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        SettingsView.draw(self, context, in: &canvas)
    }
}
