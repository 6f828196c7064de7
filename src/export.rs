//! Export of the record for audits and public-records requests: JSON Lines (every journal entry,
//! verifiable) or CSV (the readable log, one row per decision or diary line).

use std::io::Write;

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
                // A BOM so Excel, which staff will open this in, reads å ä ö correctly.
                out.write_all("\u{feff}".as_bytes())?;
                let mut w = csv::WriterBuilder::new()
                    .delimiter(b';')
                    .from_writer(&mut *out);
                let csv_err = |e: csv::Error| Error::storage(format!("Kunde inte skriva CSV: {e}"));
                w.write_record(CSV_HEADER).map_err(csv_err)?;
                let filter = RecordFilter {
                    event_id: event_id.map(str::to_string),
                    ..Default::default()
                };
                for r in self.list_records(&filter)? {
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
                    w.write_record([
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
                    ])
                    .map_err(csv_err)?;
                    n += 1;
                }
                w.flush()?;
            }
        }
        Ok(n)
    }
}
