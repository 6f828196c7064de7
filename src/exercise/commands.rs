//! Writing an exercise: creating it from a scenario, control's actions, delivering injects when
//! the exercise clock reaches them, contingency injects, assessments and hot wash notes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::clock::ExerciseClock;
use super::queries::{self, DeliveredInject, Loaded};
use super::*;
use crate::domain::validate::{self, TEXT_MAX};
use crate::efter::LessonKind;
use crate::log::Channel;
use crate::scenario::{Contingency, Fire, Inject, Message, Scenario};
use crate::store::{Store, Tx};

/// Journal body of `exercise.created`: the scenario whole, and the file it came from with its
/// SHA-256, so the exercise explains itself without the file and the file can be checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatedBody {
    pub scenario: Scenario,
    pub file: String,
    pub sha256: String,
    pub source: String,
}

/// Journal body of `exercise.control`: what control did, and the clock from then on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlBody {
    pub action: ControlAction,
    /// Exercise time from this entry on (ms).
    pub t_ms: i64,
    pub speed: u32,
    pub state: ExerciseState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_seq: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Journal body of `inject.delivered`. Control's note is not copied: participants read this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InjectBody {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contingency: Option<String>,
    /// When it was scheduled (s after the start).
    pub at: u32,
    /// Exercise time it arrived (ms).
    pub t_ms: i64,
    pub channel: Channel,
    pub from: String,
    pub to: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessedBody {
    pub action: String,
    pub outcome: Outcome,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HotwashBody {
    pub kind: LessonKind,
    pub text: String,
    pub t_ms: i64,
}

/// A control action from the window or the CLI.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ControlInput {
    pub action: Option<ControlAction>,
    /// For `speed`: ×1, ×2, ×5, ×10 in the window (any up to 3600 headless).
    #[ts(optional)]
    pub speed: Option<u32>,
    /// For `jump`: the inject to jump to.
    #[ts(optional)]
    pub to_seq: Option<u32>,
    #[ts(optional)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct HotwashInput {
    pub text: String,
    /// `forbattra` when not given.
    #[ts(optional)]
    pub kind: Option<LessonKind>,
}

/// Writes the scenario into an empty exercise store and sets up its starting state.
pub fn create(
    tx: &mut Tx<'_>,
    actor: &Actor,
    file: &str,
    source: &str,
    scenario: &Scenario,
) -> Result<()> {
    let actor = actor.validate()?;
    if let Some(ex) = queries::loaded(tx)? {
        return Err(Error::conflict(format!(
            "Databasen har redan övningen \"{}\". Skapa en ny övningsdatabas för nästa övning.",
            ex.scenario.title
        ))
        .with("title", &ex.scenario.title));
    }
    let body = CreatedBody {
        scenario: scenario.clone(),
        file: file.to_string(),
        sha256: crate::reports::files::sha256_hex(source.as_bytes()),
        source: source.to_string(),
    };
    tx.append_now(&actor, None, KIND_CREATED, &body)?;
    super::setup::apply(tx, &actor, scenario)
}

fn refused(ex: &Loaded, what: &str) -> Error {
    Error::conflict(format!(
        "Övningen är {} och kan inte {what}.",
        ex.state.label().to_lowercase()
    ))
    .with("state", ex.state.as_str())
}

/// Applies a control action, then delivers whatever the clock has reached by it.
pub fn control(
    tx: &mut Tx<'_>,
    actor: &Actor,
    input: &ControlInput,
) -> Result<Vec<DeliveredInject>> {
    use ControlAction as A;
    use ExerciseState as S;
    let actor = actor.validate()?;
    let action = input.action.ok_or_else(|| {
        Error::invalid(
            "Ange vad övningsledningen gör: start, pause, resume, speed, jump eller end.",
        )
        .with("field", "action")
    })?;
    let ex = queries::require(tx)?;
    let clock = ExerciseClock::read(tx)?;
    let now_t = clock.t_at(tx.now()).unwrap_or(0);
    let (state, speed, t_ms, to_seq) = match (action, ex.state) {
        (A::Start, S::Ready) => (S::Running, ex.speed, 0, None),
        (A::Start, _) => return Err(refused(&ex, "startas igen")),
        (A::Pause, S::Running) => (S::Paused, ex.speed, now_t, None),
        (A::Pause, _) => return Err(refused(&ex, "pausas")),
        (A::Resume, S::Paused) => (S::Running, ex.speed, now_t, None),
        (A::Resume, _) => return Err(refused(&ex, "fortsätta")),
        (A::Speed, S::Ended) => return Err(refused(&ex, "byta hastighet")),
        (A::Speed, state) => {
            let speed = input.speed.unwrap_or(0);
            if !(1..=MAX_SPEED).contains(&speed) {
                return Err(Error::invalid(format!(
                    "Hastigheten ska vara mellan 1 och {MAX_SPEED} (fönstret erbjuder ×1, ×2, ×5 och ×10)."
                ))
                .with("field", "speed"));
            }
            (state, speed, now_t, None)
        }
        (A::Jump, S::Running | S::Paused) => {
            let seq = input.to_seq.unwrap_or(0);
            let inject = ex.scenario.inject(seq).ok_or_else(|| {
                Error::not_found(format!("Scenariot har inget inspel {seq}.")).with("seq", seq)
            })?;
            if queries::delivered(tx)?.iter().any(|d| d.seq == Some(seq)) {
                return Err(Error::conflict(format!(
                    "Inspel {seq} har redan kommit; hoppa till ett senare."
                ))
                .with("seq", seq));
            }
            (
                ex.state,
                ex.speed,
                now_t.max(i64::from(inject.at) * 1000),
                Some(seq),
            )
        }
        (A::Jump, _) => return Err(refused(&ex, "hoppa")),
        (A::End, S::Running | S::Paused) => (S::Ended, ex.speed, now_t, None),
        (A::End, _) => return Err(refused(&ex, "avslutas")),
    };
    let body = ControlBody {
        action,
        t_ms,
        speed,
        state,
        to_seq,
        reason: validate::optional("Anledning", &input.reason, TEXT_MAX)?,
    };
    tx.append_now(&actor, None, KIND_CONTROL, &body)?;
    deliver_due(tx)
}

