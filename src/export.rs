//! Export of the record for audits and public-records requests: JSON Lines (every journal entry,
//! verifiable) or CSV (the readable log, one row per decision or diary line).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::log::{RecordFilter, RecordType};
use crate::store::Store;

crate::str_enum!(
    ExportFormat, "Okänt exportformat", { Jsonl = "jsonl" | "json", Csv = "csv" }
);

const CSV_HEADER: [&str; 20] = [
    "seq",
    "id",
    "händelse",
    "typ",
    "beslutstyp",
    "tidpunkt",
    "registrerad",
    "författare",
    "roll",
    "rubrik",
    "text",
    "gällande text",
    "underlag",
    "alternativ",
    "beslutsfattare",
    "mandat",
    "uppföljning",
    "kanal",
    "status",
    "orsak sen registrering",
];

impl Store {
    pub fn export(
        &self,
        format: ExportFormat,
        event_id: Option<&str>,
        out: &mut dyn Write,
    ) -> Result<u64> {
        if let Some(ev) = event_id {
            self.get_event(ev)?;
        }
        let mut n = 0u64;
        match format {
            ExportFormat::Jsonl => self.journal_entries(event_id, |e| {
                serde_json::to_writer(&mut *out, &e)?;
                out.write_all(b"\n")?;
                n += 1;
                Ok(())
            })?,
            ExportFormat::Csv => {
                let filter = RecordFilter {
                    event_id: event_id.map(str::to_string),
                    ..Default::default()
                };
                n = write_csv(&self.list_records(&filter)?, out)?;
            }
        }
        Ok(n)
    }

    /// Writes an export to `path`: beside it first and then renamed, so a half-written export
    /// never looks complete, and never over anything that is not a plain file of its own — the
    /// store, its WAL, a device, a directory or a symbolic link are refused, nothing is touched.
    pub fn export_to_file(
        &self,
        format: ExportFormat,
        event_id: Option<&str>,
        path: &Path,
    ) -> Result<u64> {
        check_target(self.path(), path)?;
        let name = path
            .file_name()
            .ok_or_else(|| refuse(path, "är ingen filsökväg"))?
            .to_string_lossy();
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        let tmp = dir
            .unwrap_or(Path::new("."))
            .join(format!(".{name}.{}.tmp", uuid::Uuid::now_v7()));
        let written = (|| {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            let mut out = std::io::BufWriter::new(file);
            // The export and its checkpoint from one snapshot: the note names exactly the
            // journal the file was written from.
            let (n, note) = self.snapshot(|s| {
                let n = s.export(format, event_id, &mut out)?;
                let note = crate::device::Device::load_or_create()
                    .and_then(|d| crate::seal::make_in(s, &d));
                Ok((n, note))
            })?;
            out.into_inner()
                .map_err(|e| Error::from(e.into_error()))?
                .sync_all()?;
            std::fs::rename(&tmp, path)?;
            // A signed checkpoint beside the export (`<file>.kontrollpunkt`), as on every report;
            // an export is not refused for want of a signing key.
            if let Ok(note) = note {
                let seal = format!("{name}.kontrollpunkt");
                crate::reports::files::put_named(
                    dir.unwrap_or(Path::new(".")),
                    &seal,
                    note.as_bytes(),
                )?;
            }
            Ok(n)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }
}

/// A cell Excel would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return first)
/// is written with a leading apostrophe, which Excel shows as text: a diary line typed as
/// `=HYPERLINK(…)` must not become a link, nor a command, in the file the staff opens.
fn inert(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

fn refuse(path: &Path, why: &str) -> Error {
    Error::invalid(format!(
        "{} {why}; exporten skrivs inte dit och inget ändras. Ange en ny fil.",
        path.display()
    ))
    .with("path", path.display())
}

/// The file a path names once its folder is resolved; for a file that does not exist yet too.
fn resolved(path: &Path) -> Option<PathBuf> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(dir.canonicalize().ok()?.join(path.file_name()?))
}

fn check_target(store: &Path, target: &Path) -> Result<()> {
    if let (Some(t), Some(s)) = (resolved(target), resolved(store)) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut own = s.clone().into_os_string();
            own.push(suffix);
            if t.as_os_str() == own {
                return Err(refuse(target, "är databasen själv eller en av dess filer"));
            }
        }
    }
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(refuse(
            target,
            &format!("går inte att läsa ({})", crate::error::io_reason(&e)),
        )),
        Ok(m) if m.file_type().is_symlink() => Err(refuse(target, "är en symbolisk länk")),
        Ok(m) if !m.is_file() => Err(refuse(
            target,
            "är ingen vanlig fil (en katalog, enhet eller rörledning)",
        )),
        Ok(_) => Ok(()),
    }
}

/// The readable log as CSV for Excel: one row per decision or diary line, `;`-separated.
pub fn write_csv(records: &[crate::log::Record], out: &mut dyn Write) -> Result<u64> {
    let mut n = 0u64;
    // A BOM so Excel, which staff will open this in, reads å ä ö correctly.
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(&mut *out);
    let csv_err = |e: csv::Error| Error::storage(format!("Kunde inte skriva CSV: {e}"));
    w.write_record(CSV_HEADER).map_err(csv_err)?;
    for r in records {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let kind = r
            .decision_kind
            .map(|k| k.as_str().to_string())
            .unwrap_or_default();
        let channel = r
            .channel
            .map(|c| c.as_str().to_string())
            .unwrap_or_default();
        let record_type = match r.record_type {
            RecordType::Decision => "beslut",
            RecordType::Diary => "dagbok",
        };
        let row = [
            r.seq.to_string(),
            r.id.clone(),
            r.event_id.clone(),
            record_type.into(),
            kind,
            r.occurred_at.clone(),
            r.recorded_at.clone(),
            r.author.clone(),
            r.role.clone(),
            opt(&r.title),
            r.text.clone(),
            r.current_text().to_string(),
            opt(&r.basis),
            opt(&r.alternatives),
            opt(&r.decided_by),
            opt(&r.mandate),
            opt(&r.follow_up_at),
            channel,
            r.status.as_str().into(),
            opt(&r.late_reason),
        ];
        w.write_record(row.map(inert)).map_err(csv_err)?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}
