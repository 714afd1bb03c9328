import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Background images: checking an operator's file and copying it into the served tree's
/// `.images/`, from where each phone that shows it gets it in its own directory.
public enum BackgroundLibrary {
    /// An image already in a tree (copied when the tree moves): a plain file (never through a
    /// symlink or FIFO), at most the upload limit; nil otherwise.
    static func readServed(_ url: URL) -> Data? {
        guard case .file(let fd, let info) = PlainFile.openForReading(url.path) else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        guard info.st_size <= ImageProbe.maxBytes, let bytes = try? handle.readToEnd(), bytes.count <= ImageProbe.maxBytes else { return nil }
        return bytes
    }

    public struct Checked: Sendable {
        public var bytes: Data
        public var info: ImageProbe.Info
    }

    /// A path may hold any character a file name can, except the controls every field refuses.
    public static let pathRule = Check<String>.printable("The path")

    /// Reads and checks the file at `path` (already `~`-expanded): exists, is a regular file,
    /// readable, at most 5 MiB, and a PNG, JPEG or BMP by content.
    public static func check(path: String) -> Result<Checked, SettingsRejection> {
        func refuse(_ message: String) -> Result<Checked, SettingsRejection> { .failure(.invalid(field: .file, message: message)) }
        if path.trimmingSpaces.isEmpty { return refuse("Enter the image file's path (Tab completes).") }
        if let problem = pathRule.run(path) { return refuse(problem) }
        var info = stat()
        guard stat(path, &info) == 0 else {
            return refuse(errno == EACCES ? "Cannot reach \(path): permission denied." : "No file at \(path).")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { return refuse("\(path) is a directory; choose an image file in it.") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return refuse("\(path) is not a regular file.") }
        if info.st_size > ImageProbe.maxBytes {
            let mib = String(format: "%.1f", Double(info.st_size) / 1_048_576)
            return refuse("The file is \(mib) MiB; the limit is 5 MiB.")
        }
        if info.st_size == 0 { return refuse("\(path) is empty.") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return refuse("Cannot read \(path): \(access(path, R_OK) == 0 ? "read error" : "permission denied").")
        }
        defer { try? handle.close() }
        guard let bytes = try? handle.readToEnd(), bytes.count <= ImageProbe.maxBytes else {
            return refuse("Cannot read \(path).")
        }
        switch ImageProbe.inspect([UInt8](bytes)) {
        case .success(let info): return .success(Checked(bytes: bytes, info: info))
        case .failure(let problem): return refuse(problem.message)
        }
    }

    /// A file name from the operator's name: lowercase ASCII, digits and '-', plus a random tail.
    static func fileName(for name: String, format: ImageProbe.Format) -> String {
        var slug = ""
        for c in SearchFold.fold(name) {
            if c.isASCII, c.isLetter || c.isNumber { slug.append(c) } else if !slug.hasSuffix("-") { slug.append("-") }
        }
        slug = String(slug.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(40))
        return "\(slug.isEmpty ? "image" : slug)-\(Secrets.random(6, from: Array("abcdefghijklmnopqrstuvwxyz0123456789"))).\(format.fileExtension)"
    }
}

/// What a settings refusal is about. Each settings form maps it to one of its own fields, so
/// the message goes under that field when its form is open.
public enum SettingsField: String, Hashable, Sendable, CaseIterable {
    /// The Hot desking tab's New admin PIN, SIP server and Provisioning URL.
    case pin, sipServer, baseURL
    /// Where the served tree lives and its group (`phonedesk settings set`; not on a panel form).
    case provisioningDirectory, provisioningGroup
    /// nginx's access log (`phonedesk settings set access-log`; not on a panel form).
    case accessLog
    /// The old account-wide URL (`phonedesk settings set legacy-url`).
    case legacyURL
    /// How phones bought in the shop are named (Hot desking tab; `settings set shop-name-pattern`).
    case shopNamePattern
    /// A new background's or template's Name; a background's File; a template's Brand and model.
    case name, file, model
    /// A template's lines (edited outside any form).
    case body
    /// The entry chosen in a list: in use by phones, or deleted meanwhile.
    case list
}

/// Why a settings change was refused; `field` says which form field to show it under.
public enum SettingsRejection: Error, Equatable, Sendable {
    case invalid(field: SettingsField, message: String)
    case readOnly(String)

    public var message: String {
        switch self {
        case .invalid(_, let message): return message
        case .readOnly(let reason): return "Not saved: \(reason)"
        }
    }
}
