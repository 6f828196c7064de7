//! Every `kris` subcommand, run once through the real binary on a real file; the list of
//! subcommands is read from `kris --help`, so a new one without a run here fails the test. Also
//! what a shell does to a CLI: a closed pipe, usage errors, absurd numbers.

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const KRIS: &str = env!("CARGO_BIN_EXE_kris");
const BY: [&str; 4] = ["--by", "Anna Lindqvist", "--role", "TiB"];

use common::kris_cli as kris;

struct Cli {
    db: std::path::PathBuf,
    ran: BTreeSet<String>,
    envs: Vec<(&'static str, &'static str)>,
}

impl Cli {
    fn run(&mut self, args: &[&str]) -> Output {
        // The subcommand path: the leading words that are not flags or values.
        let groups = [
            "event",
            "mode",
            "plan",
            "resource",
            "task",
            "staff",
            "import",
            "situation",
            "deviation",
            "lesson",
            "proposal",
            "report",
            "exercise",
            "device",
            "backup",
            "passphrase",
            "copies",
            "bundle",
            "sync",
            "risk",
            "continuity",
            "followup",
            "war",
        ];
        let name = match args {
            [g, sub, ..] if groups.contains(g) => format!("{g} {sub}"),
            [cmd, ..] => cmd.to_string(),
            [] => String::new(),
        };
        self.ran.insert(name);
        common::kris_cli_env(&self.db, args, &self.envs)
    }

    fn ok(&mut self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "kris {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn by(&mut self, args: &[&str]) -> String {
        let all: Vec<&str> = args.iter().copied().chain(BY).collect();
        self.ok(&all)
    }
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s.lines().next().unwrap()).unwrap()
}

/// `Commands:` in a help text: the names of the subcommands.
fn commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect()
}

