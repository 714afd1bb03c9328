import PhoneDeskCore
import Foundation

/// A colour in a theme file: "default" (the terminal's own), an ANSI name, or 0–255.
public enum ThemeColour: Equatable, Sendable, Decodable {
    case terminalDefault
    case index(Int)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            guard (0...255).contains(number) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "colour \(number) is not 0–255")
            }
            self = .index(number)
            return
        }
        let name = try container.decode(String.self).lowercased()
        if let parsed = ThemeColour(name: name) { self = parsed; return }
        throw DecodingError.dataCorruptedError(in: container, debugDescription:
            "unknown colour \"\(name)\" (use default, \(Self.names.joined(separator: ", ")), bright-<name>, or 0–255)")
    }

    public init?(name: String) {
        if name == "default" { self = .terminalDefault; return }
        if let i = Self.names.firstIndex(of: name) { self = .index(i); return }
        if name.hasPrefix("bright-"), let i = Self.names.firstIndex(of: String(name.dropFirst(7))) { self = .index(i + 8); return }
        return nil
    }
}

/// Semantic colour slots (Textual-style): screens ask for roles, themes say what they look like.
public struct Theme: Equatable, Sendable, Decodable {
    public var name: String
    public var slots: [Role: ThemeColour]

    enum CodingKeys: String, CodingKey { case name, slots }

    public init(name: String, slots: [Role: ThemeColour]) { self.name = name; self.slots = slots }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        let raw = try container.decode([String: ThemeColour].self, forKey: .slots)
        var slots: [Role: ThemeColour] = [:]
        for (key, colour) in raw {
            guard let role = Role(rawValue: key) else {
                throw DecodingError.dataCorruptedError(forKey: .slots, in: container, debugDescription:
                    "unknown slot \"\(key)\" (slots: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            slots[role] = colour
        }
        let missing = Role.allCases.filter { slots[$0] == nil }
        if !missing.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .slots, in: container, debugDescription:
                "missing \(Plural.english(missing.count) == .one ? "slot" : "slots"): \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        self.slots = slots
    }

    public func colour(_ role: Role) -> ThemeColour { slots[role] ?? .terminalDefault }

    /// Compiled in so the panel has colours even when no theme file can be found.
    public static let builtIn = Theme(name: "default", slots: [
        .background: .terminalDefault, .surface: .terminalDefault, .text: .terminalDefault,
        .muted: .index(8), .primary: .index(6), .accent: .index(3), .selection: .index(4),
        .success: .index(2), .warning: .index(3), .error: .index(1), .border: .index(4),
    ])

    /// Decodes a theme file; the error names the problem for the operator.
    public static func decode(_ data: Data) -> Result<Theme, ThemeError> {
        do { return .success(try JSONDecoder().decode(Theme.self, from: data)) } catch let error as DecodingError {
            switch error {
            case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
                return .failure(ThemeError(c.debugDescription))
            case .keyNotFound(let key, _): return .failure(ThemeError("missing \"\(key.stringValue)\""))
            @unknown default: return .failure(ThemeError("\(error)"))
            }
        } catch { return .failure(ThemeError("\(error)")) }
    }
}

public struct ThemeError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
