//! The lägesrapport as Markdown, for e-mail or a wiki: the same content as the PDF.

use super::{opt_time, qty, SituationReport};
use crate::report::word;
use crate::time::local_minute;

impl SituationReport {
    pub fn markdown(&self) -> String {
        use std::fmt::Write;
        let mut md = String::new();
        let _ = writeln!(md, "**{}**\n\n# {}\n", self.marking, self.title());
        for (k, v) in self.facts() {
            let _ = writeln!(md, "- **{k}:** {v}");
        }
        md.push_str("\n## Lägesbild\n");
        for s in &self.sections {
            let _ = writeln!(md, "\n### {}\n", s.title);
            if s.text.trim().is_empty() {
                md.push_str("_Inte ifyllt._\n");
            } else {
                let _ = writeln!(md, "{}\n", s.text.trim());
                let _ = writeln!(
                    md,
                    "_Version {}, {} {}_",
                    s.version,
                    opt_time(&s.updated_at),
                    s.author.clone().unwrap_or_default()
                );
            }
        }
        let _ = writeln!(
            md,
            "\n## Beslut sedan förra rapporten ({} st; {} gällande totalt)\n",
            self.decisions_since.len(),
            self.decisions_in_force
        );
        for d in &self.decisions_since {
            let _ = writeln!(
                md,
                "- {} **{}** – {} ({}, {})",
                local_minute(&d.occurred_at),
                d.title,
                d.text.trim(),
                d.decided_by,
                word(&d.status)
            );
        }
        md.push_str("\n## Planer\n\n");
        for p in &self.plans {
            let _ = writeln!(
                md,
                "- {}: {} av {} klara, {} överhoppade",
                p.title, p.done, p.total, p.skipped
            );
            for i in &p.overdue_items {
                let _ = writeln!(md, "  - Försenad: {i}");
            }
        }
        let _ = writeln!(
            md,
            "\n## Uppgifter\n\n{} öppna, {} försenade",
            self.tasks_open,
            self.tasks_overdue.len()
        );
        for t in &self.tasks_overdue {
            let _ = writeln!(
                md,
                "- {} ({}, senast {})",
                t.title,
                t.owner,
                opt_time(&t.due)
            );
        }
        md.push_str("\n## Resurser\n\n");
        for r in &self.requests_pending {
            let _ = writeln!(
                md,
                "- Begärd: {} {} {} till {} ({})",
                qty(r.quantity),
                r.unit,
                r.what,
                opt_time(&r.needed_by),
                r.requester
            );
        }
        for r in &self.resources_attention {
            let _ = writeln!(
                md,
                "- {}: {} ({}, {})",
                r.status, r.name, r.kind, r.location
            );
        }
        let _ = writeln!(
            md,
            "\n---\nJournalen vid utskrift: {} poster, huvud `{}`\n\nSignerad kontrollpunkt \
             (`kris verify --checkpoint`):\n\n```\n{}\n```\n\n**{}**",
            self.journal_entries,
            self.journal_head,
            self.checkpoint.trim_end(),
            self.marking
        );
        md
    }
}
