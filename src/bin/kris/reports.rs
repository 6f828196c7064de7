//! `kris report …`: the numbered lägesrapport, the decision log and diary on paper or in CSV, and
//! the report history, through the same requests as the window.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use krisledning::api::Request;
use krisledning::error::io_reason;
use krisledning::log::RecordType;
use krisledning::marking::CopyIssue;
use krisledning::report::copies::CopyOrder;
use krisledning::report::issue::ReportFormat;
use krisledning::report::log_print::{LogFormat, PrintedFile};
use krisledning::reports::IssuedReport;
use krisledning::{Error, Result, Store};

use crate::{call, print_json, By};

#[derive(Subcommand)]
pub enum ReportCmd {
    /// Utfärda nästa numrerade lägesrapport (PDF, och Markdown/JSON om du vill)
    Situation {
        #[arg(long)]
        event: String,
        /// Var PDF-filen ska sparas
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        markdown: Option<PathBuf>,
        #[arg(long)]
        json: Option<PathBuf>,
        #[command(flatten)]
        by: By,
        #[command(flatten)]
        copies: CopyArgs,
    },
    /// Utfärda efterrapporten för en händelse (tidslinje, beslut, planer, avvikelser, erfarenheter)
    AfterAction {
        #[arg(long)]
        event: String,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        by: By,
        #[command(flatten)]
        copies: CopyArgs,
    },
    /// Beslutsloggen för en period, som PDF med underskriftsrader eller som CSV
    Decisions(LogArgs),
    /// Stabsdagboken för en period, som PDF med underskriftsrader eller som CSV
    Diary(LogArgs),
    /// Rapporter som utfärdats för en händelse, senaste först
    List {
        #[arg(long)]
        event: String,
        #[arg(long)]
        json: bool,
    },
    /// Kopiera en utfärdad rapport, kontrollerad mot sin SHA-256
    Open {
        /// Rapportens id (se kris report list)
        report: String,
        /// pdf | md | json
        #[arg(long, default_value = "pdf")]
        format: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct LogArgs {
    #[arg(long)]
    event: String,
    /// Från och med (ÅÅÅÅ-MM-DD TT:MM)
    #[arg(long)]
    from: Option<String>,
    /// Till och med (ÅÅÅÅ-MM-DD TT:MM)
    #[arg(long)]
    to: Option<String>,
    /// pdf | csv
    #[arg(long, default_value = "pdf")]
    format: String,
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    by: By,
    #[command(flatten)]
    copies: CopyArgs,
}

/// Copy control: material at konfidentiell and above is printed only in numbered copies.
#[derive(Args)]
pub struct CopyArgs {
    /// Antal numrerade exemplar (krävs från Konfidentiell); filerna sparas som <ut>-ex1 …
    #[arg(long)]
    copies: Option<u32>,
    /// Mottagare av exemplaren
    #[arg(long, default_value = "")]
    recipients: String,
}

impl CopyArgs {
    pub(crate) fn order(&self) -> Option<CopyOrder> {
        self.copies.map(|copies| CopyOrder {
            copies,
            recipients: self.recipients.clone(),
        })
    }
}

/// `rapport.pdf` → `rapport-ex2.pdf`.
fn copy_path(out: &Path, n: usize) -> PathBuf {
    let stem = out.file_stem().unwrap_or_default().to_string_lossy();
    let ext = out
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    out.with_file_name(format!("{stem}-ex{n}{ext}"))
}

/// Saves each numbered copy of the issued report `title` beside `out`.
fn issued_copies(store: &mut Store, title: &str, out: &Path) -> Result<()> {
    let register: Vec<CopyIssue> = call(store, Request::CopyRegister)?;
    let Some(issue) = register.iter().rev().find(|c| c.document == title) else {
        return Ok(());
    };
    for (i, sha) in issue.copy_sha256.iter().enumerate() {
        let from = krisledning::reports::files::checked(store.path(), sha, "pdf", title)?;
        let to = copy_path(out, i + 1);
        copy(&from, &to)?;
        say!(
            "Exemplar {} av {} (registernummer {}): {}",
            i + 1,
            issue.copies,
            issue.number,
            to.display()
        );
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to).map(|_| ()).map_err(|e| {
        Error::storage(format!(
            "Kunde inte skriva {}: {}",
            to.display(),
            io_reason(&e)
        ))
        .with("path", to.display())
    })
}

fn issued_file(store: &mut Store, report: &str, format: ReportFormat, out: &Path) -> Result<()> {
    let path: String = call(
        store,
        Request::ReportFile {
            report_id: report.to_string(),
            format,
        },
    )?;
    copy(Path::new(&path), out)
}

fn log(store: &mut Store, args: LogArgs, log: RecordType) -> Result<()> {
    let printed: PrintedFile = call(
        store,
        Request::PrintLog {
            actor: args.by.actor(),
            event_id: args.event,
            log,
            from: args.from,
            to: args.to,
            format: LogFormat::parse(&args.format)?,
            copies: args.copies.order(),
        },
    )?;
    if printed.copies.is_empty() {
        copy(Path::new(&printed.path), &args.out)?;
        say!("Sparad: {} ({} byte)", args.out.display(), printed.bytes);
    }
    for (i, file) in printed.copies.iter().enumerate() {
        let to = copy_path(&args.out, i + 1);
        copy(Path::new(file), &to)?;
        say!(
            "Exemplar {} av {} (registernummer {}): {}",
            i + 1,
            printed.copies.len(),
            printed.register.unwrap_or_default(),
            to.display()
        );
    }
    Ok(())
}

pub fn report(store: &mut Store, cmd: ReportCmd) -> Result<()> {
    match cmd {
        ReportCmd::Situation {
            event,
            out,
            markdown,
            json,
            by,
            copies,
        } => {
            let r: IssuedReport = call(
                store,
                Request::IssueSituationReport {
                    actor: by.actor(),
                    event_id: event,
                    copies: copies.order(),
                },
            )?;
            issued_file(store, &r.id, ReportFormat::Pdf, &out)?;
            issued_copies(store, &r.title, &out)?;
            if let Some(md) = markdown {
                issued_file(store, &r.id, ReportFormat::Markdown, &md)?;
            }
            if let Some(j) = json {
                issued_file(store, &r.id, ReportFormat::Json, &j)?;
            }
            say!(
                "{} utfärdad: {} sidor, sparad i {}\nSHA-256 {}\nJournalen vid utfärdandet: {} poster, huvud {}",
                r.title,
                r.pages,
                out.display(),
                r.pdf_sha256,
                r.head_seq,
                r.head_hash
            );
        }
        ReportCmd::AfterAction {
            event,
            out,
            by,
            copies,
        } => {
            let r: IssuedReport = call(
                store,
                Request::IssueAfterActionReport {
                    actor: by.actor(),
                    event_id: event,
                    copies: copies.order(),
                },
            )?;
            issued_file(store, &r.id, ReportFormat::Pdf, &out)?;
            issued_copies(store, &r.title, &out)?;
            say!(
                "{} (nr {}) utfärdad: {} sidor, sparad i {}\nSHA-256 {}",
                r.title,
                r.number,
                r.pages,
                out.display(),
                r.pdf_sha256
            );
        }
        ReportCmd::Decisions(args) => log(store, args, RecordType::Decision)?,
        ReportCmd::Diary(args) => log(store, args, RecordType::Diary)?,
        ReportCmd::List { event, json } => {
            let list: Vec<IssuedReport> = call(store, Request::ReportHistory { event_id: event })?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                say!("Inga rapporter har utfärdats för händelsen.");
            }
            for r in list {
                say!(
                    "{}  {}  {} ({})  {} sidor  SHA-256 {}…  id {}",
                    krisledning::time::local_minute(&r.issued_at),
                    r.title,
                    r.author,
                    r.role,
                    r.pages,
                    r.pdf_sha256.get(..16).unwrap_or(&r.pdf_sha256),
                    r.id
                );
            }
        }
        ReportCmd::Open {
            report,
            format,
            out,
        } => {
            issued_file(store, &report, ReportFormat::parse(&format)?, &out)?;
            say!("Kontrollerad mot journalen och sparad: {}", out.display());
        }
    }
    Ok(())
}
