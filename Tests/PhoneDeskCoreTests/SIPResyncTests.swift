import Testing
@testable import PhoneDeskCore

struct SIPNotifyTests {
    let ids = SIPIdentifiers(branch: "z9hG4bK0123456789abcdef", fromTag: "f00d", callID: "c0ffee@192.0.2.7")

    func notify(_ server: String = "sip.example.com:5080", ext: String = "101", brand: Brand = .yealink) -> SIPNotify {
        SIPNotify(extensionNumber: ext, server: SIPServer(setting: server)!, event: ResyncEvent.event(for: brand),
                  localHost: "192.0.2.7", localPort: 40000, ids: ids)
    }

    @Test func carriesEveryRFC3261HeaderWithCRLFAndNoBody() {
        let text = notify().text
        #expect(text.hasPrefix("NOTIFY sip:101@sip.example.com:5080 SIP/2.0\r\n"))
        #expect(text.hasSuffix("\r\nContent-Length: 0\r\n\r\n"))
        // Every line ends in CRLF: no bare LF anywhere.
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let headers = text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        let names = headers.map { String($0.prefix { $0 != ":" }) }
        #expect(names == ["Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "Contact", "Event", "Subscription-State", "User-Agent", "Content-Length"])
        #expect(headers.contains("Via: SIP/2.0/UDP 192.0.2.7:40000;branch=z9hG4bK0123456789abcdef;rport"))
        #expect(headers.contains("Max-Forwards: 70"))
        #expect(headers.contains("From: <sip:phonedesk@sip.example.com:5080>;tag=f00d"))
        #expect(headers.contains("To: <sip:101@sip.example.com:5080>"))
        #expect(headers.contains("Call-ID: c0ffee@192.0.2.7"))
        #expect(headers.contains("CSeq: 1 NOTIFY"))
        #expect(headers.contains("Contact: <sip:phonedesk@192.0.2.7:40000>"))
        #expect(headers.contains("Event: check-sync;reboot=false"))
        #expect(headers.contains("Subscription-State: terminated"))
    }

    @Test func theDefaultPortIsLeftOutOfTheURI() {
        #expect(notify("pbx.example.com").requestURI == "sip:101@pbx.example.com")
        #expect(notify("pbx.example.com:5060").requestURI == "sip:101@pbx.example.com")
        #expect(SIPServer(setting: "pbx:0") == nil)
        #expect(SIPServer(setting: "pbx:1:2") == nil)
        #expect(SIPServer(setting: ":5060") == nil)
    }

    @Test func aUserWithReservedCharactersIsEscaped() {
        #expect(notify(ext: "anna nowak@x").requestURI == "sip:anna%20nowak%40x@sip.example.com:5080")
    }

    @Test(arguments: [(Brand.yealink, "check-sync;reboot=false"), (.snom, "check-sync;reboot=false"), (.polycom, "check-sync"),
                      (.cisco, "resync"), (.grandstream, "resync"), (.fanvil, "resync")])
    func eachBrandGetsItsEvent(brand: Brand, event: String) {
        #expect(ResyncEvent.event(for: brand) == event)
        #expect(notify(brand: brand).text.contains("\r\nEvent: \(event)\r\n"))
    }

    @Test func randomIdentifiersHaveTheMagicCookieAndDiffer() {
        var generator = SystemRandomNumberGenerator()
        let a = SIPIdentifiers.random(host: "192.0.2.7", using: &generator)
        let b = SIPIdentifiers.random(host: "192.0.2.7", using: &generator)
        #expect(a.branch.hasPrefix("z9hG4bK") && a.branch.count == 7 + 16)
        #expect(a.callID.hasSuffix("@192.0.2.7"))
        #expect(a.branch != b.branch && a.callID != b.callID && a.fromTag != b.fromTag)
    }
}

struct SIPResponseTests {
    let notify = SIPNotify(extensionNumber: "101", server: SIPServer(host: "127.0.0.1", port: 5060), event: "check-sync",
                           localHost: "127.0.0.1", localPort: 40000,
                           ids: SIPIdentifiers(branch: "z9hG4bKabc", fromTag: "t", callID: "call-1@127.0.0.1"))

    func response(_ status: String = "200 OK", branch: String = "z9hG4bKabc", callID: String = "call-1@127.0.0.1",
                  cseq: String = "1 NOTIFY") -> String {
        "SIP/2.0 \(status)\r\nVia: SIP/2.0/UDP 127.0.0.1:40000;branch=\(branch);rport=40000;received=127.0.0.1\r\n"
            + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKother\r\nFrom: <sip:phonedesk@127.0.0.1>;tag=t\r\nTo: <sip:101@127.0.0.1>;tag=x\r\n"
            + "Call-ID: \(callID)\r\nCSeq: \(cseq)\r\nContent-Length: 0\r\n\r\n"
    }

