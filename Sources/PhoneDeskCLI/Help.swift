/// Usage texts, one per command (`--help`).
enum Help {
    static let main = """
    usage: phonedesk [--data DIR] [--theme NAME] [--lang en|pl] [--no-mouse]   open the panel
           phonedesk phones list [--json|--csv]
           phonedesk phones add --model M --mac MAC --name NAME [--user EXT]
           phonedesk phones edit ID|MAC [--name NAME] [--mac MAC] [--user EXT|none] [--blf EXT|none]
                                        [--background NAME|none] [--template NAME|none]
           phonedesk phones remove ID|MAC
           phonedesk phones keys ID|MAC [--json]                   (the key layout)
           phonedesk phones keys ID|MAC set N TYPE [VALUE] [--label L] | clear N | sidecars N
           phonedesk phones keys ID|MAC… --preset NAME | ID|MAC --save-preset NAME
           phonedesk phones presets [list] [--json] | remove NAME
           phonedesk phones import FILE.csv|-        (header: model,mac,name,user; - is stdin)
           phonedesk phones export [--csv|--json]
           phonedesk users list [--json|--csv]
           phonedesk users import FILE.csv|-         (header: extension,name,email; - is stdin)
           phonedesk orders list [--json]
           phonedesk orders place --sku SKU [--quantity N] [--address N]   (paid from the company account)
           phonedesk settings show [--json]
           phonedesk settings set sip-server HOST[:PORT] | base-url URL
           phonedesk settings set provisioning-dir PATH|default | group NAME|default
           phonedesk settings set access-log PATH|none   (nginx's log, for each phone's fetch status)
           phonedesk settings set legacy-url on|off   (the old account-wide URL of a migrated account)
           phonedesk settings set shop-name-pattern PATTERN|default   ({brand} {model} {n}: names of bought phones)
           phonedesk phones rotate ID|MAC           (a new URL for one phone; the old one stops at once)
           phonedesk phones resync ID|MAC… | --filter EXPR [--timeout SECONDS]   (SIP NOTIFY: fetch now)
           echo PIN | phonedesk settings set pin        (the PIN only on stdin, never as an argument)
           phonedesk models
           phonedesk provision [--check]
           phonedesk init [--empty] DIR
           phonedesk operators add NAME --role ROLE[,ROLE] --key FILE.pub | list [--json] | remove NAME | role NAME ROLE[,ROLE]
           phonedesk audit [--since DATE] [--operator NAME] [--phone ID] [--json]
           phonedesk --operator NAME …   run the panel or a command as that operator (docs/ssh.md)
           phonedesk --help | --version

    Every command takes --data DIR (else $PHONEDESK_DATA, else $XDG_DATA_HOME/phonedesk, else
    ~/.local/share/phonedesk) and --help. Results go to stdout, errors to stderr; the exit status
    is 0 on success, 1 on failure, 2 on a usage error. Control and invisible characters in what
    is printed appear escaped (\\u{1B}); CSV cells starting with = + - @ get a leading '.
    See `man phonedesk` and docs/cli.md.
    """

    static let operators = """
    usage: phonedesk operators add NAME --role ROLE[,ROLE] --key FILE.pub [--authorized-keys FILE]
           phonedesk operators list [--json]
           phonedesk operators remove NAME [--authorized-keys FILE]
           phonedesk operators role NAME ROLE[,ROLE] [--authorized-keys FILE]
    Roles: view (look only), edit (phones), admin (also settings, templates, images, operators),
    buy (the shop's payment step). Each operator's key goes into the service account's
    ~/.ssh/authorized_keys (else --authorized-keys or $PHONEDESK_AUTHORIZED_KEYS), forced to
    run the panel as them. See docs/ssh.md.
    """

    static let audit = """
    usage: phonedesk audit [--since DATE] [--operator NAME] [--phone ID] [--json] [--data DIR]
    Every change, newest first: time (UTC), operator, SSH client, action, object, fields.
    """

    static let phones = """
    usage: phonedesk phones list|add|edit|remove|rotate|resync|keys|presets|import|export [options] [--data DIR]
    Run `phonedesk phones COMMAND --help` for one command.
    """

