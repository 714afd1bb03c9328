import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// `r` on the table: a SIP NOTIFY to the selected or marked phones, answered on the status line.
struct ResyncTests {
    @Test func rResyncsTheSelectedPhoneAndTheAnswerComesBackOnTheStatusLine() throws {
        var model = makeModel(dialogData())
        let effects = press(&model, .char("r"))
        let target = ResyncTarget(phoneID: 1, name: "Recepcja", extensionNumber: "101", event: "check-sync;reboot=false")
        #expect(effects == [.resync([target], server: model.data.account.sipServer)])
        #expect(model.status == StatusMessage(.info, "Resync sent to 1 phone."))
        // Typing goes on while the NOTIFY is out: the table still moves.
        press(&model, .down)
        #expect(model.selectedPhone?.id == 2)
        _ = update(&model, .resyncAnswered(target, .answered(status: 200, reason: "OK")))
        #expect(model.status == StatusMessage(.success, "Resync \"Recepcja\": 200 OK"))
        #expect(model.resync == nil)
    }

    /// One resync at a time: `r` again while NOTIFYs are out sends nothing (a second queue would
    /// double the pace and send a waiting phone a second NOTIFY); once all answered, it works.
    @Test func rAgainWhileAResyncRunsSendsNothing() throws {
        var model = makeModel(dialogData())
        guard case .resync(let targets, _)? = press(&model, .char("r")).first else { Issue.record("no resync"); return }
        #expect(press(&model, .char("r")).isEmpty)
        #expect(model.status == StatusMessage(.warning, "A resync is still running (0 of 1 answered): press r again when it has finished."))
        _ = update(&model, .resyncAnswered(targets[0], .answered(status: 200, reason: "OK")))
        #expect(press(&model, .char("r")).count == 1)
    }

    @Test func theMarkedPhonesAreResyncedAndCountedAsTheyAnswer() {
        var model = makeModel(dialogData())
        press(&model, .char(" "), .char(" "), .char(" "))  // Recepcja, Magazyn, Biuro Łódź
        let effects = press(&model, .char("r"))
        guard case .resync(let targets, _)? = effects.first else { Issue.record("no resync"); return }
        #expect(targets.map(\.phoneID) == [1, 2, 3])
        #expect(targets[1].event == "resync")  // Grandstream
        #expect(model.status?.text == "Resync sent to 3 phones.")
        _ = update(&model, .resyncAnswered(targets[0], .answered(status: 200, reason: "OK")))
        #expect(model.status?.text == "Resync \"Recepcja\": 200 OK · 1 of 3 answered")
        _ = update(&model, .resyncAnswered(targets[2], .answered(status: 404, reason: "Not Found")))
        #expect(model.status == StatusMessage(.warning, "Resync \"Biuro Łódź, pokój 214 (drugie piętro)\": 404 Not Found (not registered) · 2 of 3 answered"))
        _ = update(&model, .resyncAnswered(targets[1], .timedOut(milliseconds: 32_000)))
        // The last line names every phone that did not say 200 OK (their own lines are gone).
        #expect(model.status == StatusMessage(.warning, "Resync: 1 of 3 said 200 OK · not: Biuro Łódź, pokój 214 (drugie piętro) (404), Magazyn (timeout)"))
        #expect(model.resync == nil)
    }

    @Test func theAnswerOnTheTable() {
        var model = makeModel(dialogData())
        press(&model, .char(" "), .char(" "), .char("r"))
        expectGolden("resync-sent", view(model))
        _ = update(&model, .resyncAnswered(ResyncTarget(phoneID: 2, name: "Magazyn", extensionNumber: "104", event: "resync"),
                                           .answered(status: 200, reason: "OK")))
        expectGolden("resync-answer", view(model))
    }