    @Test func readsAGoodAnswerAndMatchesItToTheTransaction() throws {
        let parsed = try #require(SIPResponse.parse(response()))
        #expect(parsed == SIPResponse(status: 200, reason: "OK", branch: "z9hG4bKabc", callID: "call-1@127.0.0.1", cseq: 1, method: "NOTIFY"))
        #expect(parsed.answers(notify))
        #expect(SIPResponse.parse(response("404 Not Found"))?.status == 404)
        #expect(SIPResponse.parse(response("100 Trying"))?.isFinal == false)
    }

    @Test func compactHeaderNamesAndBareLineFeedsAreRead() {
        let text = "SIP/2.0 200 OK\nv: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKabc\ni: call-1@127.0.0.1\nCSeq: 1 NOTIFY\n\n"
        #expect(SIPResponse.parse(text)?.answers(notify) == true)
    }

    @Test func anAnswerForAnotherCallOrTransactionDoesNotMatch() throws {
        #expect(try #require(SIPResponse.parse(response(callID: "other@127.0.0.1"))).answers(notify) == false)
        #expect(try #require(SIPResponse.parse(response(branch: "z9hG4bKzzz"))).answers(notify) == false)
        #expect(try #require(SIPResponse.parse(response(cseq: "1 OPTIONS"))).answers(notify) == false)
        #expect(try #require(SIPResponse.parse(response(cseq: "2 NOTIFY"))).answers(notify) == false)
    }

    @Test(arguments: [
        "", "garbage", "\u{0}\u{1}\u{2}", "HTTP/1.1 200 OK\r\n\r\n",
        "NOTIFY sip:101@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKabc\r\nCall-ID: a\r\nCSeq: 1 NOTIFY\r\n\r\n",
        "SIP/2.0 20 OK\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKabc\r\nCall-ID: a\r\nCSeq: 1 NOTIFY\r\n\r\n",
        "SIP/2.0 700 Odd\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKabc\r\nCall-ID: a\r\nCSeq: 1 NOTIFY\r\n\r\n",
        "SIP/2.0 200 OK\r\nCall-ID: a\r\nCSeq: 1 NOTIFY\r\n\r\n",
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 1.2.3.4\r\nCall-ID: a\r\nCSeq: 1 NOTIFY\r\n\r\n",
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKabc\r\nCSeq: 1 NOTIFY\r\n\r\n",
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKabc\r\nCall-ID: a\r\nCSeq: one NOTIFY\r\n\r\n",
    ])
    func malformedAnswersAreRefused(text: String) {
        #expect(SIPResponse.parse(text) == nil)
    }
}

struct NonInviteTransactionTests {
    @Test func timerERetransmitsAtT1DoublingToT2UntilTimerFAt32Seconds() {
        #expect(NonInviteTransaction.schedule() == [0, 500, 1_500, 3_500, 7_500, 11_500, 15_500, 19_500, 23_500, 27_500, 31_500])
        var transaction = NonInviteTransaction()
        for time in NonInviteTransaction.schedule().dropFirst() { _ = transaction.tick(now: time) }
        let fired1 = transaction.tick(now: 31_999)
        #expect(fired1 == false)
        #expect(transaction.state == .trying)
        let fired2 = transaction.tick(now: 32_000)
        #expect(fired2 == false)
        #expect(transaction.state == .timedOut)
        #expect(transaction.nextDeadline == nil)
    }

    @Test func nothingIsDueBeforeItsTime() {
        var transaction = NonInviteTransaction()
        #expect(transaction.nextDeadline == 500)
        let fired3 = transaction.tick(now: 499)
        #expect(fired3 == false)
        let fired4 = transaction.tick(now: 500)
        #expect(fired4 == true)
        #expect(transaction.nextDeadline == 1_500)
        let fired5 = transaction.tick(now: 501)
        #expect(fired5 == false)
    }

    @Test func aFinalAnswerEndsRetransmission() {
        var transaction = NonInviteTransaction()
        _ = transaction.tick(now: 500)
        transaction.receive(status: 200, reason: "OK")
        #expect(transaction.state == .completed(status: 200, reason: "OK"))
        #expect(transaction.nextDeadline == nil)
        let fired6 = transaction.tick(now: 40_000)
        #expect(fired6 == false)
        // A later answer (a repeat, or another final) changes nothing.
        transaction.receive(status: 404, reason: "Not Found")
        #expect(transaction.state == .completed(status: 200, reason: "OK"))
    }