    static let phonesList = """
    usage: phonedesk phones list [--json|--csv] [--data DIR]
    Lists the phones: a table, or JSON (an array of objects), or CSV with a header.
    With an access log set (`settings set access-log`), each JSON object has fetchStatus
    ("never", "waiting", "fetched"; "unknown" when the log cannot be read, with a warning on
    stderr; null awaiting delivery), lastFetch (ISO 8601 UTC), client and agent. Every JSON object
    has provisioningURL: the phone's own URL, <base>/<secret>/.
    """

    static let phonesKeys = """
    usage: phonedesk phones keys ID|MAC [--json] [--data DIR]
           phonedesk phones keys ID|MAC set N TYPE [VALUE] [--label L]
           phonedesk phones keys ID|MAC clear N
           phonedesk phones keys ID|MAC sidecars N
           phonedesk phones keys ID|MAC… --preset NAME
           phonedesk phones keys ID|MAC --save-preset NAME
    Lists a phone's programmable keys (number, place on the phone or sidecar, type, value, label)
    with the model's capacity, or changes one key. TYPE is line, blf, speed-dial, park, dnd or
    none (an explicit empty key: written so the vendor's default there goes); blf, speed-dial and
    park take a VALUE: an extension on the account (blf: only that) or a number of digits, *, #
    and +. Listing needs the view role; changes need edit. Key 1 is the phone's first key, key 2 the BLF of `phones edit
    --blf`; keys on sidecars follow the phone's own (sidecars N says how many are attached). A
    change is a phone edit: the phone's files are regenerated. --preset applies a layout saved
    with --save-preset to one or several phones (one save: all of them or none).
    """

    static let phonesPresets = """
    usage: phonedesk phones presets [list] [--json] [--data DIR]
           phonedesk phones presets remove NAME [--data DIR]
    Lists the key layouts saved on the account (`phones keys ID --save-preset NAME`), or removes one.
    """

    static let phonesAdd = """
    usage: phonedesk phones add --model M --mac MAC --name NAME [--user EXT] [--data DIR]
    Adds a phone and prints its provisioning URL. M is a model id or label ("Yealink T46U");
    MAC in any common notation (00:1a:4d:5c:25:8d, 00-1A-…, 001a.4d5c.258d, 001A4D5C258D).
    """

    static let phonesResync = """
    usage: phonedesk phones resync ID|MAC… | --filter EXPR [--timeout SECONDS] [--data DIR]
    Asks each phone to fetch its configuration now: a SIP NOTIFY (Yealink, Snom: check-sync;reboot=false;
    Polycom: check-sync; Cisco, Grandstream, Fanvil: resync) to sip:USER@SIP-SERVER over UDP,
    sent again on RFC 3261's timer E until an answer or the timeout (32 s, timer F), at most
    ten phones a second. Prints one line per phone: "200 OK", "404 Not Found (not registered)",
    another status, "timeout (no answer in 32 s)" or why the SIP server cannot be reached.
    A phone without a user or awaiting delivery is refused (stderr). Exit 0 when every phone
    answered 200 OK, else 1.
    """

    static let phonesEdit = """
    usage: phonedesk phones edit ID|MAC [--name NAME] [--mac MAC] [--user EXT|none] [--blf EXT|none]
                                 [--background NAME|none] [--template NAME|none] [--data DIR]
           phonedesk phones edit ID|MAC… | --filter EXPR [--user …] [--blf …] [--background …] [--template …]
    Changes only what is given; the phones' files are regenerated. `none` clears a field
    (--no-user, --no-blf, --no-background, --no-template say the same). --name renames the
    phone (trimmed; unique on the account). --mac replaces its hardware: the phone keeps its id,
    user, keys and URL; the old MAC's files are removed and the new MAC's written. --name and
    --mac take exactly one ID or MAC (exit 2 otherwise). Several IDs or MACs, or
    --filter (the panel's / filter: name, MAC in any format, user, model), edit many phones in
    one save: all of them or none. A phone another operator changed meanwhile, or one that
    cannot take a value (a template of another model, an image on a screen without colour),
    is named and nothing is saved (exit 1).
    """

    static let phonesRemove = """
    usage: phonedesk phones remove ID|MAC [--data DIR]
    Deletes the phone and its provisioning files.
    """

