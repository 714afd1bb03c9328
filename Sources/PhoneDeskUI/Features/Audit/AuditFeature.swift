import PhoneDeskCore

/// The audit log (`L` on the table): who changed what, newest first, narrowed with `/`.
public struct AuditFeature: Feature, Equatable {
    public enum Action: Sendable {
        case key(Key)
        case clickRow(Int)
        case read(AuditLog.Contents)
    }

    /// Nil until the log has been read (an effect: the file is read off the input path).
    public var contents: AuditLog.Contents?
    public var cursor = ListCursor()
    public var filter = ""
    public var filtering = false
    public init() {}

    public static func key(_ key: Key) -> Action { .key(key) }

    public static func result(_ msg: Msg) -> Action? {
        if case .auditRead(let contents) = msg { return .read(contents) }
        return nil
    }

    /// The entries the filter keeps: every word in the entry's line, any case.
    public var shown: [AuditEntry] {
        let entries = contents?.entries ?? []
        let words = filter.lowercased().split(separator: " ")
        guard !words.isEmpty else { return entries }
        return entries.filter { entry in
            let line = AuditView.cells(entry).joined(separator: " ").lowercased()
            return words.allSatisfy { line.contains($0) }
        }
    }

    /// The status line for a part of the log that was not read (translated from its parts).
    static func ignored(_ damage: AuditLog.Damage) -> String {
        switch damage.reason {
        case .torn: return "Ignored \(damage.place): cut short, most likely by a crash while it was written"
        case .notAnEntry: return "Ignored \(damage.place): not an audit entry (edited by hand?)"
        case .unreadable(let why): return "Ignored \(damage.place): \(why)"
        }
    }

    public mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        let page = AuditView.pageSize(context.size)
        switch action {
        case .read(let read):
            contents = read
            cursor.clamp(count: shown.count, pageSize: page)
            if let first = read.damaged.first {
                return [.status(StatusMessage(.warning, AuditFeature.ignored(first)))]
            }
            return []
        case .clickRow(let row):
            cursor.move(by: row - cursor.selected, count: shown.count, pageSize: page)
            return []
        case .key(let key):
            if filtering {
                switch FilterLine.handle(key, text: &filter) {
                case .edited(let message):
                    cursor.move(by: -shown.count, count: shown.count, pageSize: page)
                    return message.map { [.status(StatusMessage(.warning, $0))] } ?? []
                case .keep: filtering = false
                case .clear: filtering = false; cursor.clamp(count: shown.count, pageSize: page)
                case .up: cursor.move(by: -1, count: shown.count, pageSize: page)
                case .down: cursor.move(by: 1, count: shown.count, pageSize: page)
                case .ignored: return GlobalKeys.commands(for: key)
                }
                return []
            }
            guard let action = AuditKeys.screen.action(for: key) else { return [] }
            let count = shown.count
            switch action {
            case .up: cursor.move(by: -1, count: count, pageSize: page)
            case .down: cursor.move(by: 1, count: count, pageSize: page)
            case .pageUp: cursor.move(by: -page, count: count, pageSize: page)
            case .pageDown: cursor.move(by: page, count: count, pageSize: page)
            case .first: cursor.move(by: -count, count: count, pageSize: page)
            case .last: cursor.move(by: count, count: count, pageSize: page)
            case .details:
                guard shown.indices.contains(cursor.selected) else { return [] }
                return [.open(AuditEntryFeature(entry: shown[cursor.selected]))]
            case .filter: filtering = true
            case .back: return [.close]
            case .help: return [.help]
            case .quit: return [.quit]
            }
            return []
        }
    }

    public func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        AuditView.draw(self, context, in: &canvas)
    }

    public func keys(_ context: Context) -> FocusKeys {
        if filtering { return FilterLine.focus }
        return FocusKeys("Audit log", AuditKeys.screen)
    }
}
