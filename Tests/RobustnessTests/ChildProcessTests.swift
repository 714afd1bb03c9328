import Foundation
import Testing
import PhoneDeskProcess

/// The deadline every test child runs under, and the editor's way of starting a program.
struct ChildProcessTests {
    @Test func capturesOutputAndTheExitCode() {
        let result = ChildProcess(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"]).run(timeout: 10)
        #expect(result.status == 3 && !result.timedOut)
        #expect(result.output == "out\n" && result.error == "err\n")
    }

    @Test func aChildPastItsDeadlineIsKilled() {
        let start = Date()
        let result = ChildProcess(["sleep", "30"]).run(timeout: 0.3)
        #expect(result.timedOut && result.status == 128 + SIGKILL)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func aSignalIsReportedAsAShellWould() {
        #expect(ChildProcess(["/bin/sh", "-c", "kill -TERM $$"]).run(timeout: 10).status == 128 + SIGTERM)
    }

    @Test func aMissingProgramSaysWhy() {
        let result = ChildProcess(["/nonexistent/phonedesk-nothing"]).run(timeout: 10)
        #expect(result.status == 127)
        #expect(result.error.contains("/nonexistent/phonedesk-nothing"))
    }

    @Test func stdinIsEmptyNotInherited() {
        #expect(ChildProcess(["/bin/sh", "-c", "cat; echo done"]).run(timeout: 10).output == "done\n")
    }
}