impl InjectBody {
    fn new(key: String, at: u32, t_ms: i64, m: &Message) -> Self {
        InjectBody {
            key,
            seq: None,
            contingency: None,
            at,
            t_ms,
            channel: m.channel,
            from: m.from.clone(),
            to: m.to.clone(),
            text: m.text.clone(),
        }
    }

    /// A scheduled inject, arriving at exercise time `t_ms`.
    fn scheduled(i: &Inject, t_ms: i64) -> Self {
        InjectBody {
            seq: Some(i.seq),
            ..Self::new(i.seq.to_string(), i.at, t_ms, &i.message)
        }
    }

    /// A contingency inject, sent at exercise time `t_ms` (when it is also "scheduled").
    fn contingency(c: &Contingency, t_ms: i64) -> Self {
        let at = (t_ms / 1000).clamp(0, i64::from(u32::MAX)) as u32;
        InjectBody {
            contingency: Some(c.id.clone()),
            ..Self::new(c.id.clone(), at, t_ms, &c.message)
        }
    }
}

fn deliver(tx: &mut Tx<'_>, actor: &Actor, body: &InjectBody) -> Result<()> {
    tx.append_now(actor, None, KIND_INJECT, body)?;
    Ok(())
}

/// Delivers, in order, every inject the running clock has reached, then every automatic
/// contingency inject whose trigger now holds. Idempotent: what has come does not come again.
pub fn deliver_due(tx: &mut Tx<'_>) -> Result<Vec<DeliveredInject>> {
    let Some(ex) = queries::loaded(tx)? else {
        return Ok(Vec::new());
    };
    if !matches!(ex.state, ExerciseState::Running | ExerciseState::Paused) {
        return Ok(Vec::new());
    }
    let clock = ExerciseClock::read(tx)?;
    let Some(t) = clock.t_at(tx.now()) else {
        return Ok(Vec::new());
    };
    let before = queries::delivered(tx)?;
    let done: std::collections::HashSet<String> = before.iter().map(|d| d.key.clone()).collect();
    let robot = clock_actor();
    for i in &ex.scenario.injects {
        if i64::from(i.at) * 1000 <= t && !done.contains(&i.seq.to_string()) {
            deliver(tx, &robot, &InjectBody::scheduled(i, t))?;
        }
    }
    let slices = tx.slices();
    for c in &ex.scenario.contingencies {
        if c.fire == Fire::Auto
            && !done.contains(&c.id)
            && super::evaluate::trigger_holds(tx, slices, &ex, &clock, &c.trigger, Some(t))?
        {
            deliver(tx, &robot, &InjectBody::contingency(c, t))?;
        }
    }
    let mut all = queries::delivered(tx)?;
    Ok(all.split_off(before.len()))
}

