import Foundation
import Glibc
import PhoneDeskProcess
import Testing

/// A UDP socket bound to 127.0.0.1 and a port the kernel chose.
func boundUDPSocket() -> (fd: Int32, port: Int) {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

/// A UDP port on 127.0.0.1 nothing uses now: bound to port 0, read back, released.
func freeUDPPort() -> Int {
    let (fd, port) = boundUDPSocket()
    close(fd)
    return port
}

/// Waits until something holds UDP `port` on 127.0.0.1 (binding it fails), up to `timeout` s.
func waitUntilBound(_ port: Int, timeout: Double = 5) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        close(fd)
        if bound != 0 { return true }
        usleep(50_000)
    }
    return false
}

/// A SIPp run in the background (its scenario written by the test); `finish` waits for its exit
/// status: 0 when every call passed, its `check_it` regular expressions included.
final class SIPp {
    private let pid: pid_t
    let log: URL

    static var binary: String? { ["/usr/bin/sipp", "/usr/local/bin/sipp"].first { FileManager.default.isExecutableFile(atPath: $0) } }

    init?(scenario: String, in directory: URL, port: Int, arguments: [String] = []) {
        guard let binary = SIPp.binary else { return nil }
        let file = directory.appendingPathComponent("scenario-\(port).xml")
        try? scenario.write(to: file, atomically: false, encoding: .utf8)
        log = directory.appendingPathComponent("sipp-\(port).log")
        let command = [binary, "-sf", file.path, "-i", "127.0.0.1", "-p", "\(port)", "-m", "1", "-nostdin",
                       "-trace_err", "-error_file", directory.appendingPathComponent("sipp-\(port)-errors.log").path] + arguments
        guard case .success(let pid) = ChildProcess(command).spawn(stdout: log.path, stderr: log.path + ".err") else { return nil }
        self.pid = pid
    }

    /// SIPp's exit status (after up to `timeout` s; then it is killed and the status is 137),
    /// and what its error file says.
    func finish(timeout: Double = 5) -> (status: Int32, errors: String) {
        let (status, _) = ChildProcess.wait(for: pid, timeout: timeout)
        let errors = (try? String(contentsOf: log.deletingLastPathComponent().appendingPathComponent(
            log.lastPathComponent.replacingOccurrences(of: ".log", with: "-errors.log")), encoding: .utf8)) ?? ""
        return (status, errors)
    }

    deinit { kill(pid, SIGKILL); _ = ChildProcess.wait(for: pid, timeout: 2) }

    /// The phone: answers one NOTIFY with 200 OK after checking its Event header and
    /// Request-URI (a failed check fails the call, and SIPp exits 1).
    static func phone(event: String, requestURI: String) -> String {
        func regex(_ text: String) -> String {
            text.map { ".[]()*+?^$\\|{}".contains($0) ? "\\\($0)" : String($0) }.joined()
        }
        return """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="a phone answering phonedesk's resync NOTIFY">
          <recv request="NOTIFY">
            <action>
              <ereg regexp="^ *\(regex(event))$" search_in="hdr" header="Event:" check_it="true" assign_to="event"/>
              <ereg regexp="^NOTIFY \(regex(requestURI)) SIP/2\\.0" search_in="msg" check_it="true" assign_to="uri"/>
            </action>
          </recv>
          <Reference variables="event,uri"/>
          <send>
            <![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]phone[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

            ]]>
          </send>
        </scenario>
        """
    }

    /// A REGISTER of `user` at the registrar with the phone's address as its Contact.
    static func register(_ user: String, contactPort: Int) -> String {
        """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="register \(user)">
          <send retrans="500">
            <![CDATA[
        REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:\(user)@[remote_ip]:[remote_port]>;tag=[pid]reg[call_number]
        To: <sip:\(user)@[remote_ip]:[remote_port]>
        Call-ID: [call_id]
        CSeq: 1 REGISTER
        Contact: <sip:\(user)@127.0.0.1:\(contactPort)>
        Max-Forwards: 70
        Expires: 300
        Content-Length: 0

            ]]>
          </send>
          <recv response="200"/>
        </scenario>
        """
    }
}

