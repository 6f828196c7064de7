//! CSV import of resources and contacts, as saved from Excel: UTF-8 (with or without BOM), `;` or
//! `,` separated, Swedish headers. Every row is checked first; one bad row imports nothing.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::logistics::resource::NewResource;
use crate::logistics::ResourceStatus;
use crate::staff::NewStaff;
use crate::store::Store;
use crate::text::fold;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RowError {
    /// Line in the file, counting the header as line 1.
    pub row: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub imported: usize,
    /// Empty when the import succeeded; otherwise nothing was imported.
    pub errors: Vec<RowError>,
}

/// Largest file accepted: a region's resource register is thousands of rows, not millions.
pub const MAX_CSV_BYTES: usize = 5 * 1024 * 1024;

/// Reads a file a user chose to import, at most `max` bytes: a device (`/dev/zero`), a FIFO
/// or a file larger than `max` is refused before it is read, so nothing grows without bound.
pub fn read_bounded(path: &std::path::Path, max: usize) -> Result<Vec<u8>> {
    use std::io::Read;
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::invalid(format!(
            "Kan inte läsa {shown}: {}",
            crate::error::io_reason(&e)
        ))
        .with("path", &shown)
    })?;
    if !meta.is_file() {
        return Err(Error::invalid(format!(
            "{shown} är ingen vanlig fil (en katalog, enhet eller rörledning). Välj en fil."
        ))
        .with("path", &shown));
    }
    let too_big = |n: u64| {
        Error::invalid(format!(
            "{shown} är för stor ({} kB, högst {} kB).",
            n / 1024,
            max / 1024
        ))
        .with("path", &shown)
        .with("max_kb", max / 1024)
    };
    if meta.len() > max as u64 {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > max {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

struct Table {
    header: Vec<String>,
    rows: Vec<(usize, csv::StringRecord)>,
    decimal_comma: bool,
}

fn read_table(bytes: &[u8]) -> std::result::Result<Table, Vec<RowError>> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(vec![RowError {
            row: 0,
            message: format!(
                "Filen är för stor ({} kB, högst {} kB).",
                bytes.len() / 1024,
                MAX_CSV_BYTES / 1024
            ),
        }]);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let row = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        vec![RowError {
            row,
            message:
                "tecken som inte är UTF-8. Spara filen som \"CSV UTF-8\" i Excel och försök igen."
                    .into(),
        }]
    })?;
    // Text decoded leniently elsewhere (the UI reads files as text) carries U+FFFD where bytes
    // were not UTF-8: report it the same way, on its row.
    if let Some(pos) = text.find('\u{fffd}') {
        let row = text[..pos].matches('\n').count() + 1;
        return Err(vec![RowError {
            row,
            message:
                "tecken som inte är UTF-8. Spara filen som \"CSV UTF-8\" i Excel och försök igen."
                    .into(),
        }]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| {
            vec![RowError {
                row: 1,
                message: format!("rubrikraden går inte att läsa: {e}"),
            }]
        })?
        .iter()
        .map(fold)
        .collect::<Vec<String>>();
    let header_len = header.len();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for rec in reader.records() {
        match rec {
            Ok(r) if r.iter().all(str::is_empty) => {}
            // More cells than headings is never silently cut: it is what a decimal comma in a
            // comma-separated file looks like, and the numbers would land in the wrong columns.
            Ok(r) if r.len() > header_len => errors.push(RowError {
                row: r.position().map_or(0, |p| p.line() as usize),
                message: format!(
                    "raden har {} fält men rubrikraden {}. Är decimaltal skrivna med komma i en \
                     kommaseparerad fil? Spara som semikolonseparerad CSV eller sätt citattecken runt talen.",
                    r.len(),
                    header_len
                ),
            }),
            Ok(r) => rows.push((r.position().map_or(0, |p| p.line() as usize), r)),
            Err(e) => errors.push(RowError {
                row: e.position().map_or(0, |p| p.line() as usize),
                message: e.to_string(),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Table {
        header,
        rows,
        decimal_comma: delimiter == b';',
    })
}

impl Table {
    /// Column index for any of the accepted header names.
    fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|h| names.contains(&h.as_str()))
    }

    fn require(&self, names: &[&str], errors: &mut Vec<RowError>) -> usize {
        self.column(names).unwrap_or_else(|| {
            errors.push(RowError {
                row: 1,
                message: format!("kolumnen \"{}\" saknas i rubrikraden", names[0]),
            });
            usize::MAX
        })
    }
}

fn cell(rec: &csv::StringRecord, i: Option<usize>) -> Option<String> {
    i.and_then(|i| rec.get(i))
        .map(str::to_string)
        .filter(|s| !s.is_empty())
}

fn number(s: &str, decimal_comma: bool) -> Option<f64> {
    let s = s.replace([' ', '\u{a0}'], "");
    let s = if decimal_comma {
        s.replace(',', ".")
    } else {
        s
    };
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Validates every row with `parse`; only a file without a single bad row yields its items.
fn import_rows<T>(
    bytes: &[u8],
    columns: impl FnOnce(&Table, &mut Vec<RowError>) -> Vec<usize>,
    parse: impl Fn(&Table, &[usize], &csv::StringRecord) -> Result<T>,
    validate: impl Fn(&T) -> Result<()>,
) -> std::result::Result<Vec<T>, Vec<RowError>> {
    let table = read_table(bytes)?;
    let mut errors = Vec::new();
    let cols = columns(&table, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut items = Vec::new();
    for (row, rec) in &table.rows {
        match parse(&table, &cols, rec).and_then(|item| validate(&item).map(|_| item)) {
            Ok(item) => items.push(item),
            Err(e) => errors.push(RowError {
                row: *row,
                message: e.message,
            }),
        }
    }
    if items.is_empty() && errors.is_empty() {
        errors.push(RowError {
            row: 2,
            message: "filen har inga rader under rubrikraden".into(),
        });
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

fn refused(errors: Vec<RowError>) -> ImportReport {
    ImportReport {
        imported: 0,
        errors,
    }
}

impl Store {
    /// Columns: typ, namn, antal, enhet, plats, ägare, [status], [anteckning].
    pub fn import_resources(&mut self, actor: &Actor, bytes: &[u8]) -> Result<ImportReport> {
        let actor = actor.validate()?;
        let parsed: Vec<NewResource> = match import_rows(
            bytes,
            |t, e| {
                vec![
                    t.require(&["typ", "kind"], e),
                    t.require(&["namn", "name"], e),
                    t.require(&["antal", "quantity"], e),
                    t.require(&["enhet", "unit"], e),
                    t.require(&["plats", "location"], e),
                    t.require(&["agare", "owner"], e),
                    t.column(&["status"]).unwrap_or(usize::MAX),
                    t.column(&["anteckning", "notes"]).unwrap_or(usize::MAX),
                ]
            },
            |t, c, rec| {
                let get = |i: usize| cell(rec, Some(i)).unwrap_or_default();
                let raw = get(c[2]);
                let quantity = number(&raw, t.decimal_comma)
                    .ok_or_else(|| Error::invalid(format!("antal: \"{raw}\" är inget tal")))?;
                let status = cell(rec, Some(c[6]))
                    .map(|s| ResourceStatus::parse(&s))
                    .transpose()?;
                Ok(NewResource {
                    kind: get(c[0]),
                    name: get(c[1]),
                    quantity,
                    unit: get(c[3]),
                    location: get(c[4]),
                    owner: get(c[5]),
                    status,
                    notes: cell(rec, Some(c[7])),
                })
            },
            |r| r.validate(String::new()).map(|_| ()),
        ) {
            Ok(items) => items,
            Err(errors) => return Ok(refused(errors)),
        };
        self.write(|tx| crate::logistics::resource::add_resources(tx, &actor, &parsed))?;
        Ok(ImportReport {
            imported: parsed.len(),
            errors: vec![],
        })
    }

    /// Columns: namn, roller (separated by | or /), [telefon], [rakel], [epost], [organisation].
    pub fn import_contacts(&mut self, actor: &Actor, bytes: &[u8]) -> Result<ImportReport> {
        let actor = actor.validate()?;
        let people = match import_rows(
            bytes,
            |t, e| {
                vec![
                    t.require(&["namn", "name"], e),
                    t.require(&["roller", "roll", "roles"], e),
                    t.column(&["telefon", "phone"]).unwrap_or(usize::MAX),
                    t.column(&["rakel", "rakel-id", "rakel_id"])
                        .unwrap_or(usize::MAX),
                    t.column(&["epost", "e-post", "email"])
                        .unwrap_or(usize::MAX),
                    t.column(&["organisation", "org"]).unwrap_or(usize::MAX),
                ]
            },
            |_, c, rec| {
                let roles = cell(rec, Some(c[1]))
                    .unwrap_or_default()
                    .split(['|', '/'])
                    .map(|r| r.trim().to_string())
                    .collect();
                Ok(NewStaff {
                    name: cell(rec, Some(c[0])).unwrap_or_default(),
                    roles,
                    phone: cell(rec, Some(c[2])),
                    rakel_id: cell(rec, Some(c[3])),
                    email: cell(rec, Some(c[4])),
                    organisation: cell(rec, Some(c[5])),
                })
            },
            |p| p.validate(String::new()).map(|_| ()),
        ) {
            Ok(items) => items,
            Err(errors) => return Ok(refused(errors)),
        };
        self.write(|tx| crate::staff::add_people(tx, &actor, &people))?;
        Ok(ImportReport {
            imported: people.len(),
            errors: vec![],
        })
    }
}
