import Foundation
import PhoneDeskProcess
import Testing

/// A throw-away nginx on 127.0.0.1 serving `root` the way docs/provisioning.md tells operators to.
final class Nginx {
    let port: Int
    let prefix: URL
    private let pid: pid_t

    static var binary: String? {
        ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts nginx in the foreground; nil (after a few ports) when it will not start. `user`:
    /// the workers' user (root only); nil runs them as the operator, as a default tree needs.
    init?(serving root: URL, user: String? = nil) {
        guard let binary = Nginx.binary else { return nil }
        prefix = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-nginx-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: prefix.appendingPathComponent("logs"), withIntermediateDirectories: true)
        for attempt in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            let config = Nginx.config(root: root, port: port, prefix: prefix, user: user)
            let configURL = prefix.appendingPathComponent("nginx.conf")
            try? config.write(to: configURL, atomically: false, encoding: .utf8)
            guard case .success(let pid) = ChildProcess([binary, "-p", prefix.path, "-c", configURL.path]).spawn() else { return nil }
            for _ in 0..<50 {
                usleep(50_000)
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { break }  // exited: the port was taken
                if Curl.get("http://127.0.0.1:\(port)/").status != 0 {
                    self.port = port
                    self.pid = pid
                    return
                }
            }
            Nginx.stop(pid)
            _ = attempt
        }
        return nil
    }

    /// The access log, in the `phonedesk` format docs/provisioning.md gives.
    var accessLog: URL { prefix.appendingPathComponent("logs/phonedesk.log") }

    deinit {
        Nginx.stop(pid)
        try? FileManager.default.removeItem(at: prefix)
    }

    /// SIGTERM, and SIGKILL after 5 s (an exited, reaped pid just makes kill fail).
    private static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        _ = ChildProcess.wait(for: pid, timeout: 5)
    }

    static func config(root: URL, port: Int, prefix: URL, user workers: String? = nil) -> String {
        // Workers must read the operator's 0600 files of a default tree: run them as the same
        // user; an outside tree is read as its group's user (`workers`).
        let user = getuid() == 0 ? "user \(workers ?? "root");\n" : ""
        return """
        \(user)daemon off;
        worker_processes 1;
        pid \(prefix.path)/nginx.pid;
        error_log \(prefix.path)/logs/error.log;
        events { worker_connections 64; }
        http {
            log_format phonedesk '$time_iso8601\t$remote_addr\t"$request"\t$status\t$body_bytes_sent\t"$http_user_agent"';
            access_log \(prefix.path)/logs/phonedesk.log phonedesk;
            client_body_temp_path \(prefix.path)/body;
            proxy_temp_path \(prefix.path)/proxy;
            fastcgi_temp_path \(prefix.path)/fastcgi;
            uwsgi_temp_path \(prefix.path)/uwsgi;
            scgi_temp_path \(prefix.path)/scgi;
            types { text/plain cfg htm; application/xml xml; image/png png; image/jpeg jpg; image/bmp bmp; }
            default_type application/octet-stream;
            server {
                listen 127.0.0.1:\(port);
                root \(root.path);
                autoindex off;
                location / { try_files $uri =404; }
                location ~ /\\. { return 404; }
            }
        }
        """
    }
}

enum Curl {
    /// `curl` as a phone would fetch; returns the HTTP status (0 when it could not connect) and body.
    static func get(_ url: String, userAgent: String = "Yealink SIP-T46U 108.86.0.20") -> (status: Int, body: Data) {
        let bodyURL = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: bodyURL) }
        let result = ChildProcess(["curl", "-s", "--max-time", "5", "-A", userAgent, "-o", bodyURL.path, "-w", "%{http_code}", url])
            .run(timeout: 10)
        return (Int(result.output) ?? 0, (try? Data(contentsOf: bodyURL)) ?? Data())
    }
}

/// Whether the nginx test can run: nginx and curl present (required when PHONEDESK_REQUIRE_E2E=1).
let nginxEnabled: Bool = {
    guard e2eEnabled else { return false }
    if Nginx.binary != nil { return true }
    if ProcessInfo.processInfo.environment["PHONEDESK_REQUIRE_E2E"] == "1" {
        fatalError("nginx is required for the provisioning end-to-end test (PHONEDESK_REQUIRE_E2E=1)")
    }
    print("note: nginx not found; the provisioning end-to-end test is skipped")
    return false
}()

extension Nginx {
    /// The demo account in `work`/data (`phonedesk init`) and an nginx serving its tree; nil
    /// (recorded as an issue) when either cannot be made.
    static func demoAccount(in work: URL) -> (data: URL, nginx: Nginx)? {
        let data = work.appendingPathComponent("data")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let initialised = ChildProcess([Tmux.binary, "init", data.path]).run(timeout: 30).status == 0
        guard initialised, let nginx = Nginx(serving: data.appendingPathComponent("provisioning")) else {
            Issue.record(initialised ? "nginx did not start" : "phonedesk init failed")
            return nil
        }
        return (data, nginx)
    }
}