fn help(args: &[&str]) -> String {
    let out = Command::new(KRIS)
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "--help works for {args:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn every_subcommand() -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for top in commands(&help(&[])) {
        let subs = commands(&help(&[&top]));
        if subs.is_empty() {
            all.insert(top);
        } else {
            all.extend(subs.into_iter().map(|s| format!("{top} {s}")));
        }
    }
    all
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn every_subcommand_runs_once_through_the_real_binary() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = Cli {
        db: dir.path().join("k.db"),
        ran: BTreeSet::new(),
        envs: Vec::new(),
    };
    k.ok(&["init", "--org", "Region Blekinge"]);
    let ev = k
        .by(&["event", "open", "--title", "Elavbrott Karlskrona"])
        .trim()
        .to_string();
    assert!(k.ok(&["event", "list"]).contains("Elavbrott Karlskrona"));
    // Classification and the copy register, in an event of their own.
    let sev = k
        .by(&["event", "open", "--title", "Hot mot ställverk"])
        .trim()
        .to_string();
    let secret = k
        .by(&[
            "log",
            "--event",
            &sev,
            "--text",
            "Ställverket bevakas",
            "--marking",
            "konfidentiell",
        ])
        .trim()
        .to_string();
    assert!(k
        .by(&[
            "mark",
            &secret,
            "--marking",
            "hemlig",
            "--reason",
            "Skyddsobjekt"
        ])
        .contains("Hemlig"));
    assert!(!k
        .run(
            &[
                &["mark", &secret, "--marking", "intern", "--reason", "x"][..],
                &BY
            ]
            .concat()
        )
        .status
        .success());
    let issued: serde_json::Value = json(&k.by(&[
        "copies",
        "issue",
        "--document",
        "Beslutslogg",
        "--marking",
        "hemlig",
        "--copies",
        "3",
        "--recipients",
        "Länsstyrelsen",
        "--event",
        &sev,
        "--json",
    ]));
    let issue_id = issued["id"].as_str().unwrap().to_string();
    assert!(k
        .by(&[
            "copies",
            "settle",
            &issue_id,
            "--copies",
            "1,3",
            "--outcome",
            "aterlamnad"
        ])
        .contains("utestående: 2"));
    assert!(k.ok(&["copies", "list"]).contains("Reg.nr 1"));
    let hemlig = dir.path().join("hemlig.pdf").display().to_string();
    assert!(
        !k.run(
            &[
                &["report", "decisions", "--event", &sev, "--out", &hemlig][..],
                &BY
            ]
            .concat()
        )
        .status
        .success(),
        "no copies asked for"
    );
    let printed = k.by(&[
        "report",
        "decisions",
        "--event",
        &sev,
        "--out",
        &hemlig,
        "--copies",
        "2",
        "--recipients",
        "Länsstyrelsen",
    ]);
    assert!(printed.contains("Exemplar 2 av 2"), "{printed}");
    assert!(dir.path().join("hemlig-ex2.pdf").exists());
    let d = k
        .by(&[
            "decide",
            "--event",
            &ev,
            "--title",
            "Reservkraft",
            "--text",
            "Starta elverk",
            "--basis",
            "Elavbrott",
        ])
        .trim()
        .to_string();
    k.by(&["log", "--event", &ev, "--text", "Elbolaget ringde"]);
    k.by(&[
        "correct",
        &d,
        "--text",
        "Starta båda elverken",
        "--reason",
        "Fel antal",
    ]);
    assert!(k.ok(&["list", "--event", &ev]).contains("[rättad]"));
    assert!(k.ok(&["search", "elverk"]).contains(&d));

    k.ok(&["mode", "show"]);
    k.by(&["mode", "set", "skarpt", "--basis", "Regeringens beslut"]);
    assert!(k.ok(&["mode", "history"]).contains("skarpt"));
    assert!(k
        .ok(&["mode", "checklist", "--mode", "skarpt"])
        .contains("0 av 6"));
    assert!(k
        .by(&["mode", "check", "skarpt", "stab"])
        .contains("1 av 6"));

    // Före: the risk register, continuity, goals and the bokslut.
    let risk = json(&k.by(&[
        "risk",
        "add",
        "--title",
        "Långvarigt elavbrott",
        "--area",
        "driftsakerhet",
        "--description",
        "Storm",
        "--owner",
        "Förvaltningschef",
        "--likelihood",
        "3",
        "--consequence",
        "4",
        "--controls",
        "Reservkraft",
        "--review",
        "2027-03-31",
        "--plan",
        "elavbrott",
        "--json",
    ]));
    let risk_id = risk["risk"]["id"].as_str().unwrap().to_string();
    assert!(k
        .by(&[
            "risk",
            "assess",
            &risk_id,
            "--likelihood",
            "2",
            "--consequence",
            "4",
            "--controls",
            "Elverk",
            "--review",
            "2027-06-30",
            "--note",
            "Elverk installerat",
        ])
        .contains("S2 × K4 = 8"));
    assert!(k.ok(&["risk", "list"]).contains("Långvarigt elavbrott"));
    assert!(k.ok(&["risk", "matrix"]).contains("S2 |  0  0  0  1  0"));
    assert!(k
        .ok(&["risk", "show", &risk_id])
        .contains("Elverk installerat"));
    let other = json(&k.by(&[
        "risk",
        "add",
        "--title",
        "Hot",
        "--area",
        "hot",
        "--description",
        "x",
        "--owner",
        "Akutchef",
        "--likelihood",
        "1",
        "--consequence",
        "1",
        "--controls",
        "Väktare",
        "--review",
        "2027-01-01",
        "--json",
    ]));
    assert!(k
        .by(&[
            "risk",
            "close",
            other["risk"]["id"].as_str().unwrap(),
            "--reason",
            "Flyttad"
        ])
        .contains("avslutad"));
    let service = json(&k.by(&[
        "continuity",
        "add",
        "--name",
        "Dialys",
        "--owner",
        "Verksamhetschef",
        "--mto",
        "4",
        "--dep",
        "el",
        "--dep",
        "vatten",
        "--reserve",
        "Reservkraft",
        "--json",
    ]));
    assert!(k.ok(&["continuity", "list"]).contains("Dialys"));
    let hit = json(&k.by(&[
        "continuity",
        "hit",
        "--event",
        &ev,
        "--dep",
        "el",
        "--note",
        "Nätet nere",
        "--json",
    ]));
    assert!(k
        .ok(&["continuity", "affected"])
        .contains(service["id"].as_str().unwrap()));
    assert!(k
        .ok(&["continuity", "hits", "--event", &ev])
        .contains(hit["id"].as_str().unwrap()));
    assert!(k
        .by(&[
            "continuity",
            "restore",
            hit["id"].as_str().unwrap(),
            "--note",
            "Åter"
        ])
        .contains("återställt"));
    let goal = json(&k.by(&[
        "followup",
        "goal",
        "--year",
        "2026",
        "--title",
        "Kontinuitetsplaner",
        "--measure",
        "Andel",
        "--target",
        "100 %",
        "--owner",
        "Primärvårdsdirektör",
        "--json",
    ]));
    let goal_id = goal["id"].as_str().unwrap().to_string();
    let goal = json(&k.by(&[
        "followup",
        "activity",
        &goal_id,
        "--text",
        "Workshop",
        "--owner",
        "Samordnare",
        "--due",
        "2026-12-20",
        "--json",
    ]));
    let activity = goal["activities"][0]["id"].as_str().unwrap().to_string();
    assert!(k
        .by(&[
            "followup",
            "phase",
            &activity,
            "genomfora",
            "--note",
            "Hållen"
        ])
        .contains("[Genomföra]"));
    assert!(k
        .by(&["followup", "assess", &goal_id, "delvis", "--note", "8 av 10"])
        .contains("[Delvis uppnått]"));
    k.by(&[
        "followup",
        "exercise",
        "--title",
        "Storm",
        "--held-on",
        "2026-10-01",
        "--form",
        "Ledningsövning",
        "--participants",
        "12",
        "--summary",
        "Sambandet brast",
    ]);
    assert!(k
        .ok(&["followup", "show", "--year", "2026"])
        .contains("1 övningar"));
    assert!(k
        .by(&["followup", "bokslut", "--year", "2026"])
        .contains("bokslut-2026-"));

    assert!(k.ok(&["plan", "list"]).contains("elavbrott"));
    let plan = json(&k.ok(&["plan", "list", "--json"]));
    let plan_id = plan["plan"]["id"].as_str().unwrap().to_string();
    k.ok(&["plan", "show", &plan_id]);
    let own = write(
        dir.path(),
        "egen.toml",
        "id = \"egen-plan\"\nversion = 1\npurpose = \"Prov\"\ntriggers = []\nmodes = [\"fred\"]\n\
         roles = [\"TiB\"]\n[title]\nsv = \"Egen\"\nen = \"Own\"\n[[cards]]\nrole = \"TiB\"\n\
         title = \"Kort\"\n[[cards.items]]\nid = \"a\"\ntext = \"Gör a\"\n[[cards.items]]\n\
         id = \"b\"\ntext = \"Gör b\"\n",
    );
    k.by(&["plan", "import", &own]);
    let act = json(&k.by(&["plan", "activate", "egen-plan", "--event", &ev, "--json"]));
    let act_id = act["id"].as_str().unwrap().to_string();
    k.by(&["plan", "check", &act_id, "a"]);
    assert!(k.ok(&["plan", "status", "--event", &ev]).contains("1/2"));
    k.by(&["plan", "deactivate", &act_id, "--reason", "Klart"]);

    let r = json(&k.by(&[
        "resource",
        "add",
        "--kind",
        "Reservkraft",
        "--name",
        "Elverk 1",
        "--quantity",
        "2",
        "--unit",
        "st",
        "--location",
        "Förråd",
        "--owner",
        "Regionen",
        "--json",
    ]));
    let r_id = r["id"].as_str().unwrap().to_string();
    k.by(&["resource", "status", &r_id, "--location", "Sjukhuset"]);
    assert!(k.ok(&["resource", "list"]).contains("Elverk 1"));
    let req = json(&k.by(&[
        "resource",
        "request",
        "--event",
        &ev,
        "--what",
        "Diesel",
        "--kind",
        "Drivmedel",
        "--quantity",
        "500",
        "--unit",
        "l",
        "--justification",
        "Elverken",
        "--json",
    ]));
    let req_id = req["id"].as_str().unwrap().to_string();
    k.by(&[
        "resource",
        "decide-request",
        &req_id,
        "--outcome",
        "godkand",
    ]);
    let task = json(&k.by(&[
        "task",
        "add",
        "--event",
        &ev,
        "--title",
        "Tanka elverk",
        "--owner",
        "Logistik",
        "--json",
    ]));
    let task_id = task["id"].as_str().unwrap().to_string();
    k.by(&[
        "resource",
        "assign",
        "--request",
        &req_id,
        "--task",
        &task_id,
    ]);
    assert!(k.ok(&["resource", "requests"]).contains("Diesel"));
    assert!(k.ok(&["resource", "history", &r_id]).contains("Sjukhuset"));
    k.by(&["task", "status", &task_id, "pagar"]);
    assert!(k.ok(&["task", "list"]).contains("Tanka elverk"));

    let p = json(&k.by(&[
        "staff",
        "add",
        "--name",
        "Maria Berg",
        "--roles",
        "stabschef",
        "--json",
    ]));
    let p_id = p["id"].as_str().unwrap().to_string();
    assert!(k.ok(&["staff", "list"]).contains("Maria Berg"));
    // `--as` names the role in the event, `--role` the one registering it: both at once.
    assert!(k
        .by(&[
            "staff",
            "roster",
            "--event",
            &ev,
            "--staff",
            &p_id,
            "--as",
            "Stabschef"
        ])
        .contains("Maria Berg"));
    let res = write(
        dir.path(),
        "r.csv",
        "typ;namn;antal;enhet;plats;ägare\nFordon;Bil 1;1;st;Garage;Regionen\n",
    );
    k.by(&["import", "resources", &res]);
    let con = write(dir.path(), "c.csv", "namn;roller\nEva Ek;TiB\n");
    k.by(&["import", "contacts", &con]);
    let cap = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cap/english-only.xml"
    );
    assert!(k
        .by(&["import", "cap", cap, "--event", &ev])
        .contains("importerad som dagbokspost"));
    k.ok(&["reminders"]);
    let v = k.by(&[
        "situation",
        "set",
        "--event",
        &ev,
        "--section",
        "konsekvenser",
        "--text",
        "Två vårdcentraler utan ström",
    ]);
    assert!(v.contains("Konsekvenser version 1"), "{v}");
    let shown = k.ok(&["situation", "show", "--event", &ev]);
    assert!(shown.contains("Två vårdcentraler utan ström"), "{shown}");
    assert!(k.ok(&["situation", "show"]).contains("Hela organisationen"));
    let line = k.ok(&["timeline", "--event", &ev, "--kind", "decision"]);
    let entry = line.split_whitespace().next().unwrap().to_string();
    assert!(line.contains("decision.made"), "{line}");
    assert!(k
        .by(&["flag", &entry, "--note", "Styr arbetet"])
        .contains("Markerad som betydande"));
    assert!(k.ok(&["timeline", "--flagged"]).contains('★'));
    let first = k.ok(&["timeline", "--limit", "2"]);
    let next = first
        .lines()
        .last()
        .and_then(|l| l.split("--after ").nth(1))
        .expect("a next-page hint")
        .trim()
        .to_string();
    assert!(!k
        .ok(&["timeline", "--limit", "2", "--after", &next])
        .is_empty());
    // Paper: the lägesrapport's anchor is the head `verify` prints just before it is issued.
    let verified = k.ok(&["verify"]);
    let head = verified
        .split_whitespace()
        .nth(2)
        .expect("OK <n> <head>")
        .to_string();
    let pdf = dir.path().join("lagesrapport.pdf");
    let md = dir.path().join("lagesrapport.md");
    let js = dir.path().join("lagesrapport.json");
    let issued = k.by(&[
        "report",
        "situation",
        "--event",
        &ev,
        "--out",
        pdf.to_str().unwrap(),
        "--markdown",
        md.to_str().unwrap(),
        "--json",
        js.to_str().unwrap(),
    ]);
    assert!(
        issued.contains("Lägesrapport nr 1") && issued.contains(&head),
        "{issued}"
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(std::fs::read_to_string(&md).unwrap().contains(&head));
    let listed = k.ok(&["report", "list", "--event", &ev]);
    let report_id = listed.split("id ").nth(1).unwrap().trim().to_string();
    let again = dir.path().join("igen.pdf");
    k.ok(&[
        "report",
        "open",
        &report_id,
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&pdf).unwrap());
    let log = dir.path().join("beslutslogg.pdf");
    k.by(&[
        "report",
        "decisions",
        "--event",
        &ev,
        "--out",
        log.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&log).unwrap().starts_with(b"%PDF"));
    let csv = dir.path().join("dagbok.csv");
    k.by(&[
        "report",
        "diary",
        "--event",
        &ev,
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(std::fs::read_to_string(&csv).unwrap().contains("dagbok"));
    k.ok(&["whoami"]);
    k.ok(&["status"]);
    k.ok(&["export", "--format", "csv"]);
    // An export to a file has its signed checkpoint beside it, which verifies.
    let jsonl = dir.path().join("journal.jsonl").display().to_string();
    k.ok(&["export", "--out", &jsonl]);
    assert!(k
        .ok(&["verify", "--checkpoint", &format!("{jsonl}.kontrollpunkt")])
        .contains("kontrollpunkten stämmer"));
    k.ok(&["replay"]);
    assert!(k.ok(&["verify", "--deep"]).starts_with("OK"));
    k.ok(&["init", "--org", "Region Blekinge"]);
    k.by(&[
        "event",
        "close",
        &ev,
        "--decision-text",
        "Återgång till normal drift",
    ]);
    assert!(k.ok(&["event", "list"]).contains("avslutad"));

    // The after phase goes into the closed event: an avvikelse, a lesson drawn from it, and a
    // proposal to revise a plan that the plan's next version closes.
    let now = chrono::Utc::now().to_rfc3339();
    let dev = k
        .by(&[
            "deviation",
            "add",
            "--event",
            &ev,
            "--title",
            "Elverket startade sent",
            "--text",
            "Startbatteriet var urladdat",
            "--category",
            "teknik",
            "--consequence",
            "Avdelning 12 utan ström i 20 minuter",
            "--action",
            "Batteriet byttes",
            "--at",
            &now,
        ])
        .trim()
        .to_string();
    assert!(k
        .ok(&["deviation", "list", "--event", &ev])
        .contains("Elverket startade sent"));
    let lesson = k
        .by(&[
            "lesson",
            "add",
            "--event",
            &ev,
            "--text",
            "Provstarta elverken varje månad",
            "--owner",
            "Maria Berg",
            "--due",
            "2099-01-31 16:00",
            "--deviation",
            &dev,
        ])
        .trim()
        .to_string();
    let proposal = k
        .by(&[
            "lesson",
            "propose",
            &lesson,
            "--plan",
            "egen-plan",
            "--text",
            "Lägg till provstart",
        ])
        .trim()
        .to_string();
    assert!(k
        .ok(&["proposal", "list", "--plan", "egen-plan"])
        .contains("öppen"));
    assert!(k.ok(&["plan", "list"]).contains("1 öppna förslag"));
    let own_v2 = std::fs::read_to_string(&own)
        .unwrap()
        .replace("version = 1", "version = 2");
    k.by(&[
        "plan",
        "import",
        &write(dir.path(), "egen-v2.toml", &own_v2),
    ]);
    let listed = k.ok(&["proposal", "list"]);
    assert!(
        listed.contains(&proposal) && listed.contains("stängd av version 2"),
        "{listed}"
    );
    assert!(k.ok(&["lesson", "list"]).contains("Maria Berg"));
    k.by(&[
        "lesson",
        "close",
        &lesson,
        "--note",
        "Provstart inlagd i rutinen",
    ]);
    assert!(k
        .ok(&["lesson", "list", "--event", &ev])
        .contains("avslutad"));

    let after = dir.path().join("efterrapport.pdf");
    let made = k.by(&[
        "report",
        "after-action",
        "--event",
        &ev,
        "--out",
        after.to_str().unwrap(),
    ]);
    assert!(made.contains("Efterrapport"), "{made}");
    assert!(std::fs::read(&after).unwrap().starts_with(b"%PDF"));

    // Exercises: a store of their own, made from a shipped scenario, played headless.
    // The war organisation: a placement, a beredskapslarm, inställelse, and back to skärpt.
    let q = json(&k.by(&[
        "staff", "add", "--name", "Per Holm", "--roles", "TiB", "--json",
    ]));
    let q_id = q["id"].as_str().unwrap().to_string();
    assert!(k
        .by(&[
            "war",
            "place",
            &p_id,
            "--function",
            "Stabschef",
            "--place",
            "Ledningsplats",
            "--shift",
            "A",
            "--replacement",
            &q_id,
        ])
        .contains("Stabschef"));
    assert!(k
        .ok(&["war", "staffing", "--mode", "hogsta"])
        .contains("BEMANNAD"));
    assert!(k
        .by(&["war", "place", &q_id, "--elsewhere", "Försvarsmakten"])
        .contains("Försvarsmakten"));
    assert!(k
        .by(&[
            "war",
            "larm",
            "--basis",
            "Beredskapslarm",
            "--decided-by",
            "Erik Johansson",
            "--decided-role",
            "Regiondirektör",
        ])
        .contains("BEREDSKAPSLARM"));
    assert!(k.by(&["war", "report", &p_id]).contains("1 av 1 inställda"));
    assert!(k
        .by(&["war", "unplace", &q_id, "--reason", "Lämnat regionen"])
        .contains("Stabschef"));
    k.by(&["mode", "set", "skarpt", "--basis", "Beredskapslarmet hävt"]);
    let real_before = std::fs::read(&k.db).unwrap();
    let listed = k.ok(&["exercise", "list"]);
    assert!(listed.contains("storm-elavbrott"), "{listed}");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios/kort.toml");
    let fixture = fixture.display().to_string();
    assert!(k
        .ok(&["exercise", "validate", &fixture])
        .contains("giltigt scenario"));
    let ex = dir.path().join("ovning.db");
    let ex_s = ex.display().to_string();
    let made = k.ok(&["exercise", "create", &fixture, "--out", &ex_s]);
    assert!(made.contains("redo att starta"), "{made}");
    let real_db = std::mem::replace(&mut k.db, ex.clone());
    let speed = k.ok(&["exercise", "speed", "5"]);
    assert!(speed.contains("Redo"), "{speed}");
    let started = k.ok(&["exercise", "start"]);
    assert!(started.contains("INSPEL 1"), "{started}");
    k.ok(&["exercise", "pause"]);
    k.ok(&["exercise", "resume"]);
    let jumped = k.ok(&["exercise", "jump", "3"]);
    assert!(
        jumped.contains("INSPEL 2") && jumped.contains("INSPEL 3"),
        "{jumped}"
    );
    assert!(k.ok(&["exercise", "tick"]).contains("Inget inspel"));
    assert!(k.ok(&["exercise", "fire", "K2"]).contains("INSPEL K2"));
    let st: serde_json::Value = json(&k.ok(&["exercise", "status", "--json"]));
    assert_eq!(st["state"], "running");
    assert!(st["delivered"].as_array().unwrap().len() >= 4);
    let control = k.ok(&["exercise", "status", "--control"]);
    assert!(
        control.contains("Övningsledning: Ska leda till"),
        "{control}"
    );
    assert!(
        !k.ok(&["exercise", "status"]).contains("Ska leda till"),
        "participants never see notes"
    );
    // Played at ×3600 on this machine's clock: the last inject comes within a second.
    let ran = k.ok(&["exercise", "run", "--speed", "3600"]);
    assert!(ran.contains("INSPEL 4"), "{ran}");
    assert!(k.ok(&["exercise", "end"]).contains("Avslutad"));
    k.ok(&[
        "exercise",
        "assess",
        "A4",
        "--outcome",
        "not_applicable",
        "--note",
        "Ej spelat",
    ]);
    k.ok(&["exercise", "hotwash", "Bra samverkan", "--kind", "bra"]);
    let eval: serde_json::Value = json(&k.ok(&["exercise", "evaluate", "--json"]));
    assert_eq!(eval["not_applicable"], 1);
    assert!(k.ok(&["exercise", "evaluate"]).contains("Ej tillämplig"));
    let report = k.ok(&["exercise", "report"]);
    assert!(report.contains("Efterrapport"), "{report}");
    let pkg = dir.path().join("ovning.kovn").display().to_string();
    assert!(k
        .ok(&["exercise", "export", "--out", &pkg])
        .contains("Övningspaket skrivet"));
    let copy = dir.path().join("granskning.db").display().to_string();
    let imported = k.ok(&["exercise", "import", &pkg, "--out", &copy]);
    assert!(imported.contains("Övningspaketet stämmer"), "{imported}");
    k.db = real_db;
    assert_eq!(
        std::fs::read(&k.db).unwrap(),
        real_before,
        "the record untouched"
    );
    // A signed checkpoint of the record, checked by the same binary.
    assert!(k.ok(&["device", "show"]).contains("Verifieringsnyckel"));
    let cp = dir.path().join("kontrollpunkt.txt").display().to_string();
    k.ok(&["checkpoint", "--out", &cp]);
    assert!(k
        .ok(&["verify", "--checkpoint", &cp])
        .contains("kontrollpunkten stämmer"));
    // A checked, signed backup to a folder, listed, and restored (the app is not running).
    let usb = dir.path().join("usb").display().to_string();
    assert!(k
        .ok(&["backup", "--to", &usb])
        .contains("kontrollerad och signerad"));
    let listed: serde_json::Value = json(&k.ok(&["backup", "list", "--to", &usb, "--json"]));
    let copy = listed[0]["path"].as_str().unwrap().to_string();
    let restored = k.ok(&["restore", &copy, "--to", &usb]);
    assert!(restored.contains("Återställd"), "{restored}");
    // The real record refuses exercise control.
    let refused = k.run(&["exercise", "start"]);
    assert!(!refused.status.success());

    // A second laptop: paired by card and code, fed through a sync folder and a bundle, and a
    // conflict between the two resolved by an entry.
    let a_db = k.db.clone();
    let b_db = dir.path().join("b.db");
    let folder = dir.path().join("synk").display().to_string();
    assert!(k
        .ok(&["sync", "run", "--folder", &folder])
        .contains("poster skrivna"));
    let a = json(&k.ok(&["sync", "status", "--json"]));
    let a_card = dir.path().join("a-kort.json").display().to_string();
    assert!(k.ok(&["sync", "card", "--out", &a_card]).contains("kod"));
    k.db = b_db.clone();
    k.ok(&["init", "--org", "Region Blekinge"]);
    let b = json(&k.ok(&["sync", "status", "--json"]));
    assert!(k
        .by(&[
            "sync",
            "pair",
            &a_card,
            "--code",
            a["code"].as_str().unwrap()
        ])
        .contains("Parad"));
    assert!(k
        .ok(&["sync", "peers"])
        .contains(a["card"]["device_id"].as_str().unwrap()));
    assert!(k
        .ok(&["sync", "run", "--folder", &folder])
        .contains("nya poster inlästa"));
    assert!(k.ok(&["event", "list"]).contains("Elavbrott Karlskrona"));
    k.by(&["mode", "set", "krig", "--basis", "Regeringsbeslut"]);
    let bundle = dir.path().join("b.krisbunt").display().to_string();
    assert!(k
        .ok(&["bundle", "export", "--out", &bundle])
        .contains("Bunt skriven"));
    let b_card = dir.path().join("b-kort.json").display().to_string();
    k.ok(&["sync", "card", "--out", &b_card]);
    k.db = a_db.clone();
    k.by(&[
        "sync",
        "pair",
        &b_card,
        "--code",
        b["code"].as_str().unwrap(),
    ]);
    k.by(&["mode", "set", "fred", "--basis", "Återgång"]);
    assert!(k.ok(&["bundle", "import", &bundle]).contains("nya poster"));
    assert!(k
        .ok(&["bundle", "import", &bundle])
        .contains("redan inläst"));
    let status = json(&k.ok(&["sync", "status", "--json"]));
    let conflict = status["conflicts"][0]["entry_id"]
        .as_str()
        .expect("two mode changes at once are a conflict")
        .to_string();
    assert!(k
        .by(&["sync", "resolve", &conflict, "--note", "Fred gäller"])
        .contains("Öppna konflikter: 0"));
    assert!(k
        .by(&[
            "sync",
            "unpair",
            b["card"]["device_id"].as_str().unwrap(),
            "--reason",
            "Datorn återlämnad"
        ])
        .contains("avslutad"));
    assert!(k.ok(&["verify"]).contains("OK"));

    // Encryption: a passphrase set (the store is converted), checked, changed; every command
    // then unlocks with it, and without it the store is locked.
    k.envs = vec![("KRIS_NEW_PASSPHRASE", "vinterstorm över Blekinge")];
    assert!(k.ok(&["passphrase", "set"]).contains("Krypterad"));
    assert!(!k.run(&["encrypt"]).status.success(), "already encrypted");
    let locked = k.run(&["status"]);
    assert!(!locked.status.success());
    assert!(String::from_utf8_lossy(&locked.stderr).contains("KRIS_PASSPHRASE"));
    k.envs = vec![
        ("KRIS_PASSPHRASE", "vinterstorm över Blekinge"),
        ("KRIS_NEW_PASSPHRASE", "ny lösenfras efter övningen"),
    ];
    assert!(k.ok(&["unlock"]).contains("låstes upp"));
    assert!(k.ok(&["status"]).contains("krypterad"));
    assert!(k.ok(&["passphrase", "change"]).contains("bytt"));
    k.envs = vec![("KRIS_PASSPHRASE", "ny lösenfras efter övningen")];
    assert!(k.ok(&["verify"]).contains("OK"));
    // Every view rebuilt aside and compared, with the encrypted file attached under its key.
    assert!(k.ok(&["verify", "--deep"]).starts_with("OK"));
    let usb2 = dir.path().join("usb2").display().to_string();
    assert!(k
        .ok(&["backup", "--to", &usb2])
        .contains("kontrollerad och signerad"));
    let plain = dir.path().join("okrypterad.db");
    k.db = plain.clone();
    k.envs = vec![("KRIS_NEW_PASSPHRASE", "en annan lång lösenfras")];
    k.ok(&["init"]);
    assert!(k.ok(&["encrypt"]).contains("Krypterad"));

    let missing: Vec<_> = every_subcommand().difference(&k.ran).cloned().collect();
    assert!(
        missing.is_empty(),
        "never run through the binary: {missing:?}"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let kris = |args: &[&str]| kris(&db, args);
    kris(&["init"]);
    let ev =
        String::from_utf8(kris(&[&["event", "open", "--title", "Rör"][..], &BY].concat()).stdout)
            .unwrap();
    for i in 0..300 {
        let text = format!("Anteckning {i} {}", "ord ".repeat(30));
        assert!(
            kris(&[&["log", "--event", ev.trim(), "--text", &text][..], &BY].concat())
                .status
                .success()
        );
    }
    for args in [
        &["list"][..],
        &["status"],
        &["verify"],
        &["event", "list"],
        &["plan", "list"],
        &["export"],
    ] {
        let mut child = Command::new(KRIS)
            .arg("--db")
            .arg(&db)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Like `| head -c 1`: read a byte, then hang up.
        let mut out = child.stdout.take().unwrap();
        let mut one = [0u8; 1];
        let _ = out.read(&mut one);
        drop(out);
        let status = child.wait().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(!err.contains("panicked"), "kris {args:?}: {err}");
        assert!(status.code().is_some(), "kris {args:?} died of a signal");
    }
}

#[test]
fn usage_errors_are_one_swedish_line_and_numbers_cannot_overflow() {
    let one_line = |args: &[&str]| {
        let out = Command::new(KRIS).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.starts_with("kris: "), "{err}");
        err
    };
    assert!(one_line(&["event", "open", "--title", "X"]).contains("saknar obligatoriskt argument"));
    assert!(one_line(&["list", "--nej"]).contains("okänt argument"));
    assert!(one_line(&["reminders", "--hours", "4000000000"]).contains("ogiltigt värde"));
    assert!(one_line(&["flyga"]).contains("okänt kommando: flyga."));
    // A folder where a subcommand is expected is named, not left blank.
    assert!(one_line(&["backup", "/media/usb"]).contains("okänt kommando: /media/usb."));
    assert!(
        one_line(&["plan", "import", "x.toml", "--role", "TiB"]).contains("--by"),
        "plan import needs a named person like every other write"
    );
}

#[test]
fn imports_refuse_devices_and_pipes_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let kris = |args: &[&str]| kris(&db, &[args, &BY[..]].concat());
    common::kris_cli(&db, &["init"]);
    let fifo = dir.path().join("fifo.csv");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for file in ["/dev/zero", fifo.to_str().unwrap()] {
        for sub in [&["import", "resources"][..], &["plan", "import"]] {
            let out = kris(&[sub, &[file]].concat());
            assert!(!out.status.success());
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("ingen vanlig fil"), "{sub:?} {file}: {err}");
        }
    }
}