    @Test func aPhoneWithoutAUserOrAwaitingDeliveryIsRefusedWithAMessageAndNothingIsSent() {
        var data = dialogData()
        data.phones[0].userExtension = nil
        var model = makeModel(data)
        #expect(press(&model, .char("r")).isEmpty)
        #expect(model.status == StatusMessage(.error, "\"Recepcja\" has no user: nothing to send the NOTIFY to."))
        press(&model, .end)
        #expect(press(&model, .char("r")).isEmpty)
        #expect(model.status?.text == "\"Sala konferencyjna\" is awaiting delivery: there is no phone to resync yet.")
        // Marked with others: the others go, the refusal is said.
        press(&model, .char("*"))
        let effects = press(&model, .char("r"))
        guard case .resync(let targets, _)? = effects.first else { Issue.record("no resync"); return }
        #expect(targets.map(\.phoneID) == [2, 3])
        #expect(model.status == StatusMessage(.warning,
            "Resync sent to 2 phones. Not sent to 2 phones, e.g. \"Recepcja\" has no user: nothing to send the NOTIFY to."))
    }

    @Test func anUnreachableServerIsSaidForThePhone() {
        var model = makeModel(dialogData())
        let target = ResyncTarget(phoneID: 1, name: "Recepcja", extensionNumber: "101", event: "check-sync;reboot=false")
        press(&model, .char("r"))
        _ = update(&model, .resyncAnswered(target, .unreachable("cannot resolve the SIP server sip.example: Name or service not known")))
        #expect(model.status == StatusMessage(.warning, "Resync \"Recepcja\": cannot resolve the SIP server sip.example: Name or service not known"))
    }

    /// Stray datagrams (malformed, or for no NOTIFY of this resync) are counted as they come and
    /// told once, with the last answer.
    @Test func strayAnswersAreToldWithTheLastAnswer() {
        var model = makeModel(dialogData())
        press(&model, .char(" "), .char(" "))
        guard case .resync(let targets, _)? = press(&model, .char("r")).first else { Issue.record("no resync"); return }
        _ = update(&model, .resyncIgnoredAnswer)
        _ = update(&model, .resyncAnswered(targets[0], .answered(status: 200, reason: "OK")))
        #expect(model.status?.text == "Resync \"Recepcja\": 200 OK · 1 of 2 answered")
        _ = update(&model, .resyncIgnoredAnswer)
        _ = update(&model, .resyncAnswered(targets[1], .answered(status: 200, reason: "OK")))
        #expect(model.status == StatusMessage(.warning, "Resync: 2 of 2 said 200 OK · 2 stray answers ignored"))
        // After the resync, a late stray datagram changes nothing.
        _ = update(&model, .resyncIgnoredAnswer)
        #expect(model.resync == nil && model.status?.text.hasSuffix("2 stray answers ignored") == true)
    }

    /// The last line names three phones that did not say 200 OK and counts the rest.
    @Test func aLongListOfFailuresIsCounted() {
        var model = makeModel(dialogData())
        model.resync = ResyncTally(sent: 5)
        for name in ["A", "B", "C", "D", "E"] {
            _ = update(&model, .resyncAnswered(ResyncTarget(phoneID: 1, name: name, extensionNumber: "101", event: "check-sync"),
                                               .timedOut(milliseconds: 32_000)))
        }
        #expect(model.status?.text == "Resync: 0 of 5 said 200 OK · not: A (timeout), B (timeout), C (timeout) and 2 more")
    }

    @Test func theResyncTextsAreInPolish() {
        Localizer.missing.withLock { $0.removeAll() }
        let texts = [
            "Resync sent to 1 phone.", "Resync sent to 5 phones.",
            "Resync sent to 2 phones. Not sent to 2 phones, e.g. \"Recepcja\" has no user: nothing to send the NOTIFY to.",
            "Resync sent to 1 phone. Not sent: \"Sala\" is awaiting delivery: there is no phone to resync yet.",
            "\"Recepcja\" has no user: nothing to send the NOTIFY to. (and 2 other phones)",
            "Resync \"Recepcja\": 200 OK", "Resync \"Recepcja\": 404 Not Found (not registered) · 1 of 3 answered",
            "Resync: 1 of 3 said 200 OK · not: Recepcja (timeout), Hala (404)",
            "Resync: 3 of 3 said 200 OK · 2 stray answers ignored",
            "Resync: 0 of 5 said 200 OK · not: A (timeout), B (timeout), C (404) and 2 more",
            "Resync \"Recepcja\": 200 OK · 1 stray answer ignored",
            "Resync \"Recepcja\": timeout (100 Trying, then no final answer in 0.5 s)",
            "Resync \"Recepcja\": the SIP server 127.0.0.1:5 refused the NOTIFY (Connection refused); is a SIP server listening there?",
            "Resync \"Recepcja\": cannot reach the SIP server pbx:5060: Network is unreachable",
            "Resync \"Recepcja\": the SIP server setting \"a b\" is not host or host:port",
            "resync the selected or marked phones (SIP NOTIFY)", "Resync",
        ]
        let polish = texts.map { Localizer.tr($0, .pl) }
        #expect(polish[1] == "Wysłano odświeżenie: 5 telefonów.")
        #expect(polish[2] == "Wysłano odświeżenie: 2 telefony. Nie wysłano: 2 telefony, np. „Recepcja” nie ma użytkownika: nie ma komu wysłać NOTIFY.")
        #expect(polish[6] == "Odświeżenie „Recepcja”: 404 Not Found (niezarejestrowany) · odpowiedzi: 1 z 3")
        #expect(polish[7] == "Odświeżenie: 200 OK: 1 z 3 · pozostałe: Recepcja (timeout), Hala (404)")
        #expect(polish[8] == "Odświeżenie: 200 OK: 3 z 3 · pominięto obce odpowiedzi: 2")
        #expect(polish[9] == "Odświeżenie: 200 OK: 0 z 5 · pozostałe: A (timeout), B (timeout), C (404) i 2 kolejne")
        #expect(polish[11] == "Odświeżenie „Recepcja”: przekroczony czas (100 Trying, potem brak odpowiedzi końcowej w 0.5 s)")
        #expect(Localizer.missing.withLock { $0 }.isEmpty, "untranslated: \(Localizer.missing.withLock { $0 })")
        for (english, translated) in zip(texts, polish) where english != "Resync \"Recepcja\": 200 OK" {
            #expect(english != translated, "\(english)")
        }
    }
}
