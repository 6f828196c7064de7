//! `kris bundle export|import` (entries between sites on a USB stick) and `kris sync
//! status|peers|pair|unpair|run|resolve` (pairing laptops and exchanging through a sync folder).

use std::path::PathBuf;

use clap::Subcommand;
use krisledning::sync::{
    BundleReport, ExchangeReport, PairDevice, PairingCard, ResolveConflict, SyncStatus,
    UnpairDevice,
};
use krisledning::{Result, Store};

use crate::{print_json, By};

#[derive(Subcommand)]
pub enum BundleCmd {
    /// Skriv en bunt (alla kedjor databasen kan styrka) till en fil, t.ex. på ett USB-minne
    Export {
        #[arg(long)]
        out: PathBuf,
        /// Bara det som kommit efter en bunt eller kontrollpunkt som mottagaren redan har
        #[arg(long)]
        since: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Läs in en bunt: allt kontrolleras först, och inget sparas om något inte stämmer
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum SyncCmd {
    /// Den här datorns parningskod, parade datorer, kedjor och öppna konflikter
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Parade datorer
    Peers {
        #[arg(long)]
        json: bool,
    },
    /// Skriv den här datorns parningskort till en fil (att läsa in på den andra datorn)
    Card {
        #[arg(long)]
        out: PathBuf,
    },
    /// Para en dator: dess parningskort (fil) och koden som dess skärm visar
    Pair {
        card: PathBuf,
        #[arg(long)]
        code: String,
        #[command(flatten)]
        by: By,
    },
    /// Avsluta en parning
    Unpair {
        device_id: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        by: By,
    },
    /// Utbyt poster med en synkmapp (USB-minne, eller mappen Syncthing speglar)
    Run {
        #[arg(long)]
        folder: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Besluta om en konflikt (en post som inte kunde tillämpas efter sammanslagning)
    Resolve {
        entry_id: String,
        #[arg(long)]
        note: String,
        #[command(flatten)]
        by: By,
    },
}

fn say_conflicts(open: i64) {
    if open > 0 {
        say!("{open} konflikter att besluta om: `kris sync status`.");
    }
}

fn print_report(r: &BundleReport) {
    if r.already_held {
        say!("Bunten från {} var redan inläst: inget ändrades.", r.from);
    } else {
        say!(
            "{} nya poster från bunten av {} ({}).",
            r.new_entries,
            r.from,
            r.created_at
        );
    }
    for c in &r.chains {
        say!("  {}: till post {}", c.name, c.to_seq);
    }
    say_conflicts(r.open_conflicts);
}

fn print_status(s: &SyncStatus) {
    say!("Den här datorn: {}  kod {}", s.card.name, s.code);
    say!(
        "  enhet {}  ({}, {})",
        s.card.device_id,
        s.card.organisation,
        s.card.workspace
    );
    say!(
        "Parade datorer: {}",
        s.peers.iter().filter(|p| p.active).count()
    );
    for p in &s.peers {
        say!(
            "  {} {}  {}  parad {} av {} ({}){}",
            if p.active { "●" } else { "○" },
            p.name,
            p.device_id,
            krisledning::time::local_minute(&p.paired_at),
            p.paired_by,
            p.paired_role,
            p.ended_reason
                .as_deref()
                .map(|r| format!("  avslutad: {r}"))
                .unwrap_or_default()
        );
    }
    say!("Kedjor här:");
    for c in &s.chains {
        say!(
            "  {}  {} poster  senast {}",
            c.name,
            c.entries,
            c.last_recorded_at
        );
    }
    if s.conflicts.is_empty() {
        say!("Inga öppna konflikter.");
    }
    for c in &s.conflicts {
        say!(
            "KONFLIKT {}  {} ({} på {}): {}\n    {}",
            c.entry_id,
            c.kind,
            c.author,
            c.device_name,
            c.summary,
            c.message
        );
    }
}

fn print_exchange(r: &ExchangeReport) {
    say!(
        "Synkmapp {}: {} poster skrivna, {} nya poster inlästa.",
        r.folder,
        r.exported,
        r.imported
    );
    for c in &r.unpaired {
        say!(
            "  Ej parad: {} (enhet {}) – para med `kris sync pair {}/{}/kort.json --code <koden på dess skärm>`",
            c.name,
            c.device_id,
            r.folder,
            c.device_id
        );
    }
    for s in &r.skipped {
        say!("  Hoppade över {}: {}", s.file, s.reason);
    }
    say_conflicts(r.open_conflicts);
}

pub fn bundle(store: &mut Store, cmd: BundleCmd) -> Result<()> {
    match cmd {
        BundleCmd::Export { out, since, json } => {
            let e = store.export_bundle(&out, since.as_deref())?;
            if json {
                return print_json(&e);
            }
            say!("Bunt skriven: {} ({} poster)", e.path, e.entries);
            for c in &e.chains {
                say!("  enhet {}: post {}–{}", c.device_id, c.from_seq, c.to_seq);
            }
        }
        BundleCmd::Import { file, json } => {
            let r = store.import_bundle(&file)?;
            if json {
                return print_json(&r);
            }
            print_report(&r);
        }
    }
    Ok(())
}

pub fn sync(store: &mut Store, cmd: SyncCmd) -> Result<()> {
    match cmd {
        SyncCmd::Status { json } => {
            let s = store.sync_status()?;
            if json {
                return print_json(&s);
            }
            print_status(&s);
        }
        SyncCmd::Peers { json } => {
            let s = store.sync_status()?;
            if json {
                return print_json(&s.peers);
            }
            for p in s.peers.iter().filter(|p| p.active) {
                say!("{}  {}  {}", p.name, p.device_id, p.vkey);
            }
        }
        SyncCmd::Card { out } => {
            let card = store.write_card(&out)?;
            say!(
                "Parningskort skrivet: {}  (kod {})",
                out.display(),
                card.code()
            );
        }
        SyncCmd::Pair { card, code, by } => {
            let card: PairingCard = store.read_card(&card)?;
            let s = store.pair_device(&by.actor(), &PairDevice { card, code })?;
            say!(
                "Parad. Parade datorer nu: {}",
                s.peers.iter().filter(|p| p.active).count()
            );
        }
        SyncCmd::Unpair {
            device_id,
            reason,
            by,
        } => {
            store.unpair_device(&by.actor(), &UnpairDevice { device_id, reason })?;
            say!("Parningen avslutad.");
        }
        SyncCmd::Run { folder, json } => {
            let r = store.sync_folder(&folder)?;
            if json {
                return print_json(&r);
            }
            print_exchange(&r);
        }
        SyncCmd::Resolve { entry_id, note, by } => {
            let s = store.resolve_conflict(&by.actor(), &ResolveConflict { entry_id, note })?;
            say!(
                "Beslut registrerat. Öppna konflikter: {}",
                s.conflicts.len()
            );
        }
    }
    Ok(())
}