    @Test func aProvisionalAnswerRetransmitsEveryT2ButTimerFStillRuns() {
        var transaction = NonInviteTransaction()
        let fired7 = transaction.tick(now: 500)
        #expect(fired7)
        transaction.receive(status: 100, reason: "Trying")
        #expect(transaction.state == .proceeding)
        #expect(transaction.nextDeadline == 1_500)
        let fired8 = transaction.tick(now: 1_500)
        #expect(fired8)
        #expect(transaction.nextDeadline == 5_500)
        let fired9 = transaction.tick(now: 5_500)
        #expect(fired9)
        #expect(transaction.nextDeadline == 9_500)
        _ = transaction.tick(now: 32_000)
        #expect(transaction.state == .timedOut)
    }

    @Test func aShortTimeoutCutsTheSchedule() {
        #expect(NonInviteTransaction.schedule(timeout: 2_000) == [0, 500, 1_500])
        #expect(NonInviteTransaction.schedule(timeout: 300) == [0])
    }

    @Test func aBulkResyncSendsAtMostTenASecond() {
        let pacer = ResyncPacer()
        let times = (0..<95).map(pacer.sendTime)
        #expect(times.prefix(3) == [0, 100, 200])
        for start in stride(from: 0, through: 9_000, by: 50) {
            #expect(times.filter { $0 >= start && $0 < start + 1_000 }.count <= 10)
        }
        #expect(times.last == 9_400)
        #expect(ResyncPacer(perSecond: 0).sendTime(1) == 1_000)
    }
}

struct ResyncPlanTests {
    @Test func phonesWithoutAUserOrAwaitingDeliveryAreRefusedByName() {
        let mac = MACAddress(hex: "805ec0112233")
        let phones = [
            Phone(id: 1, name: "Biuro 12", modelID: "yealink-t46u", mac: mac, userExtension: "101"),
            Phone(id: 2, name: "Hall", modelID: "cisco-cp8851", mac: mac, userExtension: nil),
            Phone(id: 3, name: "New", modelID: "snom-d735", mac: nil, userExtension: "103"),
            Phone(id: 4, name: "Desk", modelID: "cisco-cp8851", mac: mac, userExtension: "104"),
        ]
        let plan = ResyncPlan(phones: phones)
        #expect(plan.targets == [ResyncTarget(phoneID: 1, name: "Biuro 12", extensionNumber: "101", event: "check-sync;reboot=false"),
                                 ResyncTarget(phoneID: 4, name: "Desk", extensionNumber: "104", event: "resync")])
        #expect(plan.refused.map { ResyncPlan.refusal($0.phone, $0.reason) } == [
            "\"Hall\" has no user: nothing to send the NOTIFY to",
            "\"New\" is awaiting delivery: there is no phone to resync yet",
        ])
    }

    @Test func outcomesReadAsTheOperatorSeesThem() {
        #expect(ResyncOutcome.answered(status: 200, reason: "OK").text == "200 OK")
        #expect(ResyncOutcome.answered(status: 200, reason: "OK").isOK)
        #expect(ResyncOutcome.answered(status: 404, reason: "Not Found").text == "404 Not Found (not registered)")
        #expect(ResyncOutcome.answered(status: 489, reason: "Bad Event").isOK == false)
        #expect(ResyncOutcome.timedOut(milliseconds: 32_000).text == "timeout (no answer in 32 s)")
        #expect(ResyncOutcome.timedOut(milliseconds: 500).text == "timeout (no answer in 0.5 s)")
        #expect(ResyncOutcome.timedOut(milliseconds: 1_250, provisional: "100 Trying").text
                == "timeout (100 Trying, then no final answer in 1.25 s)")
        #expect(ResyncOutcome.timedOut(milliseconds: 40).text == "timeout (no answer in 0.04 s)")
        #expect(ResyncOutcome.timedOut(milliseconds: 1).text == "timeout (no answer in 0.001 s)")
        // A reason from the network cannot move the cursor or clear the screen.
        #expect(!ResyncOutcome.answered(status: 500, reason: "Oops\u{1b}[2J").text.contains("\u{1b}"))
    }
}

struct CurrentSIPServerTests {
    /// A resync goes where account.json says now: another process's change is seen at once.
    @Test func theSIPServerIsReadFreshFromTheAccount() throws {
        let temp = TempDirectory()
        let panel = try Store.open(directory: temp.url)
        let other = try Store.open(directory: temp.url)
        #expect(panel.currentAccount()?.sipServer == "sip.phonedesk.example")
        _ = try other.apply(.setAccountSettings(pin: nil, sipServer: "127.0.0.1:5075", provisioningBaseURL: nil)).get()
        #expect(panel.currentAccount()?.sipServer == "127.0.0.1:5075")
    }
}
