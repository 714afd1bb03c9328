import Foundation
import PhoneDeskCore

/// Where an import's rows come from: a file, or standard input for `-`. Both are read in chunks
/// up to a cap, so `/dev/zero`, a FIFO that never ends or a 1 GB file is a clear refusal, not
/// a process that eats memory (100,000 phones are about 5 MiB of CSV).
enum ImportSource {
    static let maxBytes = 128 * 1024 * 1024

    /// How messages name the source: the path, or "standard input" for `-`.
    static func name(_ path: String) -> String { path == "-" ? "standard input" : path }

    /// At most `limit + 1` bytes (one more than allowed tells "too large"), nil on a read error.
    static func read(_ handle: FileHandle, limit: Int = maxBytes) -> Data? {
        var data = Data()
        while data.count <= limit {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: min(1 << 20, limit + 1 - data.count)) } catch { return nil }
            guard let chunk, !chunk.isEmpty else { break }  // nil or empty: the end
            data.append(chunk)
        }
        return data
    }

    /// The rows of the CSV at `path` (`-` is `console.input`), or nil with the reason printed.
    static func rows(_ path: String, environment: [String: String], limit: Int = maxBytes, _ console: inout Console) -> [CSV.Row]? {
        let shown = path == "-" ? name(path) : DataDirectory.expand(path, environment)
        let data: Data?
        if path == "-" {
            data = console.input(limit)
        } else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: shown, isDirectory: &isDirectory), isDirectory.boolValue {
                console.error("\(shown) is a directory; give the CSV file")
                return nil
            }
            data = FileHandle(forReadingAtPath: shown).flatMap { handle in
                defer { try? handle.close() }
                return read(handle, limit: limit)
            }
        }
        guard let data else {
            console.error("cannot read \(shown)")
            return nil
        }
        guard data.count <= limit else {
            console.error("\(shown) is larger than \(limit / 1_048_576) MiB; split it into several imports")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            console.error("\(shown) is not UTF-8 text" + (firstInvalidUTF8(data).map { ": line \($0.line), byte 0x\(String($0.byte, radix: 16, uppercase: true))" } ?? "")
                          + "; save it as UTF-8")
            return nil
        }
        switch CSV.parse(text) {
        case .success(let rows): return rows
        case .failure(let failure):
            console.error("\(shown): line \(failure.line): \(failure.message)")
            return nil
        }
    }
}

extension Console {
    /// The executable's console: the process's standard input, read (capped) only when a
    /// command asks for it (`-` for a file, `settings set pin`).
    public static func standard() -> Console {
        Console(reading: { limit in ImportSource.read(FileHandle.standardInput, limit: limit) },
                inputIsTerminal: isatty(STDIN_FILENO) == 1)
    }
}

/// Where the first byte that is not UTF-8 sits (its line, 1-based, and the byte), so a refusal
/// points at the row to fix instead of the whole file.
func firstInvalidUTF8(_ data: Data) -> (line: Int, byte: UInt8)? {
    let bytes = [UInt8](data)
    var line = 1, index = 0
    while index < bytes.count {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
        guard length > 0, index + length <= bytes.count,
              String(bytes: bytes[index..<(index + length)], encoding: .utf8) != nil else { return (line, lead) }
        if lead == 0x0A { line += 1 }
        index += length
    }
    return nil
}
