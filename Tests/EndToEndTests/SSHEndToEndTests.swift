import Foundation
import PhoneDeskProcess
import Testing

/// OpenSSH's own sshd on 127.0.0.1 with the authorized_keys phonedesk writes: two operators
/// (view; edit + buy) reach the panel through `ssh -tt` in tmux (docs/ssh.md).
@Suite(.serialized, .enabled(if: e2eEnabled && SSHServer.usable))
struct SSHEndToEndTests {
    @Test func operatorsOverSSH() throws {
        guard let server = SSHServer() else { Issue.record("sshd did not start"); return }
        let data = server.directory.appendingPathComponent("data")
        func phonedesk(_ words: String...) -> ChildProcess.Result {
            ChildProcess([Tmux.binary] + words + ["--data", data.path, "--authorized-keys", server.authorizedKeys]).run(timeout: 15)
        }
        #expect(ChildProcess([Tmux.binary, "init", data.path]).run(timeout: 15).status == 0)
        #expect(phonedesk("operators", "add", "viewer", "--role", "view", "--key", server.key("viewer") + ".pub").status == 0)
        #expect(phonedesk("operators", "add", "editor", "--role", "edit,buy", "--key", server.key("editor") + ".pub").status == 0)
        let phonesFile = data.appendingPathComponent("phones.json"), auditFile = data.appendingPathComponent("audit.jsonl")

        // The viewer's `e` is refused with the reason, and nothing is written.
        let before = try Data(contentsOf: phonesFile), auditBefore = try Data(contentsOf: auditFile)
        let viewer = Tmux()
        viewer.start("\(server.ssh("viewer", tty: true)); echo SSH-EXITED; sleep 30")
        viewer.waitFor("2 phones", timeout: 15)
        viewer.keys("e")
        viewer.waitFor("your role is view: editing needs edit")
        #expect(!viewer.capture().contains("Edit phone"))
        viewer.keys("q")
        viewer.waitFor("SSH-EXITED")
        #expect(try Data(contentsOf: phonesFile) == before && Data(contentsOf: auditFile) == auditBefore)

        // The editor's edit lands in phones.json and in the audit log with their name and address.
        let editor = Tmux()
        editor.start("\(server.ssh("editor", tty: true)); echo SSH-EXITED; sleep 30")
        editor.waitFor("2 phones", timeout: 15)
        editor.keys("e")
        editor.waitFor("Edit phone")
        editor.keys("Tab", "Space", "C-s")
        editor.waitFor("Saved")
        let recepcja = try #require(try PhonesFile.read(data).phones.first { $0.name == "Recepcja" })
        #expect(recepcja.blf == nil)
        let last = try #require(try String(contentsOf: auditFile, encoding: .utf8).split(separator: "\n").last)
        #expect(last.contains("\"operator\":\"editor\"") && last.contains("\"client\":\"127.0.0.1\"") && last.contains("\"action\":\"phone.edit\""))

        // Dropping the connection (the client killed) leaves no panel behind and the store unlocked.
        let panel = try #require(pidOfPanel(data))
        let client = try #require(server.clientPID())
        kill(client, SIGKILL)
        editor.waitFor("SSH-EXITED")
        let deadline = Date().addingTimeInterval(10)
        while kill(panel, 0) == 0, Date() < deadline { usleep(100_000) }
        #expect(kill(panel, 0) != 0, "the panel outlived its SSH connection")
        let lock = open(data.appendingPathComponent(".lock").path, O_RDONLY)
        #expect(lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0, "the store is still locked")
        close(lock)

        // An operator's key runs the panel (here: its refusal without a terminal), never a shell.
        let other = ChildProcess(["sh", "-c", server.ssh("viewer", tty: false) + " 'echo SHELL-RAN; ls /'"]).run(timeout: 15)
        #expect(!other.output.contains("SHELL-RAN") && !other.output.contains("etc"))
        #expect((other.output + other.error).contains("the panel needs a terminal"))
    }
}

/// A throw-away sshd: its own host key, config and operator keys in a temp directory.
final class SSHServer {
    static let binary = "/usr/sbin/sshd"
    static var usable: Bool {
        if FileManager.default.isExecutableFile(atPath: binary) { return true }
        if ProcessInfo.processInfo.environment["PHONEDESK_REQUIRE_E2E"] == "1" {
            fatalError("sshd is required for the end-to-end tests (PHONEDESK_REQUIRE_E2E=1; .ci/run installs openssh-server)")
        }
        print("note: /usr/sbin/sshd not found; the SSH end-to-end test is skipped")
        return false
    }

    let directory: URL
    let port: Int
    private var pid: pid_t = 0
    var authorizedKeys: String { directory.appendingPathComponent("authorized_keys").path }

    init?() {
        directory = URL(fileURLWithPath: "/tmp/phonedesk-ssh-\(UUID().uuidString.prefix(8))")
        port = SSHServer.freePort()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // sshd refuses to start without its privilege separation directory.
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        for name in ["host", "viewer", "editor"] {
            guard ChildProcess(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key(name)]).run(timeout: 15).status == 0 else { return nil }
        }
        let user = String(cString: getpwuid(getuid()).pointee.pw_name)
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(key("host"))
            AuthorizedKeysFile \(authorizedKeys)
            PidFile \(directory.path)/sshd.pid
            StrictModes no
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            AllowUsers \(user)
            AllowTcpForwarding no
            AllowAgentForwarding no
            X11Forwarding no
            PermitTunnel no
            SetEnv LANG=C.UTF-8
            LogLevel ERROR

            """
        try? config.write(to: directory.appendingPathComponent("sshd_config"), atomically: false, encoding: .utf8)
        guard case .success(let started) = ChildProcess([SSHServer.binary, "-D", "-e", "-f", directory.appendingPathComponent("sshd_config").path])
            .spawn(stderr: directory.appendingPathComponent("sshd.log").path) else { return nil }
        pid = started
        for _ in 0..<100 where !SSHServer.accepts(port) { usleep(50_000) }
        guard SSHServer.accepts(port) else { return nil }
    }

    deinit {
        kill(pid, SIGTERM)
        _ = ChildProcess.wait(for: pid, timeout: 5)
        try? FileManager.default.removeItem(at: directory)
    }

    func key(_ name: String) -> String { directory.appendingPathComponent("\(name)_key").path }

    func ssh(_ name: String, tty: Bool) -> String {
        "ssh \(tty ? "-tt" : "-T") -i \(key(name)) -p \(port) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR 127.0.0.1"
    }

    /// The ssh client of this server's port (one at a time in this test).
    func clientPID() -> pid_t? {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let parts = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if parts.first == "ssh", parts.contains("\(port)") { return pid }
        }
        return nil
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