/// A throw-away Kamailio on 127.0.0.1: a registrar (usrloc in memory, no database) that relays
/// a request to the registered contact of its user, or answers 404 when there is none.
final class Kamailio {
    let port: Int
    private let pid: pid_t
    private let directory: URL

    static var binary: String? { ["/usr/sbin/kamailio", "/usr/bin/kamailio", "/usr/local/sbin/kamailio"].first { FileManager.default.isExecutableFile(atPath: $0) } }

    /// Debian puts the modules under the multiarch directory; others under lib or lib64.
    static var modules: String? {
        var candidates = ["/usr/lib/kamailio/modules", "/usr/lib64/kamailio/modules", "/usr/local/lib/kamailio/modules", "/usr/local/lib64/kamailio/modules"]
        let multiarch = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib")) ?? []
        candidates = multiarch.filter { $0.hasSuffix("-linux-gnu") }.map { "/usr/lib/\($0)/kamailio/modules" } + candidates
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/registrar.so") }
    }

    init?(in directory: URL) {
        guard let binary = Kamailio.binary, let modules = Kamailio.modules else { return nil }
        self.directory = directory
        port = freeUDPPort()
        let config = directory.appendingPathComponent("kamailio.cfg")
        try? Kamailio.config(port: port, modules: modules).write(to: config, atomically: false, encoding: .utf8)
        // -DD: no daemon, -E: log to stderr, -Y/-P: runtime files in the test's directory, small memory.
        let command = [binary, "-f", config.path, "-DD", "-E", "-Y", directory.path, "-P", directory.appendingPathComponent("kamailio.pid").path,
                       "-m", "32", "-M", "4"]
        guard case .success(let pid) = ChildProcess(command).spawn(stdout: directory.appendingPathComponent("kamailio.log").path,
                                                                  stderr: directory.appendingPathComponent("kamailio.err").path) else { return nil }
        self.pid = pid
        guard waitUntilBound(port) else { return nil }
    }

    var log: String { (try? String(contentsOf: directory.appendingPathComponent("kamailio.err"), encoding: .utf8)) ?? "" }

    /// SIGTERM: Kamailio's main process stops its children and exits.
    deinit {
        kill(pid, SIGTERM)
        if ChildProcess.wait(for: pid, timeout: 5).timedOut { kill(pid, SIGKILL) }
    }

    static func config(port: Int, modules: String) -> String {
        """
        #!KAMAILIO
        debug=2
        log_stderror=yes
        children=1
        auto_aliases=no
        listen=udp:127.0.0.1:\(port)
        mpath="\(modules)/"
        loadmodule "tm.so"
        loadmodule "sl.so"
        loadmodule "rr.so"
        loadmodule "maxfwd.so"
        loadmodule "textops.so"
        loadmodule "usrloc.so"
        loadmodule "registrar.so"
        modparam("usrloc", "db_mode", 0)
        request_route {
            if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
            if (is_method("REGISTER")) { save("location"); exit; }
            if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
            t_relay();
        }
        """
    }
}

/// Whether the SIP end-to-end tests can run: SIPp and Kamailio (with its modules) present,
/// required when PHONEDESK_REQUIRE_E2E=1 (CI installs sip-tester and kamailio).
let sipEnabled: Bool = {
    guard e2eEnabled else { return false }
    if SIPp.binary != nil, Kamailio.binary != nil, Kamailio.modules != nil { return true }
    if ProcessInfo.processInfo.environment["PHONEDESK_REQUIRE_E2E"] == "1" {
        fatalError("sipp and kamailio are required for the resync end-to-end tests (PHONEDESK_REQUIRE_E2E=1)")
    }
    print("note: sipp or kamailio not found; the resync end-to-end tests are skipped")
    return false
}()

/// A UDP socket on 127.0.0.1 that takes datagrams and never answers: a SIP server that is down
/// behind a firewall (no ICMP), so a NOTIFY waits for timer F.
final class SilentUDP {
    let port: Int
    private let fd: Int32

    init() { (fd, port) = boundUDPSocket() }

    deinit { close(fd) }
}
