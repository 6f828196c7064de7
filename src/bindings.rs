//! TypeScript bindings for the UI, generated from the Rust types (ts-rs). `tests/bindings.rs`
//! fails when the checked-in files in `ui/src/lib/bindings/` differ from what this produces;
//! `make bindings` rewrites them.

use std::path::Path;

use ts_rs::{Config, TS};

use crate::error::{Error, Result};

/// Every type the UI sends or receives; ts-rs follows their dependencies.
pub fn export_all(dir: &Path) -> Result<()> {
    // Sequence numbers are i64 in Rust but arrive as plain JSON numbers.
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    let e = |err: ts_rs::ExportError| {
        Error::storage(format!("Kunde inte skriva TypeScript-typer: {err}"))
    };
    crate::api::Request::export_all(&cfg).map_err(e)?;
    crate::error::Error::export_all(&cfg).map_err(e)?;
    crate::store::StoreStatus::export_all(&cfg).map_err(e)?;
    crate::log::Event::export_all(&cfg).map_err(e)?;
    crate::log::Record::export_all(&cfg).map_err(e)?;
    crate::journal::VerifyReport::export_all(&cfg).map_err(e)?;
    crate::session::FullVerifyReport::export_all(&cfg).map_err(e)?;
    crate::session::WorkspaceInfo::export_all(&cfg).map_err(e)?;
    crate::journal::Entry::export_all(&cfg).map_err(e)?;
    crate::readiness::ModeStatus::export_all(&cfg).map_err(e)?;
    crate::readiness::ModeChangeRecord::export_all(&cfg).map_err(e)?;
    crate::plans::LibraryPlan::export_all(&cfg).map_err(e)?;
    crate::plans::ActivationView::export_all(&cfg).map_err(e)?;
    crate::logistics::resource::Resource::export_all(&cfg).map_err(e)?;
    crate::logistics::resource::ResourcePoint::export_all(&cfg).map_err(e)?;
    crate::logistics::request::Request::export_all(&cfg).map_err(e)?;
    crate::logistics::task::Task::export_all(&cfg).map_err(e)?;
    crate::staff::StaffMember::export_all(&cfg).map_err(e)?;
    crate::staff::RosterEntry::export_all(&cfg).map_err(e)?;
    crate::import::ImportReport::export_all(&cfg).map_err(e)?;
    crate::reminders::Reminder::export_all(&cfg).map_err(e)?;
    crate::picture::SituationPicture::export_all(&cfg).map_err(e)?;
    crate::situation::SectionView::export_all(&cfg).map_err(e)?;
    crate::situation::SectionVersion::export_all(&cfg).map_err(e)?;
    crate::timeline::TimelinePage::export_all(&cfg).map_err(e)?;
    crate::find::Hit::export_all(&cfg).map_err(e)?;
    crate::efter::Deviation::export_all(&cfg).map_err(e)?;
    crate::efter::Lesson::export_all(&cfg).map_err(e)?;
    crate::efter::RevisionProposal::export_all(&cfg).map_err(e)?;
    crate::efter::PlanLibraryEntry::export_all(&cfg).map_err(e)?;
    crate::report::situation::SituationReport::export_all(&cfg).map_err(e)?;
    crate::reports::IssuedReport::export_all(&cfg).map_err(e)?;
    crate::report::log_print::PrintedFile::export_all(&cfg).map_err(e)?;
    crate::api::ScenarioSummary::export_all(&cfg).map_err(e)?;
    crate::exercise::ExerciseView::export_all(&cfg).map_err(e)?;
    crate::exercise::ControlView::export_all(&cfg).map_err(e)?;
    crate::exercise::Evaluation::export_all(&cfg).map_err(e)?;
    crate::exercise::queries::DeliveredInject::export_all(&cfg).map_err(e)?;
    crate::workspace::package::Manifest::export_all(&cfg).map_err(e)?;
    crate::backup::BackupInfo::export_all(&cfg).map_err(e)?;
    crate::api::SignedCheckpoint::export_all(&cfg).map_err(e)?;
    crate::session::LockState::export_all(&cfg).map_err(e)?;
    crate::api::EventMarkings::export_all(&cfg).map_err(e)?;
    crate::risk::RiskRegister::export_all(&cfg).map_err(e)?;
    crate::risk::RiskDetail::export_all(&cfg).map_err(e)?;
    crate::continuity::Service::export_all(&cfg).map_err(e)?;
    crate::continuity::DependencyHit::export_all(&cfg).map_err(e)?;
    crate::continuity::AffectedService::export_all(&cfg).map_err(e)?;
    crate::followup::YearFollowUp::export_all(&cfg).map_err(e)?;
    crate::followup::Goal::export_all(&cfg).map_err(e)?;
    crate::followup::ExerciseHeld::export_all(&cfg).map_err(e)?;
    crate::war::Staffing::export_all(&cfg).map_err(e)?;
    crate::war::AlarmOutcome::export_all(&cfg).map_err(e)?;
    crate::readiness::Checklist::export_all(&cfg).map_err(e)?;
    crate::marking::commands::EntryMarkingOut::export_all(&cfg).map_err(e)?;
    crate::marking::CopyIssue::export_all(&cfg).map_err(e)?;
    crate::sync::SyncStatus::export_all(&cfg).map_err(e)?;
    crate::sync::BundleExport::export_all(&cfg).map_err(e)?;
    crate::sync::BundleReport::export_all(&cfg).map_err(e)?;
    crate::sync::ExchangeReport::export_all(&cfg).map_err(e)?;
    std::fs::write(dir.join("ApiResponses.ts"), responses_ts())?;
    Ok(())
}

fn responses_ts() -> String {
    let mut imports: Vec<&str> = crate::api::RESPONSES
        .iter()
        .map(|(_, t)| {
            t.trim_start_matches("Array<")
                .trim_end_matches('>')
                .trim_end_matches(" | null")
        })
        // `string` and the like are TypeScript's own: nothing to import.
        .filter(|t| t.starts_with(char::is_uppercase))
        .collect();
    imports.sort_unstable();
    imports.dedup();
    let mut out = String::from(
        "// Generated from krisledning::api::RESPONSES. Do not edit this file manually.\n",
    );
    for t in &imports {
        out.push_str(&format!("import type {{ {t} }} from \"./{t}\";\n"));
    }
    out.push_str("\nexport type ApiResponses = {\n");
    for (cmd, ty) in crate::api::RESPONSES {
        out.push_str(&format!("  {cmd}: {ty};\n"));
    }
    out.push_str("};\n");
    out
}
