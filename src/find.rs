//! Ctrl+K: one query over everything a person may be looking for — events, decisions and diary
//! lines (through the full-text index), plans and their items, resources and people, risks and
//! critical services — prefix- and
//! diacritic-aware, best kinds first. Each hit says where the window should jump.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::log::RecordType;
use crate::store::Store;
use crate::text::{matches_prefixes, search_words};

/// Hits of each kind; the palette shows a screenful, a person types one more letter for the rest.
pub const PER_KIND: usize = 8;

crate::str_enum!(HitKind, "Okänd träfftyp", {
    Event = "event",
    Decision = "decision",
    Diary = "diary",
    Plan = "plan",
    PlanItem = "plan_item",
    Resource = "resource",
    Person = "person",
    Risk = "risk",
    Service = "service",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Hit {
    pub kind: HitKind,
    /// The record, event, plan, resource or person to open.
    pub id: String,
    /// The event it belongs to, when it belongs to one.
    pub event_id: Option<String>,
    pub title: String,
    /// The title in English, where there is one (plans and their items).
    pub title_en: Option<String>,
    /// The plan item, for a plan_item hit.
    pub item_id: Option<String>,
    /// A resource's status key, for the window to name in its language.
    pub status: Option<String>,
    pub detail: String,
    pub at: Option<String>,
}

impl Store {
    pub fn find(&self, query: &str) -> Result<Vec<Hit>> {
        crate::log::queries::check_query(query)?;
        let words = search_words(query);
        if words.is_empty() {
            return Err(Error::invalid("Skriv minst ett ord att söka efter."));
        }
        let mut hits = Vec::new();
        let events = self.list_events()?;
        hits.extend(
            events
                .iter()
                .filter(|e| matches_prefixes(&words, &format!("{} {}", e.title, e.event_type)))
                .take(PER_KIND)
                .map(|e| Hit {
                    title_en: None,
                    item_id: None,
                    status: None,
                    kind: HitKind::Event,
                    id: e.id.clone(),
                    event_id: Some(e.id.clone()),
                    title: e.title.clone(),
                    detail: e.event_type.clone(),
                    at: Some(e.opened_at.clone()),
                }),
        );
        let records = self.search(query, None)?;
        for (kind, ty) in [
            (HitKind::Decision, RecordType::Decision),
            (HitKind::Diary, RecordType::Diary),
        ] {
            hits.extend(
                records
                    .iter()
                    .filter(|r| r.record_type == ty)
                    .take(PER_KIND)
                    .map(|r| Hit {
                        title_en: None,
                        item_id: None,
                        status: None,
                        kind,
                        id: r.id.clone(),
                        event_id: Some(r.event_id.clone()),
                        title: r.title.clone().unwrap_or_else(|| r.text.clone()),
                        detail: events
                            .iter()
                            .find(|e| e.id == r.event_id)
                            .map(|e| e.title.clone())
                            .unwrap_or_default(),
                        at: Some(r.occurred_at.clone()),
                    }),
            );
        }
        let library = self.plan_library()?;
        let plan_text =
            |p: &crate::plans::Plan| format!("{} {} {}", p.title.sv, p.title.en, p.purpose);
        hits.extend(
            library
                .iter()
                .filter(|l| matches_prefixes(&words, &plan_text(&l.plan)))
                .take(PER_KIND)
                .map(|l| Hit {
                    title_en: Some(l.plan.title.en.clone()),
                    item_id: None,
                    status: None,
                    kind: HitKind::Plan,
                    id: l.plan.id.clone(),
                    event_id: None,
                    title: l.plan.title.sv.clone(),
                    detail: format!("v{}", l.plan.version),
                    at: None,
                }),
        );
        hits.extend(
            library
                .iter()
                .flat_map(|l| l.plan.items().map(move |(c, i)| (l, c, i)))
                .filter(|(_, c, i)| matches_prefixes(&words, &format!("{} {}", i.text, c.title)))
                .take(PER_KIND)
                .map(|(l, c, i)| Hit {
                    title_en: i.text_en.clone(),
                    item_id: Some(i.id.clone()),
                    status: None,
                    kind: HitKind::PlanItem,
                    id: l.plan.id.clone(),
                    event_id: None,
                    title: i.text.clone(),
                    detail: format!("{} · {}", l.plan.title.sv, c.title),
                    at: None,
                }),
        );
        hits.extend(
            self.list_resources()?
                .into_iter()
                .filter(|r| {
                    matches_prefixes(
                        &words,
                        &format!("{} {} {} {}", r.name, r.kind, r.location, r.owner),
                    )
                })
                .take(PER_KIND)
                .map(|r| Hit {
                    title_en: None,
                    item_id: None,
                    status: Some(r.status.as_str().to_string()),
                    kind: HitKind::Resource,
                    detail: r.location.clone(),
                    id: r.id,
                    event_id: r.event_id,
                    title: r.name,
                    at: Some(r.updated_at),
                }),
        );
        hits.extend(
            self.list_staff()?
                .into_iter()
                .filter(|s| {
                    matches_prefixes(
                        &words,
                        &format!(
                            "{} {} {}",
                            s.name,
                            s.roles.join(" "),
                            s.organisation.clone().unwrap_or_default()
                        ),
                    )
                })
                .take(PER_KIND)
                .map(|s| Hit {
                    title_en: None,
                    item_id: None,
                    status: None,
                    kind: HitKind::Person,
                    detail: s.roles.join(", "),
                    id: s.id,
                    event_id: None,
                    title: s.name,
                    at: None,
                }),
        );
        let risks = crate::risk::queries::risks(
            self.connection(),
            &crate::risk::queries::RiskFilter {
                area: None,
                include_closed: Some(true),
            },
            self.now(),
        )?;
        hits.extend(
            risks
                .into_iter()
                .filter(|r| {
                    let text = format!(
                        "{} {} {} {}",
                        r.title,
                        r.area.label(),
                        r.owner,
                        r.description
                    );
                    matches_prefixes(&words, &text)
                })
                .take(PER_KIND)
                .map(|r| Hit {
                    title_en: None,
                    item_id: None,
                    status: Some(r.current.level.as_str().to_string()),
                    kind: HitKind::Risk,
                    detail: format!("{} · {}", r.area.label(), r.owner),
                    id: r.id,
                    event_id: None,
                    title: r.title,
                    at: Some(r.current.assessed_at),
                }),
        );
        hits.extend(
            self.services()?
                .into_iter()
                .filter(|s| {
                    matches_prefixes(&words, &format!("{} {} {}", s.name, s.owner, s.reserve))
                })
                .take(PER_KIND)
                .map(|s| Hit {
                    title_en: None,
                    item_id: None,
                    status: None,
                    kind: HitKind::Service,
                    detail: format!("MTO {} h · {}", s.mto_hours, s.owner),
                    id: s.id,
                    event_id: None,
                    title: s.name,
                    at: Some(s.recorded_at),
                }),
        );
        Ok(hits)
    }
}
