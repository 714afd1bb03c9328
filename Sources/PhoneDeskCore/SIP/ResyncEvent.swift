/// The Event header each brand takes as "fetch your configuration now" (docs/provisioning.md
/// cites the source of each).
public enum ResyncEvent {
    public static func event(for brand: Brand) -> String {
        switch brand {
        // Yealink, Snom: check-sync, and reboot=false asks for no reboot. Yealink honours it only
        // with sip.notify_reboot_enable=0; its default (1) reboots anyway.
        case .yealink, .snom: return "check-sync;reboot=false"
        // Polycom reads no reboot parameter: voIpProt.SIP.specialEvent.checkSync.alwaysReboot decides.
        case .polycom: return "check-sync"
        // Cisco SPA/MPP: "Resync From SIP" acts on Event: resync.
        case .cisco: return "resync"
        // Grandstream (per its support, FusionPBX #3014) and Fanvil re-provision without a
        // reboot on resync; check-sync reboots them.
        case .grandstream, .fanvil: return "resync"
        }
    }
}
