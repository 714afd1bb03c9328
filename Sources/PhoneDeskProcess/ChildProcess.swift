import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs another program with posix_spawn and a deadline.
///
/// Why not Foundation's `Process`: its `waitUntilExit` has no timeout, so one stuck child (a
/// tmux client, a curl to a silent port) hangs a whole test run; and it starts children in a new
/// process group, where a full-screen editor cannot use the terminal. Output goes to files, never
/// pipes: a daemon the child starts (a tmux server) would hold a pipe open for ever.
public struct ChildProcess: Sendable {
    public struct Result: Sendable {
        /// The exit code; 128 + the signal number when a signal ended it (as a shell reports it).
        public var status: Int32
        public var timedOut: Bool
        public var output: String
        public var error: String
    }

    public var arguments: [String]
    /// true: the child shares this process's stdin, stdout and stderr (an editor on the terminal);
    /// false: stdin is /dev/null and output is captured.
    public var inheritsTerminal: Bool

    public init(_ arguments: [String], inheritsTerminal: Bool = false) {
        self.arguments = arguments
        self.inheritsTerminal = inheritsTerminal
    }

    /// Starts the child and waits for it; after `timeout` seconds it is killed (SIGKILL) and
    /// `timedOut` is set. Spawn failures report status 127 with the reason in `error`.
    public func run(timeout: Double = .infinity) -> Result {
        let scratch = FileManager.default.temporaryDirectory.path + "/phonedesk-child-\(getpid())-\(UInt64.random(in: 0 ... .max))"
        let outPath = scratch + ".out", errPath = scratch + ".err"
        defer { unlink(outPath); unlink(errPath) }
        let pid: pid_t
        switch spawn(stdout: outPath, stderr: errPath) {
        case .failure(let failure): return Result(status: 127, timedOut: false, output: "", error: failure.message)
        case .success(let child): pid = child
        }
        let (status, timedOut) = ChildProcess.wait(for: pid, timeout: timeout)
        return Result(status: status, timedOut: timedOut,
                      output: ChildProcess.read(outPath), error: ChildProcess.read(errPath))
    }

    /// Starts the child without waiting. Unless it inherits the terminal, stdin is /dev/null and
    /// stdout and stderr go to the files at `stdout` and `stderr`.
    public func spawn(stdout: String = "/dev/null", stderr: String = "/dev/null") -> Swift.Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if !inheritsTerminal {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Signals a parent ignores stay ignored across exec: the panel ignores SIGTERM and SIGHUP
        // (it handles them with Dispatch sources), and an editor it starts must still die with
        // the SSH link. So the child starts with every signal at its default and none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        // posix_spawnp searches PATH like a shell, so "tmux" and "/usr/bin/tmux" both work.
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else { return .failure(SpawnFailure(message: "cannot start \(arguments[0]): \(String(cString: strerror(result)))")) }
        return .success(pid)
    }

    public struct SpawnFailure: Error, Sendable { public var message: String }

    /// Waits for `pid`; kills it with SIGKILL once `timeout` seconds have passed.
    public static func wait(for pid: pid_t, timeout: Double = .infinity) -> (status: Int32, timedOut: Bool) {
        let deadline = timeout.isFinite ? Date().addingTimeInterval(timeout) : .distantFuture
        var status: Int32 = 0
        var timedOut = false
        var pause: useconds_t = 500
        while true {
            let reaped = waitpid(pid, &status, timeout.isFinite ? WNOHANG : 0)
            if reaped == pid { break }
            if reaped < 0 {
                if errno == EINTR { continue }
                return (127, timedOut)
            }
            if !timedOut, Date() >= deadline {
                kill(pid, SIGKILL)
                timedOut = true
                continue
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        let signal = status & 0x7F
        return (signal == 0 ? (status >> 8) & 0xFF : 128 + signal, timedOut)
    }

    private static func read(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
