import Foundation
import PhoneDeskProcess
import Testing

/// `phones resync` and `r` against real SIP software: SIPp as the phone, Kamailio as the registrar.
@Suite(.serialized, .enabled(if: sipEnabled))
struct ResyncEndToEndTests {
    let work = temporaryDataDirectory()

    /// The demo account with its SIP server set to `server`.
    func account(server: String) throws -> URL {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let data = work.appendingPathComponent("data")
        #expect(ChildProcess([Tmux.binary, "init", data.path]).run(timeout: 30).status == 0)
        #expect(ChildProcess([Tmux.binary, "settings", "set", "sip-server", server, "--data", data.path]).run(timeout: 30).status == 0)
        return data
    }

    /// An account whose SIP server is SIPp, answering as Recepcja's phone (101), bound and ready.
    func accountWithSIPpAsThePhone() throws -> (URL, SIPp)? {
        let port = freeUDPPort()
        let data = try account(server: "127.0.0.1:\(port)")
        guard let phone = SIPp(scenario: SIPp.phone(event: "check-sync;reboot=false", requestURI: "sip:101@127.0.0.1:\(port)"),
                               in: work, port: port) else { return nil }
        #expect(waitUntilBound(port))
        return (data, phone)
    }

    @Test func sippAsThePhoneAnswers200ToTheNotify() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard let (data, phone) = try accountWithSIPpAsThePhone() else { Issue.record("sipp did not start"); return }
        let started = Date()
        let result = ChildProcess([Tmux.binary, "phones", "resync", "1", "--timeout", "5", "--data", data.path]).run(timeout: 20)
        #expect(result.output == "1 \"Recepcja\" (101): 200 OK\n", "\(result.error)")
        #expect(result.status == 0)
        #expect(Date().timeIntervalSince(started) < 5)
        let sipp = phone.finish()
        #expect(sipp.status == 0, "SIPp's checks of the Event header and Request-URI failed: \(sipp.errors)")
    }

    @Test func throughKamailioToTheRegisteredUserAnd404ForAnUnregisteredOne() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        guard let kamailio = Kamailio(in: work) else { Issue.record("kamailio did not start"); return }
        let data = try account(server: "127.0.0.1:\(kamailio.port)")
        #expect(ChildProcess([Tmux.binary, "phones", "edit", "2", "--user", "102", "--data", data.path]).run(timeout: 30).status == 0)
        // The phone answers on one port; a second SIPp registers 101 with that port as its contact.
        let phonePort = freeUDPPort()
        guard let phone = SIPp(scenario: SIPp.phone(event: "check-sync;reboot=false", requestURI: "sip:101@127.0.0.1:\(phonePort)"),
                               in: work, port: phonePort) else { Issue.record("sipp did not start"); return }
        #expect(waitUntilBound(phonePort))
        let registerPort = freeUDPPort()
        guard let register = SIPp(scenario: SIPp.register("101", contactPort: phonePort), in: work, port: registerPort,
                                  arguments: ["127.0.0.1:\(kamailio.port)"]) else { Issue.record("sipp did not start"); return }
        let registered = register.finish()
        #expect(registered.status == 0, "REGISTER failed: \(registered.errors)\n\(kamailio.log)")

        let result = ChildProcess([Tmux.binary, "phones", "resync", "1", "2", "--timeout", "5", "--data", data.path]).run(timeout: 20)
        let lines = Set(result.output.split(separator: "\n").map(String.init))
        #expect(lines == ["1 \"Recepcja\" (101): 200 OK", "2 \"Magazyn\" (102): 404 Not Found (not registered)"], "\(result.error)\n\(kamailio.log)")
        #expect(result.status == 1)  // not every phone said 200
        let sipp = phone.finish()
        #expect(sipp.status == 0, "the NOTIFY Kamailio relayed failed SIPp's checks: \(sipp.errors)")
    }

    @Test func rInThePanelShowsThePhonesAnswer() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard let (data, phone) = try accountWithSIPpAsThePhone() else { Issue.record("sipp did not start"); return }
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.keys("r")
        let screen = tmux.waitFor("Resync \"Recepcja\": 200 OK", timeout: 10)
        #expect(!screen.contains("timeout"))
        tmux.keys("q")
        let sipp = phone.finish()
        #expect(sipp.status == 0, "\(sipp.errors)")
    }

    @Test func typingGoesOnWhileAResyncWaitsForASilentServer() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let silent = SilentUDP()
        let data = try account(server: "127.0.0.1:\(silent.port)")
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.keys("r")
        tmux.waitFor("Resync sent to 1 phone.")
        // The NOTIFY waits up to 32 s for an answer; the table answers keys meanwhile.
        let started = Date()
        tmux.keys("j")
        tmux.waitFor("Magazyn · User 104", timeout: 3)
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(!tmux.capture().contains("timeout"))
        tmux.keys("q")
    }
}