/// Each of these once gave SQLite's or Rust's English words ("disk I/O error", "unable to open
/// database file", "No space left on device"); each now says what to do, in Swedish.
#[test]
fn files_that_are_not_stores_and_full_disks_get_plain_swedish() {
    let dir = tempfile::tempdir().unwrap();
    let fails = |db: &Path, args: &[&str]| {
        let out = kris(db, args);
        assert!(!out.status.success(), "{args:?} on {}", db.display());
        String::from_utf8(out.stderr).unwrap()
    };
    assert!(fails(Path::new("/dev/null"), &["status"]).contains("ingen Krisledning-databas"));
    assert!(fails(dir.path(), &["status"]).contains("är en katalog"));
    let damaged = dir.path().join("skadad.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.resize(8192, 0xA5);
    std::fs::write(&damaged, bytes).unwrap();
    assert!(fails(&damaged, &["status"]).contains("skadad"));

    let db = dir.path().join("k.db");
    common::kris_cli(&db, &["init"]);
    for args in [&["status", "--json"][..], &["export", "--format", "csv"]] {
        let out = Command::new(KRIS)
            .arg("--db")
            .arg(&db)
            .args(args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains("disken är full"), "{args:?}: {err}");
    }
}

/// `make run` with no display says so and starts nothing (it once printed the message and then
/// started the window anyway, which panicked in GTK). `KRIS_APP=false` fails if it is started.
#[test]
fn make_run_without_a_display_starts_nothing() {
    let out = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/run.sh"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("KRIS_APP", "false")
        .output()
        .unwrap();
    assert!(out.status.success(), "the app was started");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ingen skärm"));
    let with_display = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/run.sh"))
        .env("DISPLAY", ":99")
        .env("KRIS_APP", "false")
        .output()
        .unwrap();
    assert!(
        !with_display.status.success(),
        "with a display it starts the app"
    );
}

/// `export --out` once renamed its file over whatever the path named: the store itself (the
/// record was gone, and the command said it had succeeded), a device, a symbolic link. Now
/// only a new file or an earlier plain file is written, and the store is untouched.
#[test]
fn export_never_replaces_the_store_a_device_or_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kris(&db, &["init"]);
    kris(
        &db,
        &[&["event", "open", "--title", "Elavbrott"][..], &BY].concat(),
    );
    let before = String::from_utf8(kris(&db, &["verify"]).stdout).unwrap();
    let fifo = dir.path().join("rör");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let link = dir.path().join("länk.csv");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let wal = dir.path().join("k.db-wal");
    let relative_db = dir.path().join(".").join("k.db");
    for (target, why) in [
        (&db, "databasen själv"),
        (&relative_db, "databasen själv"),
        (&wal, "databasen själv"),
        (&link, "symbolisk länk"),
        (&fifo, "ingen vanlig fil"),
        (&dir.path().to_path_buf(), "ingen vanlig fil"),
    ] {
        let out = kris(
            &db,
            &[
                "export",
                "--format",
                "csv",
                "--out",
                target.to_str().unwrap(),
            ],
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "{}", target.display());
        assert!(err.contains(why), "{}: {err}", target.display());
    }
    assert_eq!(
        String::from_utf8(kris(&db, &["verify"]).stdout).unwrap(),
        before
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no half-written export is left");
    let out = dir.path().join("export.csv");
    assert!(kris(
        &db,
        &["export", "--format", "csv", "--out", out.to_str().unwrap()]
    )
    .status
    .success());
    assert!(
        kris(
            &db,
            &["export", "--format", "csv", "--out", out.to_str().unwrap()]
        )
        .status
        .success(),
        "an earlier export may be replaced"
    );
}

/// Smaller findings of an audit, each once through the binary: an echoed id cannot drive the
/// terminal or flood it, a leap second is not a time, `--expect 0:` needs the genesis hash, a
/// mistyped event id is an error, and commands that only show never change the file's bytes.
#[test]
fn audit_leftovers_hold() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kris(&db, &["init"]);
    let ev = String::from_utf8(
        kris(
            &db,
            &[&["event", "open", "--title", "Elavbrott"][..], &BY].concat(),
        )
        .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    let hostile = format!("\u{1b}]0;PWNED\u{7}\u{1b}[2J{}", "a".repeat(100_000));
    let out = kris(
        &db,
        &[&["log", "--event", &hostile, "--text", "x"][..], &BY].concat(),
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        !err.contains('\u{1b}') && err.len() < 4_000,
        "{} bytes",
        err.len()
    );
    let out = kris(
        &db,
        &[
            &[
                "log",
                "--event",
                &ev,
                "--text",
                "x",
                "--occurred-at",
                "2026-11-30T23:59:60Z",
                "--late-reason",
                "r",
            ][..],
            &BY,
        ]
        .concat(),
    );
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("ingen giltig tidpunkt"));
    let zeros = format!("0:{}", "f".repeat(64));
    assert!(!kris(&db, &["verify", "--expect", &zeros]).status.success());
    assert!(!kris(&db, &["list", "--event", "finns-inte"])
        .status
        .success());
    // Fold the WAL first, so that any write would show in the file's bytes.
    kris(&db, &["replay"]);
    let bytes = std::fs::read(&db).unwrap();
    for args in [
        &["mode", "show"][..],
        &["mode", "history"],
        &["plan", "list"],
        &["resource", "list"],
        &["task", "list"],
        &["staff", "list"],
        &["reminders"],
        &["whoami"],
    ] {
        assert!(kris(&db, args).status.success(), "{args:?}");
        assert!(
            std::fs::read(&db).unwrap() == bytes,
            "{args:?} changed the file"
        );
    }
}