    static let phonesRotate = """
    usage: phonedesk phones rotate ID|MAC [--data DIR]
    Gives the phone a new provisioning secret and prints its new URL. Its files move to the new
    URL at once; the old URL answers 404 from then on, so the phone must be given the new URL
    (its web UI, or the old account URL's files while that is open).
    """

    static let phonesImport = """
    usage: phonedesk phones import FILE.csv|- [--data DIR]
    Adds every row of a CSV file (- reads standard input) with the header model,mac,name,user
    (user: an extension, may be empty). Every row is checked first; if any is wrong, each bad row
    is reported with its line number and nothing is written. A leading ' before = + - @ is
    removed (exports add it so spreadsheets do not run the cell).
    """

    static let phonesExport = """
    usage: phonedesk phones export [--csv|--json] [--data DIR]
    CSV (default) in the import format model,mac,name,user, or JSON. A cell beginning with
    = + - @, a tab or a CR gets a leading ' (a spreadsheet shows it as text, not a formula);
    import removes it, so an export imports back unchanged.
    """

    static let users = """
    usage: phonedesk users list [--json|--csv] [--data DIR]
           phonedesk users import FILE.csv|- [--data DIR]   (header: extension,name,email; - is stdin)
    Importing checks every row first and writes all rows or none; each user gets a SIP password.
    """

    static let orders = """
    usage: phonedesk orders list [--json] [--data DIR]
           phonedesk orders place --sku SKU [--quantity N] [--address N] [--data DIR]
    Placing pays from the company account and delivers to saved address N (default 1); bought
    phones join the account as "Awaiting delivery". All or nothing, like the panel's checkout.
    """

    static let settings = """
    usage: phonedesk settings show [--json] [--data DIR]
           phonedesk settings set sip-server HOST[:PORT] [--data DIR]
           phonedesk settings set base-url URL [--data DIR]
           echo PIN | phonedesk settings set pin [--data DIR]
           phonedesk settings set provisioning-dir PATH|default [--data DIR]
           phonedesk settings set group NAME|default [--data DIR]
           phonedesk settings set access-log PATH|none [--data DIR]
           phonedesk settings set legacy-url on|off [--data DIR]
           phonedesk settings set shop-name-pattern PATTERN|default [--data DIR]
    show prints the Settings › Hot desking values: the admin PIN only as set or not set, the SIP
    server, the provisioning base URL (each phone's URL is <base>/<its secret>/), the old account
    URL while it is open (--json: legacyURL, null when closed), theme and mouse, and where
    the provisioning tree is served from and its group (--json: one object, the PIN as "pinSet").
    set changes one of them by the panel's rules and regenerates the phones' provisioning files.
    The PIN (4-16 digits) is read from standard input, one line; it is never taken from the command
    line, where ps and shell history would keep it. provisioning-dir is an absolute path outside
    the data directory for the tree nginx serves (files 0640, directories 0750, given to the group,
    www-data unless set); default puts it back in DATA/provisioning (operator only). The old tree
    is left as it was. access-log is nginx's access log in the phonedesk format (absolute path;
    none: no fetch status); it is only read, never written, and changes no provisioning file.
    legacy-url: an account migrated from one URL per account keeps that URL open, serving only
    files that point each phone at its own URL; off removes them (the old URL answers 404).
    shop-name-pattern names the phones bought in the shop: {brand}, {model} and {n} (the first
    number that makes the name free; required, once), e.g. "{brand} {model} #{n}" (the default:
    "Yealink T46U #1") or "Stock {model}-{n}"; it changes no provisioning file.
    """

    static let models = """
    usage: phonedesk models
    Lists the supported models: id, label and what each supports.
    """

    static let provision = """
    usage: phonedesk provision [--check] [--data DIR]
    Regenerates every phone's provisioning file (after a restore, or to be sure) and removes the
    files phonedesk generated that no phone produces any more; files it did not generate stay.
    --check writes nothing: it lists the phones whose files are missing or out of date and exits
    1 when there are any, 0 when every file is current.
    """

    static let initialise = """
    usage: phonedesk init [--empty] [--provisioning-dir PATH] DIR|--data DIR
    Creates an account directory: the demo account, or with --empty an account with no phones.
    --provisioning-dir writes the provisioning tree nginx serves at PATH, outside DIR (as
    `phonedesk settings set provisioning-dir PATH`).
    """
}
