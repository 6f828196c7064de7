//! `kris situation …`, `kris timeline` and `kris flag`: the lägesbild, the one timeline and the
//! betydande flag, through the same requests as the window.

use clap::Subcommand;
use krisledning::api::Request;
use krisledning::picture::SituationPicture;
use krisledning::situation::{Section, SectionUpdate, SectionView};
use krisledning::timeline::{FlagChange, TimelineFilter, TimelineItem, TimelinePage};
use krisledning::{Result, Store};

use crate::{call, print_json, By};

#[derive(Subcommand)]
pub enum SituationCmd {
    /// Visa lägesbilden för en händelse, eller för hela organisationen utan --event
    Show {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Skriv ett avsnitt av lägesbilden (en ny version; de gamla finns kvar)
    Set {
        /// Händelsen; utan den gäller texten hela organisationen
        #[arg(long)]
        event: Option<String>,
        /// handelse | konsekvenser | atgarder | resurser | aktorer | bedomning
        #[arg(long)]
        section: String,
        #[arg(long)]
        text: String,
        /// När avsnittet ska uppdateras nästa gång (RFC 3339)
        #[arg(long)]
        next_update: Option<String>,
        /// Versionen du utgick från: vägras om någon annan har sparat sedan dess
        #[arg(long)]
        based_on: Option<u32>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
}

pub fn situation(store: &mut Store, cmd: SituationCmd) -> Result<()> {
    match cmd {
        SituationCmd::Show { event, json } => {
            let p: SituationPicture = call(store, Request::Situation { event_id: event })?;
            if json {
                return print_json(&p);
            }
            print_picture(&p);
        }
        SituationCmd::Set {
            event,
            section,
            text,
            next_update,
            based_on,
            by,
            json,
        } => {
            let input = SectionUpdate {
                event_id: event,
                section: Section::parse(&section)?,
                text,
                next_update_at: next_update,
                based_on,
            };
            let v: SectionView = call(
                store,
                Request::SetSection {
                    actor: by.actor(),
                    input,
                },
            )?;
            if json {
                return print_json(&v);
            }
            say!(
                "{} version {} sparad.",
                krisledning::situation::commands::section_name(v.section),
                v.version
            );
        }
    }
    Ok(())
}

fn print_picture(p: &SituationPicture) {
    let title = p
        .event
        .as_ref()
        .map_or("Hela organisationen".to_string(), |e| e.title.clone());
    say!("LÄGESBILD  {}  {}  {}", p.organisation, title, p.at);
    say!("Läge: {} ({})", p.mode.name.sv, p.mode.classification);
    if let Some(next) = &p.next_report_due {
        say!("Nästa lägesrapport: {next}");
    }
    for s in &p.sections {
        let name = krisledning::situation::commands::section_name(s.section);
        match (&s.author, &s.updated_at) {
            (Some(a), Some(at)) => say!("\n{name} (v{}, {a}, {at})", s.version),
            _ => say!("\n{name} (inte skrivet)"),
        }
        if !s.text.is_empty() {
            say!("  {}", s.text.replace('\n', "\n  "));
        }
        if let Some(n) = &s.next_update_at {
            let late = if s.update_overdue {
                " – FÖRSENAD"
            } else {
                ""
            };
            say!("  Nästa uppdatering: {n}{late}");
        }
    }
    say!("\nUr journalen");
    for e in &p.events {
        say!(
            "  Händelse {}: {} försenade punkter, {} försenade uppdrag, {} uppföljningar",
            e.event.title,
            e.overdue_items,
            e.overdue_tasks,
            e.overdue_follow_ups
        );
    }
    for d in &p.follow_ups {
        let late = if d.follow_up_overdue {
            " – FÖRSENAD"
        } else {
            ""
        };
        say!(
            "  Uppföljning {}: {}{late}",
            d.follow_up_at.as_deref().unwrap_or_default(),
            d.title
        );
    }
    for pl in &p.plans {
        say!(
            "  Plan {}: {} klara, {} överhoppade av {}; {} försenade",
            pl.title.sv,
            pl.done,
            pl.skipped,
            pl.total,
            pl.overdue_items.len()
        );
    }
    for t in &p.overdue_tasks {
        say!("  Försenat uppdrag: {} ({})", t.title, t.owner);
    }
    for r in &p.pending_requests {
        say!("  Begäran: {} {} {}", r.what, r.quantity, r.unit);
    }
    for r in &p.resources_attention {
        say!("  Resurs {}: {}", r.name, r.status.as_str());
    }
    for f in &p.flagged {
        say!("  Betydande: {}", f.summary);
    }
    for r in &p.on_duty {
        say!("  I tjänst: {} ({})", r.staff.name, r.role);
    }
}

/// What `kris timeline` is asked for.
#[derive(clap::Args)]
pub struct TimelineArgs {
    #[arg(long)]
    pub event: Option<String>,
    /// Posttyp eller grupp (decision, diary, plan, mode, task, resource, request, staff …); kan upprepas
    #[arg(long)]
    pub kind: Vec<String>,
    /// Roll, eller början av den
    #[arg(long)]
    pub role: Option<String>,
    /// Vem som skrev posten, eller början av namnet
    #[arg(long)]
    pub person: Option<String>,
    /// Endast poster markerade som betydande
    #[arg(long)]
    pub flagged: bool,
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=500))]
    pub limit: u32,
    /// Fortsätt före postnummer N (nästa sida; kommandot skrivs ut sist på sidan)
    #[arg(long)]
    pub after: Option<i64>,
}

pub fn timeline(store: &mut Store, a: TimelineArgs, json: bool) -> Result<()> {
    let page: TimelinePage = call(
        store,
        Request::Timeline {
            filter: TimelineFilter {
                event_id: a.event,
                kinds: Some(a.kind),
                role: a.role,
                author: a.person,
                flagged_only: Some(a.flagged),
                limit: Some(a.limit),
                after: a.after,
                ..Default::default()
            },
        },
    )?;
    if json {
        return print_json(&page);
    }
    for i in &page.items {
        print_item(i);
    }
    if let Some(next) = page.next_after {
        say!("… fler poster: kris timeline --after {next}");
    }
    Ok(())
}

fn print_item(i: &TimelineItem) {
    let recorded = if i.recorded_at != i.occurred_at {
        format!(
            " (registrerad {}{})",
            i.recorded_at,
            if i.late { ", SEN" } else { "" }
        )
    } else {
        String::new()
    };
    let star = if i.flagged { "★ " } else { "" };
    say!(
        "{}  {}{}  {}  {} ({})  {}{}",
        i.id,
        i.occurred_at,
        recorded,
        i.kind,
        i.author,
        i.role,
        star,
        i.summary
    );
}

pub fn flag(
    store: &mut Store,
    entry: String,
    off: bool,
    note: Option<String>,
    by: By,
    json: bool,
) -> Result<()> {
    let item: TimelineItem = call(
        store,
        Request::SetFlag {
            actor: by.actor(),
            input: FlagChange {
                entry_id: entry,
                flagged: !off,
                note,
            },
        },
    )?;
    if json {
        return print_json(&item);
    }
    say!(
        "{} {}",
        if item.flagged {
            "Markerad som betydande:"
        } else {
            "Inte längre betydande:"
        },
        item.summary
    );
    Ok(())
}