/// Control sends a contingency inject (its trigger holding or not: control judges the play).
pub fn fire(tx: &mut Tx<'_>, actor: &Actor, id: &str) -> Result<DeliveredInject> {
    let actor = actor.validate()?;
    let ex = queries::require(tx)?;
    if !matches!(ex.state, ExerciseState::Running | ExerciseState::Paused) {
        return Err(refused(&ex, "skicka inspel"));
    }
    let c = ex.scenario.contingency(id).ok_or_else(|| {
        Error::not_found(format!(
            "Scenariot har inget reservinspel {}.",
            crate::text::preview(id)
        ))
        .with("id", crate::text::preview(id))
    })?;
    if queries::delivered(tx)?.iter().any(|d| d.key == c.id) {
        return Err(
            Error::conflict(format!("Reservinspel {} har redan skickats.", c.id)).with("id", &c.id),
        );
    }
    let t = ExerciseClock::read(tx)?.t_at(tx.now()).unwrap_or(0);
    deliver(tx, &actor, &InjectBody::contingency(c, t))?;
    queries::delivered(tx)?
        .pop()
        .ok_or_else(|| Error::storage("Inspelet skrevs men kan inte läsas."))
}

/// Control's judgement of an expected action, with the reason.
pub fn assess(
    tx: &mut Tx<'_>,
    actor: &Actor,
    action: &str,
    outcome: Outcome,
    note: &str,
) -> Result<()> {
    let actor = actor.validate()?;
    let ex = queries::require(tx)?;
    if ex.scenario.expected(action).is_none() {
        return Err(Error::not_found(format!(
            "Scenariot har ingen förväntad åtgärd {}.",
            crate::text::preview(action)
        ))
        .with("action", crate::text::preview(action)));
    }
    if outcome == Outcome::Pending {
        return Err(
            Error::invalid("Bedömningen ska vara met, late, missed eller not_applicable.")
                .with("field", "outcome"),
        );
    }
    let body = AssessedBody {
        action: action.to_string(),
        outcome,
        note: validate::required("Motivering", note, TEXT_MAX)?,
    };
    tx.append_now(&actor, None, KIND_ASSESSED, &body)?;
    Ok(())
}

/// A hot wash note: what the participants say went well or must improve, right after play.
pub fn hotwash(tx: &mut Tx<'_>, actor: &Actor, input: &HotwashInput) -> Result<()> {
    let actor = actor.validate()?;
    let ex = queries::require(tx)?;
    if ex.state == ExerciseState::Ready {
        return Err(refused(&ex, "få hot wash-anteckningar förrän den startat"));
    }
    let t = ExerciseClock::read(tx)?.t_at(tx.now()).unwrap_or(0);
    let body = HotwashBody {
        kind: input.kind.unwrap_or_default(),
        text: validate::required("Anteckning", &input.text, TEXT_MAX)?,
        t_ms: t,
    };
    tx.append_now(&actor, None, KIND_HOTWASH, &body)?;
    Ok(())
}

impl Store {
    pub fn exercise_control(
        &mut self,
        actor: &Actor,
        input: &ControlInput,
    ) -> Result<Vec<DeliveredInject>> {
        self.write(|tx| control(tx, actor, input))
    }

    /// Delivers what is due; writes nothing (and takes no lock for long) when nothing is.
    pub fn exercise_tick(&mut self) -> Result<Vec<DeliveredInject>> {
        let Some(ex) = queries::loaded(self.connection())? else {
            return Ok(Vec::new());
        };
        // A "met" trigger can hold after any write; otherwise only the clock makes things due.
        let after_writes =
            ex.scenario.contingencies.iter().any(|c| {
                c.fire == Fire::Auto && matches!(c.trigger, crate::scenario::Trigger::Met(_))
            });
        let due =
            queries::next_due(self.connection(), self.now())?.is_some_and(|w| w <= self.now());
        if !(due || after_writes && ex.state == ExerciseState::Running) {
            return Ok(Vec::new());
        }
        self.write(deliver_due)
    }

    pub fn exercise_fire(&mut self, actor: &Actor, id: &str) -> Result<DeliveredInject> {
        self.write(|tx| fire(tx, actor, id))
    }

    pub fn exercise_assess(
        &mut self,
        actor: &Actor,
        action: &str,
        outcome: Outcome,
        note: &str,
    ) -> Result<()> {
        self.write(|tx| assess(tx, actor, action, outcome, note))
    }

    pub fn exercise_hotwash(&mut self, actor: &Actor, input: &HotwashInput) -> Result<()> {
        self.write(|tx| hotwash(tx, actor, input))
    }
}

impl DeliveredInject {
    /// The notification line: `T+00:20 Telefon från IT-driften: journalsystemet är nere`.
    pub fn line(&self) -> String {
        format!(
            "{} {} från {}: {}",
            self.scheduled,
            self.channel_label(),
            self.from,
            self.text
        )
    }

    fn channel_label(&self) -> &'static str {
        match self.channel {
            Channel::Telefon => "Telefon",
            Channel::Rakel => "Rakel",
            Channel::Epost => "E-post",
            Channel::Mote => "Möte",
            Channel::Sms => "SMS",
            Channel::Personligen => "Personligen",
            Channel::Ovrigt => "Meddelande",
        }
    }
}
