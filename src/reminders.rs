//! Reminders are computed from the store, never kept in memory, so they survive a restart:
//! decision follow-ups, task deadlines, plan items, situation reports due by the mode's cadence,
//! and lessons whose owner's date comes (the after phase's follow-up, also of closed events).

use chrono::Duration;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::store::Store;
use crate::time::{self, Ts};

/// The furthest ahead a reminder list looks.
pub const MAX_HORIZON_DAYS: i64 = 366;

crate::str_enum!(ReminderKind, "Okänd påminnelsetyp", { FollowUp = "follow_up", TaskDue = "task_due", ReportDue = "report_due", ItemDue = "item_due", LessonDue = "lesson_due", MtoDue = "mto_due" });

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reminder {
    /// Stable across restarts: the same reminder keeps its key, so it is notified once.
    pub key: String,
    pub kind: ReminderKind,
    pub event_id: String,
    pub event_title: String,
    /// The Swedish line a notification shows.
    pub title: String,
    /// What it is about without the Swedish lead-in (the decision's title, the task, the item),
    /// so a window in English can word the line itself.
    pub subject: String,
    pub due_at: String,
    pub overdue: bool,
}

impl Store {
    /// Everything that is due, or becomes due within `horizon`, soonest first.
    pub fn reminders(&self, horizon: Duration) -> Result<Vec<Reminder>> {
        let now = self.now();
        // Past a year ahead nothing is a reminder; a huge horizon must not overflow the date.
        let limit = time::format(
            &(now + horizon.clamp(Duration::zero(), Duration::days(MAX_HORIZON_DAYS))),
        );
        let mut out = Vec::new();
        let mut stmt = self.connection().prepare(
            "SELECT r.id, r.event_id, e.title, r.title, r.follow_up_at FROM records r JOIN events e ON e.id = r.event_id
             WHERE e.status = 'open' AND r.record_type = 'decision' AND r.status = 'gallande'
               AND r.follow_up_at IS NOT NULL AND r.follow_up_at <= ?1",
        )?;
        let rows = stmt.query_map([&limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (id, event_id, event_title, title, due) = row?;
            out.push(reminder(
                ReminderKind::FollowUp,
                &id,
                (event_id, event_title),
                (
                    format!("Följ upp beslut: {}", title.clone().unwrap_or_default()),
                    title.unwrap_or_default(),
                ),
                due,
                now,
            )?);
        }
        let mut stmt = self.connection().prepare(
            "SELECT t.id, t.event_id, e.title, t.title, t.due FROM tasks t JOIN events e ON e.id = t.event_id
             WHERE e.status = 'open' AND t.status IN ('ny', 'pagar') AND t.due IS NOT NULL AND t.due <= ?1",
        )?;
        let rows = stmt.query_map([&limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (id, event_id, event_title, title, due) = row?;
            out.push(reminder(
                ReminderKind::TaskDue,
                &id,
                (event_id, event_title),
                (format!("Uppdrag klart senast: {title}"), title),
                due,
                now,
            )?);
        }
        // Open events once, for the plan items' titles and the reports' cadence below.
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, title, opened_at FROM events WHERE status = 'open'")?;
        let open_events = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?;
        let title_of = |event_id: &str| {
            open_events
                .iter()
                .find(|(id, _, _)| id == event_id)
                .map(|(_, title, _)| title.clone())
                .unwrap_or_default()
        };
        // Plan items with a deadline, open in a running plan of an open event.
        for a in crate::plans::activation::open_activations(self.connection(), now)? {
            for item in a.cards.iter().flat_map(|c| &c.items) {
                let Some(due) = item.due_at.as_deref().filter(|d| *d <= limit.as_str()) else {
                    continue;
                };
                if item.state != crate::plans::ItemState::Open {
                    continue;
                }
                out.push(reminder(
                    ReminderKind::ItemDue,
                    &format!("{}:{}", a.id, item.id),
                    (a.event_id.clone(), title_of(&a.event_id)),
                    (
                        format!("Åtgärdspunkt ({}): {}", a.title.sv, item.text),
                        item.text.clone(),
                    ),
                    due.to_string(),
                    now,
                )?);
            }
        }
        let cadence = Duration::hours(i64::from(
            crate::readiness::modes::definition(self.current_mode()?)?.report_every_hours,
        ));
        let reports_due = crate::reports::queries::ReportDue::read(self.connection())?;
        for (id, title, opened_at) in &open_events {
            let opened = time::parse("opened_at", opened_at)?;
            let due = reports_due.of(id, opened, cadence)?;
            if due > now + horizon {
                continue;
            }
            // Keyed by the time it fell due: issuing a report moves it, and so ends this one.
            let key = format!("{id}:{}", time::format(&due));
            out.push(reminder(
                ReminderKind::ReportDue,
                &key,
                (id.clone(), title.clone()),
                ("Lägesrapport ska lämnas".into(), String::new()),
                time::format(&due),
                now,
            )?);
        }
        // Lessons not yet done, of any event, open or closed: learning outlives the event.
        for lesson in crate::efter::lesson::lessons(self.connection(), None, now)? {
            if lesson.due.as_str() > limit.as_str() {
                break; // soonest due first
            }
            out.push(reminder(
                ReminderKind::LessonDue,
                &lesson.id,
                (lesson.event_id.clone(), lesson.event_title.clone()),
                (
                    format!("Erfarenhet att åtgärda ({}): {}", lesson.owner, lesson.text),
                    lesson.text.clone(),
                ),
                lesson.due.clone(),
                now,
            )?);
        }
        // A critical service whose dependency is down: its maximum tolerable outage runs out.
        for a in crate::continuity::queries::affected(self.connection(), None, now)? {
            if a.mto_at.as_str() > limit.as_str() {
                continue;
            }
            out.push(reminder(
                ReminderKind::MtoDue,
                &format!("{}:{}", a.service_id, a.event_id),
                (a.event_id.clone(), a.event_title.clone()),
                (
                    format!("Maximal avbrottstid nås: {} ({} h)", a.name, a.mto_hours),
                    a.name.clone(),
                ),
                a.mto_at.clone(),
                now,
            )?);
        }
        out.sort_by(|a, b| a.due_at.cmp(&b.due_at));
        Ok(out)
    }
}

fn reminder(
    kind: ReminderKind,
    id: &str,
    (event_id, event_title): (String, String),
    (title, subject): (String, String),
    due: String,
    now: Ts,
) -> Result<Reminder> {
    let at = time::parse("due", &due)?;
    Ok(Reminder {
        key: format!("{}:{id}", kind.as_str()),
        kind,
        event_id,
        event_title,
        title,
        subject,
        due_at: due,
        overdue: at <= now,
    })
}

/// Which reminders became due since the last check: what a timer should notify now.
/// Keys already notified are skipped, so a restart or a slow tick never notifies twice in a run.
/// More newly due reminders than this become one summary notification: a start after a night
/// away must not pile a hundred notifications onto the screen.
pub const NOTIFY_EACH_UP_TO: usize = 3;

/// Desktop notifications (summary, body) for what has newly fallen due: one each for a few, one
/// summary naming the first few for many. The full list is in the app. In the window's language:
/// the shell knows it, the core words it (`english`).
pub fn notifications(newly: &[&Reminder], english: bool) -> Vec<(String, String)> {
    let line = |r: &Reminder| {
        if !english {
            return r.title.clone();
        }
        match r.kind {
            ReminderKind::FollowUp => format!("Follow up decision: {}", r.subject),
            ReminderKind::TaskDue => format!("Task due: {}", r.subject),
            ReminderKind::ReportDue => "Situation report due".to_string(),
            ReminderKind::ItemDue => format!("Plan item due: {}", r.subject),
            ReminderKind::LessonDue => format!("Lesson to act on: {}", r.subject),
            ReminderKind::MtoDue => format!("Maximum tolerable outage reached: {}", r.subject),
        }
    };
    if newly.len() <= NOTIFY_EACH_UP_TO {
        return newly
            .iter()
            .map(|r| (format!("Krisledning: {}", r.event_title), line(r)))
            .collect();
    }
    let mut body: Vec<String> = newly
        .iter()
        .take(NOTIFY_EACH_UP_TO)
        .map(|r| format!("{}: {}", r.event_title, line(r)))
        .collect();
    let more = newly.len() - NOTIFY_EACH_UP_TO;
    body.push(if english {
        format!("… and {more} more. The full list is in the app.")
    } else {
        format!("… och {more} till. Hela listan finns i appen.")
    });
    let summary = if english {
        format!("Krisledning: {} reminders are due", newly.len())
    } else {
        format!("Krisledning: {} påminnelser har förfallit", newly.len())
    };
    vec![(summary, body.join("\n"))]
}

pub fn newly_due<'a>(
    reminders: &'a [Reminder],
    notified: &std::collections::HashSet<String>,
) -> Vec<&'a Reminder> {
    reminders
        .iter()
        .filter(|r| r.overdue && !notified.contains(&r.key))
        .collect()
}
