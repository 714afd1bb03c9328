import Foundation

/// A throw-away nginx on 127.0.0.1 serving `root` the way docs/provisioning.md tells operators to.
final class Nginx {
    let port: Int
    let prefix: URL
    private let process: Process

    static var binary: String? {
        ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts nginx in the foreground; nil (after a few ports) when it will not start.
    init?(serving root: URL) {
        guard let binary = Nginx.binary else { return nil }
        prefix = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-nginx-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: prefix.appendingPathComponent("logs"), withIntermediateDirectories: true)
        for attempt in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            let config = Nginx.config(root: root, port: port, prefix: prefix)
            let configURL = prefix.appendingPathComponent("nginx.conf")
            try? config.write(to: configURL, atomically: false, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["-p", prefix.path, "-c", configURL.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return nil }
            for _ in 0..<50 {
                usleep(50_000)
                if !process.isRunning { break }
                if Curl.get("http://127.0.0.1:\(port)/").status != 0 {
                    self.port = port
                    self.process = process
                    return
                }
            }
            process.terminate()
            process.waitUntilExit()
            _ = attempt
        }
        return nil
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: prefix)
    }

    static func config(root: URL, port: Int, prefix: URL) -> String {
        // Workers must read the operator's 0600 files: run them as the same user.
        let user = getuid() == 0 ? "user root;\n" : ""
        return """
        \(user)daemon off;
        worker_processes 1;
        pid \(prefix.path)/nginx.pid;
        error_log \(prefix.path)/logs/error.log;
        events { worker_connections 64; }
        http {
            access_log off;
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-A", userAgent, "-o", bodyURL.path, "-w", "%{http_code}", url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return (0, Data()) }
        let code = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (Int(code) ?? 0, (try? Data(contentsOf: bodyURL)) ?? Data())
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
