//! `kris mark` (raise an entry's classification) and `kris copies list|issue|settle` (the copy
//! register for material at konfidentiell and above).

use clap::Subcommand;
use krisledning::api::Request;
use krisledning::marking::{
    CopyIssue, CopyOutcome, IssueCopies, Marking, RaiseMarking, SettleCopies,
};
use krisledning::{Result, Store};

use crate::{call, print_json, By};

pub fn parse_opt(marking: Option<&str>) -> Result<Option<Marking>> {
    marking.map(Marking::parse).transpose()
}

#[derive(Subcommand)]
pub enum CopiesCmd {
    /// Exemplarförteckningen: varje utlämning med registernummer, exemplar och vad som återstår
    List {
        #[arg(long)]
        json: bool,
    },
    /// Registrera utskrift eller export under exemplarkontroll (Konfidentiell och högre)
    Issue {
        #[arg(long)]
        document: String,
        /// konfidentiell | hemlig | kvalificerat_hemlig
        #[arg(long)]
        marking: String,
        #[arg(long)]
        copies: u32,
        /// Mottagare av exemplaren
        #[arg(long)]
        recipients: String,
        #[arg(long)]
        event: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Registrera exemplar som förstörda eller återlämnade
    Settle {
        /// Utlämningens id (från `copies list --json`)
        issue_id: String,
        /// Exemplarnummer, t.ex. 1,2,3
        #[arg(long, value_delimiter = ',')]
        copies: Vec<u32>,
        /// forstord | aterlamnad
        #[arg(long)]
        outcome: String,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        by: By,
    },
}

fn print_issue(c: &CopyIssue) {
    let out: Vec<String> = c.outstanding.iter().map(u32::to_string).collect();
    say!(
        "Reg.nr {}  {}  {}  {} ex. till {}  ({} {}, {})  utestående: {}",
        c.number,
        c.marking.label().to_uppercase(),
        c.document,
        c.copies,
        c.recipients,
        c.issued_by,
        c.issued_role,
        krisledning::time::local_minute(&c.issued_at),
        if out.is_empty() {
            "inga".to_string()
        } else {
            out.join(", ")
        }
    );
    for s in &c.settled {
        say!(
            "    ex. {} {} {} av {} ({}){}",
            s.copy,
            match s.outcome {
                CopyOutcome::Forstord => "förstört",
                CopyOutcome::Aterlamnad => "återlämnat",
            },
            krisledning::time::local_minute(&s.settled_at),
            s.settled_by,
            s.settled_role,
            if s.note.is_empty() {
                String::new()
            } else {
                format!(": {}", s.note)
            }
        );
    }
}

pub fn copies(store: &mut Store, cmd: CopiesCmd) -> Result<()> {
    match cmd {
        CopiesCmd::List { json } => {
            let list: Vec<CopyIssue> = call(store, Request::CopyRegister)?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                say!("Exemplarförteckningen är tom.");
            }
            list.iter().for_each(print_issue);
        }
        CopiesCmd::Issue {
            document,
            marking,
            copies,
            recipients,
            event,
            by,
            json,
        } => {
            let c: CopyIssue = call(
                store,
                Request::IssueCopies {
                    actor: by.actor(),
                    input: IssueCopies {
                        event_id: event,
                        document,
                        marking: Marking::parse(&marking)?,
                        copies,
                        recipients,
                        copy_sha256: Vec::new(),
                    },
                },
            )?;
            if json {
                return print_json(&c);
            }
            print_issue(&c);
        }
        CopiesCmd::Settle {
            issue_id,
            copies,
            outcome,
            note,
            by,
        } => {
            let c: CopyIssue = call(
                store,
                Request::SettleCopies {
                    actor: by.actor(),
                    input: SettleCopies {
                        issue_id,
                        copies,
                        outcome: CopyOutcome::parse(&outcome)?,
                        note,
                    },
                },
            )?;
            print_issue(&c);
        }
    }
    Ok(())
}

pub fn mark(
    store: &mut Store,
    entry_id: String,
    marking: &str,
    reason: String,
    by: &By,
) -> Result<()> {
    let out: krisledning::marking::commands::EntryMarkingOut = call(
        store,
        Request::RaiseMarking {
            actor: by.actor(),
            input: RaiseMarking {
                entry_id,
                marking: Marking::parse(marking)?,
                reason,
            },
        },
    )?;
    say!("Post {} är nu {}.", out.seq, out.marking.label());
    Ok(())
}
