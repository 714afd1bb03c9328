import Foundation
import PhoneDeskProcess
#if canImport(Glibc)
import Glibc
#endif

/// Runs `$VISUAL`, else `$EDITOR`, else `vi` on a private temp file and returns what it holds.
enum ExternalEditor {
    struct Failure: Error { var message: String }

    static func edit(_ text: String, fileExtension: String) -> Result<String, Failure> {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("phonedesk-template-\(getpid())-\(UInt32.random(in: 0 ... .max)).\(fileExtension)").path
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .failure(Failure(message: "Cannot create a temp file for the editor: \(String(cString: strerror(errno))).")) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        defer { unlink(path) }
        guard written == bytes.count else { return .failure(Failure(message: "Cannot write the temp file for the editor.")) }
        // The editor shares the terminal (same process group), so it can run full screen.
        let result = ChildProcess(["/bin/sh", "-c", "\(editor) \"$1\"", "phonedesk-editor", path], inheritsTerminal: true).run()
        guard result.status != 127 || result.error.isEmpty else {
            return .failure(Failure(message: "Cannot start the editor \"\(editor)\": \(result.error). Set $EDITOR."))
        }
        guard result.status == 0 else {
            return .failure(Failure(message: "The editor \"\(editor)\" failed (status \(result.status)); nothing was saved."))
        }
        guard let data = FileManager.default.contents(atPath: path), let edited = String(data: data, encoding: .utf8) else {
            return .failure(Failure(message: "The edited file is not UTF-8 text; nothing was saved."))
        }
        return .success(edited)
    }
}
