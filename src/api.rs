//! The whole IPC surface in one typed enum. The Tauri shell forwards raw JSON here; parsing,
//! validation and the store call all happen in the core, so malformed input from any client gets
//! the same Swedish `{code, message}` error and is testable without a window.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::domain::Actor;
use crate::efter::revision::ProposalFilter;
use crate::efter::{NewDeviation, NewLesson, NewRevisionProposal};
use crate::error::{Error, Result};
use crate::log::{
    CloseEvent, NewCorrection, NewDecision, NewDiaryEntry, OpenEvent, RecordFilter, RecordType,
};
use crate::logistics::request::{NewRequest, RequestDecision};
use crate::logistics::resource::{NewResource, ResourceChange};
use crate::logistics::task::NewTask;
use crate::logistics::TaskStatus;
use crate::plans::ItemState;
use crate::readiness::ModeChange;
use crate::report;
use crate::report::issue::ReportFormat;
use crate::report::log_print::LogFormat;
use crate::situation::{Section, SectionUpdate};
use crate::staff::NewStaff;
use crate::store::Store;
use crate::timeline::{FlagChange, TimelineFilter};

/// Which store the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceKind {
    /// The organisation's record.
    Real,
    /// The demo exercise beside it, marked ÖVNING everywhere.
    Demo,
    /// An exercise store in the exercises folder (or one the user picked), by its path.
    Exercise,
}

/// Scenarios shipped with the program, for the exercise leader to pick from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScenarioSummary {
    pub name: String,
    pub file: String,
    pub title: String,
    /// The title in English, when the scenario gives one.
    pub title_en: Option<String>,
    pub objectives: Vec<String>,
    pub duration: String,
    pub injects: u32,
    pub expected: u32,
    pub contingencies: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(
    tag = "command",
    content = "args",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum Request {
    Status,
    Verify,
    /// The chain, the head seen before and every projection rebuilt aside, with progress.
    /// Answered by a `session::Session`.
    FullVerify,
    /// Which store is open and where the record and its demo live. Answered by a session.
    Workspace,
    /// Closes the open store and opens the record or the demo. Answered by a session.
    OpenWorkspace {
        kind: WorkspaceKind,
        /// For `exercise`: the exercise store's path.
        #[serde(default)]
        #[ts(optional)]
        path: Option<String>,
    },
    /// Creates a new exercise store from a scenario (a shipped name or a file) in the exercises
    /// folder and opens it. Answered by a session.
    CreateExercise {
        scenario: String,
    },
    /// Checks an exercise package, makes a new exercise store of it and opens it. Answered by a
    /// session.
    ImportExercisePackage {
        file: String,
    },
    /// The shipped scenarios. Answered without a store too, so a new exercise can be made when
    /// the record could not be opened.
    ListScenarios,
    /// The participants' view of the open exercise.
    ExerciseView,
    /// Exercise control's view: the MSEL with notes, triggers, the evaluation so far.
    ExerciseControlView,
    ExerciseControl {
        actor: Actor,
        input: crate::exercise::ControlInput,
    },
    /// Delivers what the exercise clock has reached (the app's timer calls this).
    ExerciseTick,
    /// Control sends a contingency inject.
    ExerciseFire {
        actor: Actor,
        id: String,
    },
    /// Control's judgement of an expected action, overruling what the record alone shows.
    ExerciseAssess {
        actor: Actor,
        action: String,
        outcome: crate::exercise::Outcome,
        note: String,
    },
    ExerciseHotwash {
        actor: Actor,
        input: crate::exercise::HotwashInput,
    },
    ExerciseEvaluation,
    /// Writes the open exercise as a package file.
    ExportExercisePackage {
        out: String,
    },
    /// Whether the record is encrypted and the window locked, and the mode to show while it is.
    /// Answered by a session, as are the five below.
    LockState,
    /// Locks the window: every store closed, every key forgotten.
    Lock,
    Unlock {
        #[ts(type = "string")]
        passphrase: crate::crypt::Passphrase,
    },
    /// Encrypts the record in place under a first passphrase.
    SetPassphrase {
        #[ts(type = "string")]
        passphrase: crate::crypt::Passphrase,
    },
    ChangePassphrase {
        #[ts(type = "string")]
        old: crate::crypt::Passphrase,
        #[ts(type = "string")]
        new: crate::crypt::Passphrase,
    },
    /// Minutes without a key press or click before the window locks.
    SetIdleLock {
        minutes: u32,
    },
    /// A checked, signed backup of the open store, into `to` or `sakerhetskopior/` beside it.
    Backup {
        #[serde(default)]
        #[ts(optional)]
        to: Option<String>,
    },
    /// The backups of the open store in `to` or the default folder, newest first.
    ListBackups {
        #[serde(default)]
        #[ts(optional)]
        to: Option<String>,
    },
    /// This device's key and a signed checkpoint of the open store, to print or hand out.
    Checkpoint,
    ListEvents,
    GetEvent {
        id: String,
    },
    OpenEvent {
        actor: Actor,
        input: OpenEvent,
    },
    CloseEvent {
        actor: Actor,
        input: CloseEvent,
    },
    Decide {
        actor: Actor,
        input: NewDecision,
        /// A marking above the mode's default, set in the same transaction as the decision.
        #[serde(default)]
        #[ts(optional)]
        marking: Option<crate::marking::Marking>,
    },
    LogDiary {
        actor: Actor,
        input: NewDiaryEntry,
        #[serde(default)]
        #[ts(optional)]
        marking: Option<crate::marking::Marking>,
    },
    /// Raises an entry's marking (never lowers it).
    RaiseMarking {
        actor: Actor,
        input: crate::marking::RaiseMarking,
    },
    /// Every entry of an event with its marking, and the event's highest.
    EntryMarkings {
        event_id: String,
    },
    /// Records a printing or export under copy control: numbered copies in the register.
    IssueCopies {
        actor: Actor,
        input: crate::marking::IssueCopies,
    },
    /// Records copies destroyed or returned.
    SettleCopies {
        actor: Actor,
        input: crate::marking::SettleCopies,
    },
    /// The copy register (exemplarförteckning).
    CopyRegister,
    /// This laptop's pairing card and code, the paired laptops, the chains held and the open
    /// conflicts.
    SyncStatus,
    /// Pairs a laptop by its card and the code its screen shows.
    PairDevice {
        actor: Actor,
        input: crate::sync::PairDevice,
    },
    UnpairDevice {
        actor: Actor,
        input: crate::sync::UnpairDevice,
    },
    /// Records what the staff decided about a conflict.
    ResolveConflict {
        actor: Actor,
        input: crate::sync::ResolveConflict,
    },
    /// Writes a bundle (every chain this store can prove) to `out`; with `since` (a bundle or
    /// checkpoint file from the receiver), only what came after it.
    ExportBundle {
        out: String,
        #[serde(default)]
        #[ts(optional)]
        since: Option<String>,
    },
    ImportBundle {
        path: String,
    },
    /// Exchanges entries with a sync folder (a USB stick, or the folder Syncthing replicates).
    SyncFolder {
        folder: String,
    },
    /// The pairing cards of the laptops in a sync folder.
    FolderCards {
        folder: String,
    },
    /// A pairing card from a file.
    ReadCard {
        path: String,
    },
    /// Writes this laptop's pairing card to a new file.
    WriteCard {
        out: String,
    },
    /// This store's sync folder and whether live sync is on.
    SyncSettings,
    SetSyncSettings {
        settings: crate::sync::SyncSettings,
    },
    /// The path of numbered copy `copy` (1 …) of a register line, checked against its SHA-256
    /// (for an encrypted store, a plain copy in the view folder): to open and print.
    CopyFile {
        issue_id: String,
        copy: u32,
    },
    Correct {
        actor: Actor,
        input: NewCorrection,
    },
    ListRecords {
        filter: RecordFilter,
    },
    Search {
        query: String,
        event_id: Option<String>,
    },
    ModeStatus,
    ModeHistory,
    SetMode {
        actor: Actor,
        input: ModeChange,
    },
    PlanLibrary,
    GetPlan {
        plan_id: String,
    },
    ImportPlan {
        actor: Actor,
        file_name: String,
        source: String,
    },
    ActivatePlan {
        actor: Actor,
        plan_id: String,
        event_id: String,
    },
    CheckItem {
        actor: Actor,
        activation_id: String,
        item_id: String,
        state: ItemState,
        reason: Option<String>,
        /// The decision that did an item marked "Kräver beslut".
        #[serde(default)]
        #[ts(optional)]
        decision_id: Option<String>,
    },
    /// Records a decision and marks the item that required it done, in one entry pair.
    DecideItem {
        actor: Actor,
        activation_id: String,
        item_id: String,
        input: NewDecision,
    },
    /// Plans whose event types match what was typed as the event's type.
    ProposedPlans {
        event_type: String,
    },
    DeactivatePlan {
        actor: Actor,
        activation_id: String,
        reason: String,
    },
    EventActivations {
        event_id: String,
    },
    ListResources,
    AddResource {
        actor: Actor,
        input: NewResource,
    },
    ChangeResource {
        actor: Actor,
        input: ResourceChange,
    },
    ResourceHistory {
        id: String,
    },
    ListRequests {
        event_id: Option<String>,
    },
    MakeRequest {
        actor: Actor,
        input: NewRequest,
    },
    DecideRequest {
        actor: Actor,
        input: RequestDecision,
    },
    AssignRequest {
        actor: Actor,
        request_id: String,
        task_id: String,
    },
    ListTasks {
        event_id: Option<String>,
    },
    GetTask {
        id: String,
    },
    AddTask {
        actor: Actor,
        input: NewTask,
    },
    SetTaskStatus {
        actor: Actor,
        task_id: String,
        status: TaskStatus,
        note: Option<String>,
    },
    ListStaff,
    AddStaff {
        actor: Actor,
        input: NewStaff,
    },
    Roster {
        event_id: String,
    },
    RosterAssign {
        actor: Actor,
        event_id: String,
        staff_id: String,
        role: String,
    },
    SwitchOperator {
        actor: Actor,
    },
    CurrentOperator,
    ImportResources {
        actor: Actor,
        csv: String,
    },
    ImportContacts {
        actor: Actor,
        csv: String,
    },
    /// A CAP 1.2 alert (its XML text) as a line in the event's diary.
    ImportCap {
        actor: Actor,
        event_id: String,
        xml: String,
    },
    Reminders {
        horizon_minutes: u32,
    },
    /// The lägesbild of an event, or of the organisation when `event_id` is none.
    Situation {
        event_id: Option<String>,
    },
    SetSection {
        actor: Actor,
        input: SectionUpdate,
    },
    SectionHistory {
        event_id: Option<String>,
        section: Section,
    },
    Timeline {
        filter: TimelineFilter,
    },
    SetFlag {
        actor: Actor,
        input: FlagChange,
    },
    /// An avvikelse in an event, open or closed (the after phase).
    ReportDeviation {
        actor: Actor,
        input: NewDeviation,
    },
    /// An erfarenhet with its owner and due date, open or closed event alike.
    RecordLesson {
        actor: Actor,
        input: NewLesson,
    },
    /// The owner has seen the lesson done; the note says what was done.
    CloseLesson {
        actor: Actor,
        lesson_id: String,
        note: String,
    },
    /// A proposal to revise a plan, open until a newer version of the plan is imported.
    ProposeRevision {
        actor: Actor,
        input: NewRevisionProposal,
    },
    ListDeviations {
        event_id: String,
    },
    /// An event's lessons, open and closed; without an event, every open lesson, soonest due first.
    ListLessons {
        event_id: Option<String>,
    },
    ListProposals {
        filter: ProposalFilter,
    },
    /// Ctrl+K: everything that matches, of every kind.
    Find {
        query: String,
    },
    /// The lägesrapport that would be issued now, as its JSON, without issuing it.
    PreviewSituationReport {
        actor: Actor,
        event_id: String,
    },
    /// Issues the next numbered lägesrapport: files kept, `report.issued` appended.
    IssueSituationReport {
        actor: Actor,
        event_id: String,
        /// Numbered copies, required at konfidentiell and above.
        #[serde(default)]
        #[ts(optional)]
        copies: Option<crate::report::copies::CopyOrder>,
    },
    /// Issues the event's efterrapport (after-action report) as PDF.
    IssueAfterActionReport {
        actor: Actor,
        event_id: String,
        /// Numbered copies, required at konfidentiell and above.
        #[serde(default)]
        #[ts(optional)]
        copies: Option<crate::report::copies::CopyOrder>,
    },
    /// Every report issued for an event, newest first.
    ReportHistory {
        event_id: String,
    },
    /// The path of an issued report's file, checked against its SHA-256.
    ReportFile {
        report_id: String,
        format: ReportFormat,
    },
    /// The beslutslogg or stabsdagbok for a period, as PDF or CSV, written for printing.
    PrintLog {
        actor: Actor,
        event_id: String,
        log: RecordType,
        #[ts(optional)]
        from: Option<String>,
        #[ts(optional)]
        to: Option<String>,
        format: LogFormat,
        /// Numbered copies, required at konfidentiell and above.
        #[serde(default)]
        #[ts(optional)]
        copies: Option<crate::report::copies::CopyOrder>,
    },
    /// The risk register with its heat map.
    RiskRegister {
        #[serde(default)]
        filter: crate::risk::queries::RiskFilter,
    },
    GetRisk {
        id: String,
    },
    RegisterRisk {
        actor: Actor,
        input: crate::risk::NewRisk,
    },
    AssessRisk {
        actor: Actor,
        input: crate::risk::NewAssessment,
    },
    CloseRisk {
        actor: Actor,
        input: crate::risk::CloseRisk,
    },
    /// The critical services (kontinuitetshantering), shortest MTO first.
    ListServices,
    /// A new critical service, or a revision of one.
    RecordService {
        actor: Actor,
        input: crate::continuity::NewService,
    },
    /// A dependency (el, vatten, IT …) down in an event.
    DependencyHit {
        actor: Actor,
        input: crate::continuity::NewHit,
    },
    RestoreDependency {
        actor: Actor,
        input: crate::continuity::RestoreHit,
    },
    DependencyHits {
        event_id: String,
    },
    /// Services hit by a dependency down in an open event (one event, or all).
    AffectedServices {
        #[serde(default)]
        #[ts(optional)]
        event_id: Option<String>,
    },
    /// A year's goals, exercises and what the record counts: the bokslut's content.
    FollowUp {
        year: i32,
    },
    SetGoal {
        actor: Actor,
        input: crate::followup::NewGoal,
    },
    AddGoalActivity {
        actor: Actor,
        input: crate::followup::NewActivity,
    },
    MovePhase {
        actor: Actor,
        input: crate::followup::MovePhase,
    },
    AssessGoal {
        actor: Actor,
        input: crate::followup::AssessGoal,
    },
    RecordExerciseHeld {
        actor: Actor,
        input: crate::followup::NewExerciseHeld,
    },
    /// Reads a held exercise's store (read-only) and records its summary in this record.
    RecordExerciseFromStore {
        actor: Actor,
        path: String,
    },
    /// The säkerhets- och krisberedskapsbokslut for a year, as PDF for the board.
    IssueBokslut {
        actor: Actor,
        year: i32,
        #[serde(default)]
        #[ts(optional)]
        copies: Option<crate::report::copies::CopyOrder>,
    },
    /// The war organisation's staffing for a mode (the current mode when none).
    Staffing {
        #[serde(default)]
        #[ts(optional)]
        mode: Option<crate::readiness::ModeId>,
    },
    PlaceStaff {
        actor: Actor,
        input: crate::war::NewPlacement,
    },
    UnplaceStaff {
        actor: Actor,
        input: crate::war::Unplace,
    },
    ReportForDuty {
        actor: Actor,
        input: crate::war::ReportForDuty,
    },
    /// Mode change to högsta (or krig) with its plans activated in a new event, at once.
    Beredskapslarm {
        actor: Actor,
        input: crate::war::Beredskapslarm,
    },
    ReadinessChecklists,
    CheckReadiness {
        actor: Actor,
        input: crate::readiness::CheckReadiness,
    },
}

/// An event's markings: each entry's, the highest (what a report of it is marked), and what a new
/// entry gets now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EventMarkings {
    pub highest: crate::marking::Marking,
    pub default_now: crate::marking::Marking,
    pub entries: Vec<crate::marking::EntryMarking>,
}

/// What each command returns, as TypeScript type names; `bindings` writes it as `ApiResponses.ts`
/// so the UI's `call()` is typed end to end. Kept beside `call` so the two change together.
pub const RESPONSES: &[(&str, &str)] = &[
    ("status", "StoreStatus"),
    ("verify", "VerifyReport"),
    ("full_verify", "FullVerifyReport"),
    ("workspace", "WorkspaceInfo"),
    ("open_workspace", "WorkspaceInfo"),
    ("create_exercise", "WorkspaceInfo"),
    ("import_exercise_package", "WorkspaceInfo"),
    ("list_scenarios", "Array<ScenarioSummary>"),
    ("exercise_view", "ExerciseView"),
    ("exercise_control_view", "ControlView"),
    ("exercise_control", "Array<DeliveredInject>"),
    ("exercise_tick", "Array<DeliveredInject>"),
    ("exercise_fire", "DeliveredInject"),
    ("exercise_assess", "ControlView"),
    ("exercise_hotwash", "ControlView"),
    ("exercise_evaluation", "Evaluation"),
    ("export_exercise_package", "Manifest"),
    ("lock_state", "LockState"),
    ("lock", "LockState"),
    ("unlock", "LockState"),
    ("set_passphrase", "LockState"),
    ("change_passphrase", "LockState"),
    ("set_idle_lock", "LockState"),
    ("raise_marking", "EntryMarkingOut"),
    ("entry_markings", "EventMarkings"),
    ("issue_copies", "CopyIssue"),
    ("settle_copies", "CopyIssue"),
    ("copy_register", "Array<CopyIssue>"),
    ("sync_status", "SyncStatus"),
    ("pair_device", "SyncStatus"),
    ("unpair_device", "SyncStatus"),
    ("resolve_conflict", "SyncStatus"),
    ("export_bundle", "BundleExport"),
    ("import_bundle", "BundleReport"),
    ("sync_folder", "ExchangeReport"),
    ("folder_cards", "Array<PairingCard>"),
    ("read_card", "PairingCard"),
    ("write_card", "PairingCard"),
    ("sync_settings", "SyncSettings"),
    ("set_sync_settings", "SyncSettings"),
    ("copy_file", "string"),
    ("backup", "BackupInfo"),
    ("list_backups", "Array<BackupInfo>"),
    ("checkpoint", "SignedCheckpoint"),
    ("list_events", "Array<KrisEvent>"),
    ("get_event", "KrisEvent"),
    ("open_event", "KrisEvent"),
    ("close_event", "KrisEvent"),
    ("decide", "LogRecord"),
    ("log_diary", "LogRecord"),
    ("correct", "LogRecord"),
    ("list_records", "Array<LogRecord>"),
    ("search", "Array<LogRecord>"),
    ("mode_status", "ModeStatus"),
    ("mode_history", "Array<ModeChangeRecord>"),
    ("set_mode", "ModeStatus"),
    ("plan_library", "Array<PlanLibraryEntry>"),
    ("get_plan", "LibraryPlan"),
    ("import_plan", "LibraryPlan"),
    ("activate_plan", "ActivationView"),
    ("check_item", "ActivationView"),
    ("decide_item", "ActivationView"),
    ("proposed_plans", "Array<LibraryPlan>"),
    ("deactivate_plan", "ActivationView"),
    ("event_activations", "Array<ActivationView>"),
    ("list_resources", "Array<Resource>"),
    ("add_resource", "Resource"),
    ("change_resource", "Resource"),
    ("resource_history", "Array<ResourcePoint>"),
    ("list_requests", "Array<ResourceRequest>"),
    ("make_request", "ResourceRequest"),
    ("decide_request", "ResourceRequest"),
    ("assign_request", "ResourceRequest"),
    ("list_tasks", "Array<Task>"),
    ("get_task", "Task"),
    ("add_task", "Task"),
    ("set_task_status", "Task"),
    ("list_staff", "Array<StaffMember>"),
    ("add_staff", "StaffMember"),
    ("roster", "Array<RosterEntry>"),
    ("roster_assign", "Array<RosterEntry>"),
    ("switch_operator", "Actor"),
    ("current_operator", "Actor | null"),
    ("import_resources", "ImportReport"),
    ("import_contacts", "ImportReport"),
    ("import_cap", "LogRecord"),
    ("reminders", "Array<Reminder>"),
    ("situation", "SituationPicture"),
    ("set_section", "SectionView"),
    ("section_history", "Array<SectionVersion>"),
    ("timeline", "TimelinePage"),
    ("set_flag", "TimelineItem"),
    ("report_deviation", "Deviation"),
    ("record_lesson", "Lesson"),
    ("close_lesson", "Lesson"),
    ("propose_revision", "RevisionProposal"),
    ("list_deviations", "Array<Deviation>"),
    ("list_lessons", "Array<Lesson>"),
    ("list_proposals", "Array<RevisionProposal>"),
    ("find", "Array<Hit>"),
    ("preview_situation_report", "SituationReport"),
    ("issue_situation_report", "IssuedReport"),
    ("issue_after_action_report", "IssuedReport"),
    ("report_history", "Array<IssuedReport>"),
    ("report_file", "string"),
    ("print_log", "PrintedFile"),
    ("risk_register", "RiskRegister"),
    ("get_risk", "RiskDetail"),
    ("register_risk", "RiskDetail"),
    ("assess_risk", "RiskDetail"),
    ("close_risk", "RiskDetail"),
    ("list_services", "Array<Service>"),
    ("record_service", "Service"),
    ("dependency_hit", "DependencyHit"),
    ("restore_dependency", "DependencyHit"),
    ("dependency_hits", "Array<DependencyHit>"),
    ("affected_services", "Array<AffectedService>"),
    ("follow_up", "YearFollowUp"),
    ("set_goal", "Goal"),
    ("add_goal_activity", "Goal"),
    ("move_phase", "Goal"),
    ("assess_goal", "Goal"),
    ("record_exercise_held", "ExerciseHeld"),
    ("record_exercise_from_store", "ExerciseHeld"),
    ("issue_bokslut", "PrintedFile"),
    ("staffing", "Staffing"),
    ("place_staff", "Staffing"),
    ("unplace_staff", "Staffing"),
    ("report_for_duty", "Staffing"),
    ("beredskapslarm", "AlarmOutcome"),
    ("readiness_checklists", "Array<Checklist>"),
    ("check_readiness", "Checklist"),
];

/// Largest request accepted over IPC: room for a 5 MB CSV import; a pasted 10 MB blob does not
/// reach the parser.
pub const MAX_REQUEST_BYTES: usize = 6 << 20;

pub fn parse(raw: &str) -> Result<Request> {
    if raw.len() > MAX_REQUEST_BYTES {
        return Err(Error::invalid(format!(
            "Indata är för stor ({} kB, högst {} kB). Korta texten.",
            raw.len() / 1024,
            MAX_REQUEST_BYTES / 1024
        )));
    }
    serde_json::from_str(raw).map_err(|e| {
        // serde names the value it choked on: never a passphrase in a message or a log.
        if raw.contains("passphrase") {
            Error::invalid("Ogiltig begäran till kärnan (lösenfras).")
        } else {
            Error::invalid(format!("Ogiltig begäran till kärnan: {e}"))
        }
    })
}

/// A decision or diary note written with its marking in one transaction: never stored lower,
/// not even for a moment.
fn marked(
    store: &mut Store,
    actor: &Actor,
    marking: Option<crate::marking::Marking>,
    write: impl FnOnce(&mut crate::store::Tx<'_>) -> Result<crate::log::Record>,
) -> Result<crate::log::Record> {
    store.write(|tx| {
        let r = write(tx)?;
        if let Some(m) = marking {
            crate::marking::commands::mark_new(tx, actor, &r.id, m)?;
        }
        Ok(r)
    })
}

pub fn call(store: &mut Store, request: Request) -> Result<Value> {
    fn json<T: serde::Serialize>(v: T) -> Result<Value> {
        Ok(serde_json::to_value(v)?)
    }
    match request {
        Request::Status => json(store.status()?),
        Request::Verify => json(store.verify()?),
        Request::FullVerify
        | Request::Workspace
        | Request::OpenWorkspace { .. }
        | Request::CreateExercise { .. }
        | Request::ImportExercisePackage { .. }
        | Request::LockState
        | Request::Lock
        | Request::Unlock { .. }
        | Request::SetPassphrase { .. }
        | Request::ChangePassphrase { .. }
        | Request::SetIdleLock { .. } => {
            Err(Error::invalid(
                "Begäran gäller appens arbetsyta och besvaras av dess session, inte av en enskild databas.",
            ))
        }
        Request::ListEvents => json(store.list_events()?),
        Request::GetEvent { id } => json(store.get_event(&id)?),
        Request::OpenEvent { actor, input } => json(store.open_event(&actor, &input)?),
        Request::CloseEvent { actor, input } => json(store.close_event(&actor, &input)?),
        Request::Decide {
            actor,
            input,
            marking,
        } => json(marked(store, &actor, marking, |tx| {
            crate::log::commands::decide(tx, &actor, &input)
        })?),
        Request::LogDiary {
            actor,
            input,
            marking,
        } => json(marked(store, &actor, marking, |tx| {
            crate::log::commands::log_diary(tx, &actor, &input)
        })?),
        Request::RaiseMarking { actor, input } => json(
            store.write(|tx| crate::marking::commands::raise(tx, &actor, &input))?,
        ),
        Request::EntryMarkings { event_id } => json(EventMarkings {
            highest: crate::marking::queries::highest(
                store.connection(),
                Some(&event_id),
                None,
                None,
            )?,
            default_now: crate::marking::queries::current_default(store.connection())?,
            entries: crate::marking::queries::for_event(store.connection(), &event_id)?,
        }),
        Request::IssueCopies { actor, input } => json(
            store.write(|tx| crate::marking::commands::issue(tx, &actor, &input))?,
        ),
        Request::SettleCopies { actor, input } => json(
            store.write(|tx| crate::marking::commands::settle(tx, &actor, &input))?,
        ),
        Request::CopyRegister => json(crate::marking::queries::register(store.connection())?),
        Request::SyncStatus => json(store.sync_status()?),
        Request::PairDevice { actor, input } => json(store.pair_device(&actor, &input)?),
        Request::UnpairDevice { actor, input } => json(store.unpair_device(&actor, &input)?),
        Request::ResolveConflict { actor, input } => {
            json(store.resolve_conflict(&actor, &input)?)
        }
        Request::ExportBundle { out, since } => json(store.export_bundle(
            std::path::Path::new(&out),
            since.as_deref().map(std::path::Path::new),
        )?),
        Request::ImportBundle { path } => {
            json(store.import_bundle(std::path::Path::new(&path))?)
        }
        Request::SyncFolder { folder } => json(store.sync_folder(std::path::Path::new(&folder))?),
        Request::FolderCards { folder } => {
            json(store.folder_cards(std::path::Path::new(&folder))?)
        }
        Request::ReadCard { path } => json(store.read_card(std::path::Path::new(&path))?),
        Request::WriteCard { out } => json(store.write_card(std::path::Path::new(&out))?),
        Request::SyncSettings => json(store.sync_settings()?),
        Request::SetSyncSettings { settings } => json(store.set_sync_settings(&settings)?),
        Request::CopyFile { issue_id, copy } => {
            let line = crate::marking::queries::issue(store.connection(), &issue_id)?;
            let sha = line
                .copy_sha256
                .get((copy as usize).wrapping_sub(1))
                .ok_or_else(|| {
                    Error::not_found(format!(
                        "Registernummer {} har ingen fil för exemplar {copy}.",
                        line.number
                    ))
                    .with("copy", copy)
                })?;
            let title = format!("{} ex {copy}", line.document);
            json(
                crate::reports::files::checked(store.path(), sha, "pdf", &title)?
                    .display()
                    .to_string(),
            )
        }
        Request::Correct { actor, input } => json(store.correct(&actor, &input)?),
        Request::ListRecords { filter } => json(stamped(store, store.list_records(&filter)?)?),
        Request::Search { query, event_id } => {
            json(stamped(store, store.search(&query, event_id.as_deref())?)?)
        }
        Request::ModeStatus => json(store.mode_status()?),
        Request::ModeHistory => json(store.mode_history()?),
        Request::SetMode { actor, input } => json(store.set_mode(&actor, &input)?),
        // With each plan's open revision proposals, read above both slices (`efter`).
        Request::PlanLibrary => json(store.plan_library_with_proposals()?),
        Request::GetPlan { plan_id } => json(store.library_plan(&plan_id)?),
        Request::ImportPlan {
            actor,
            file_name,
            source,
        } => json(store.import_plan(&actor, &file_name, &source)?),
        Request::ActivatePlan {
            actor,
            plan_id,
            event_id,
        } => json(store.activate_plan(&actor, &plan_id, &event_id)?),
        Request::CheckItem {
            actor,
            activation_id,
            item_id,
            state,
            reason,
            decision_id,
        } => json(store.check_item(&actor, &activation_id, &item_id, state, reason, decision_id)?),
        Request::DecideItem {
            actor,
            activation_id,
            item_id,
            input,
        } => json(store.decide_item(&actor, &activation_id, &item_id, &input)?),
        Request::ProposedPlans { event_type } => json(store.proposed_plans(&event_type)?),
        Request::DeactivatePlan {
            actor,
            activation_id,
            reason,
        } => json(store.deactivate_plan(&actor, &activation_id, &reason)?),
        Request::EventActivations { event_id } => json(store.event_activations(&event_id)?),
        Request::ListResources => json(store.list_resources()?),
        Request::AddResource { actor, input } => json(store.add_resource(&actor, &input)?),
        Request::ChangeResource { actor, input } => json(store.change_resource(&actor, &input)?),
        Request::ResourceHistory { id } => json(store.resource_history(&id)?),
        Request::ListRequests { event_id } => json(store.list_requests(event_id.as_deref())?),
        Request::MakeRequest { actor, input } => json(store.make_request(&actor, &input)?),
        Request::DecideRequest { actor, input } => json(store.decide_request(&actor, &input)?),
        Request::AssignRequest {
            actor,
            request_id,
            task_id,
        } => json(store.assign_request(&actor, &request_id, &task_id)?),
        Request::ListTasks { event_id } => json(store.list_tasks(event_id.as_deref())?),
        Request::GetTask { id } => json(store.task(&id)?),
        Request::AddTask { actor, input } => json(store.add_task(&actor, &input)?),
        Request::SetTaskStatus {
            actor,
            task_id,
            status,
            note,
        } => json(store.set_task_status(&actor, &task_id, status, note)?),
        Request::ListStaff => json(store.list_staff()?),
        Request::AddStaff { actor, input } => json(store.add_staff(&actor, &input)?),
        Request::Roster { event_id } => json(store.roster(&event_id)?),
        Request::RosterAssign {
            actor,
            event_id,
            staff_id,
            role,
        } => json(store.roster_assign(&actor, &event_id, &staff_id, &role)?),
        Request::SwitchOperator { actor } => json(store.switch_operator(&actor)?),
        Request::CurrentOperator => json(store.current_operator()?),
        Request::ImportResources { actor, csv } => {
            json(store.import_resources(&actor, csv.as_bytes())?)
        }
        Request::ImportContacts { actor, csv } => {
            json(store.import_contacts(&actor, csv.as_bytes())?)
        }
        Request::ImportCap {
            actor,
            event_id,
            xml,
        } => json(store.import_cap(&actor, &event_id, &xml)?),
        Request::Reminders { horizon_minutes } => {
            json(store.reminders(chrono::Duration::minutes(i64::from(horizon_minutes)))?)
        }
        Request::Situation { event_id } => json(store.situation(event_id.as_deref())?),
        Request::SetSection { actor, input } => json(store.set_section(&actor, &input)?),
        Request::SectionHistory { event_id, section } => {
            json(store.section_history(event_id.as_deref(), section)?)
        }
        Request::Timeline { filter } => json(store.timeline(&filter)?),
        Request::SetFlag { actor, input } => json(store.set_flag(&actor, &input)?),
        Request::ReportDeviation { actor, input } => json(store.report_deviation(&actor, &input)?),
        Request::RecordLesson { actor, input } => json(store.record_lesson(&actor, &input)?),
        Request::CloseLesson {
            actor,
            lesson_id,
            note,
        } => json(store.close_lesson(&actor, &lesson_id, &note)?),
        Request::ProposeRevision { actor, input } => json(store.propose_revision(&actor, &input)?),
        Request::ListDeviations { event_id } => json(store.deviations(&event_id)?),
        Request::ListLessons { event_id } => json(store.lessons(event_id.as_deref())?),
        Request::ListProposals { filter } => json(store.proposals(&filter)?),
        Request::Find { query } => json(store.find(&query)?),
        Request::PreviewSituationReport { actor, event_id } => {
            json(report::issue::preview_situation(store, &actor, &event_id)?)
        }
        Request::IssueSituationReport {
            actor,
            event_id,
            copies,
        } => json(report::issue::issue_situation(
            store,
            &actor,
            &event_id,
            copies.as_ref(),
        )?),
        Request::IssueAfterActionReport {
            actor,
            event_id,
            copies,
        } => json(report::issue::issue_after_action(
            store,
            &actor,
            &event_id,
            copies.as_ref(),
        )?),
        Request::ReportHistory { event_id } => json(report::issue::history(store, &event_id)?),
        Request::ReportFile { report_id, format } => {
            json(report::issue::file(store, &report_id, format)?.display().to_string())
        }
        Request::PrintLog {
            actor,
            event_id,
            log,
            from,
            to,
            format,
            copies,
        } => {
            let sel = report::log_print::LogSelection {
                event_id,
                record_type: log,
                from,
                to,
            };
            json(report::log_print::print_to_folder(
                store,
                &actor,
                &sel,
                format,
                copies.as_ref(),
            )?)
        }
        Request::RiskRegister { filter } => json(store.risk_register(&filter)?),
        Request::GetRisk { id } => json(store.risk(&id)?),
        Request::RegisterRisk { actor, input } => json(store.register_risk(&actor, &input)?),
        Request::AssessRisk { actor, input } => json(store.assess_risk(&actor, &input)?),
        Request::CloseRisk { actor, input } => json(store.close_risk(&actor, &input)?),
        Request::ListServices => json(store.services()?),
        Request::RecordService { actor, input } => json(store.record_service(&actor, &input)?),
        Request::DependencyHit { actor, input } => json(store.dependency_hit(&actor, &input)?),
        Request::RestoreDependency { actor, input } => {
            json(store.restore_dependency(&actor, &input)?)
        }
        Request::DependencyHits { event_id } => json(store.dependency_hits(&event_id)?),
        Request::AffectedServices { event_id } => {
            json(store.affected_services(event_id.as_deref())?)
        }
        Request::FollowUp { year } => json(store.follow_up(year)?),
        Request::SetGoal { actor, input } => json(store.set_goal(&actor, &input)?),
        Request::AddGoalActivity { actor, input } => json(store.add_goal_activity(&actor, &input)?),
        Request::MovePhase { actor, input } => json(store.move_phase(&actor, &input)?),
        Request::AssessGoal { actor, input } => json(store.assess_goal(&actor, &input)?),
        Request::RecordExerciseHeld { actor, input } => {
            json(store.record_exercise_held(&actor, &input)?)
        }
        Request::RecordExerciseFromStore { actor, path } => {
            let path = std::path::Path::new(&path);
            if std::fs::canonicalize(path).ok() == std::fs::canonicalize(store.path()).ok() {
                return Err(Error::invalid(
                    "Välj den genomförda övningens fil, inte databasen som är öppen här.",
                ));
            }
            let input = crate::workspace::held::summary(path)?;
            json(store.record_exercise_held(&actor, &input)?)
        }
        Request::IssueBokslut {
            actor,
            year,
            copies,
        } => json(report::bokslut::print_to_folder(
            store,
            &actor,
            year,
            copies.as_ref(),
        )?),
        Request::Staffing { mode } => json(store.staffing(mode)?),
        Request::PlaceStaff { actor, input } => json(store.place_staff(&actor, &input)?),
        Request::UnplaceStaff { actor, input } => json(store.unplace_staff(&actor, &input)?),
        Request::ReportForDuty { actor, input } => json(store.report_for_duty(&actor, &input)?),
        Request::Beredskapslarm { actor, input } => json(store.beredskapslarm(&actor, &input)?),
        Request::ReadinessChecklists => json(store.readiness_checklists()?),
        Request::CheckReadiness { actor, input } => json(store.check_readiness(&actor, &input)?),
        Request::ListScenarios => json(scenarios()?),
        Request::Backup { to } => {
            let dir = backup_dir(store, to);
            let device = crate::device::Device::load_or_create()?;
            json(crate::backup::backup(store, &dir, &device)?)
        }
        Request::ListBackups { to } => {
            let dir = backup_dir(store, to);
            json(crate::backup::list(store.path(), &dir))
        }
        Request::Checkpoint => {
            let device = crate::device::Device::load_or_create()?;
            json(SignedCheckpoint {
                note: crate::seal::make(store, &device)?,
                device: device.info()?,
            })
        }
        Request::ExerciseView => json(store.exercise_view()?),
        Request::ExerciseControlView => json(store.exercise_control_view()?),
        Request::ExerciseControl { actor, input } => json(store.exercise_control(&actor, &input)?),
        Request::ExerciseTick => json(store.exercise_tick()?),
        Request::ExerciseFire { actor, id } => json(store.exercise_fire(&actor, &id)?),
        Request::ExerciseAssess {
            actor,
            action,
            outcome,
            note,
        } => {
            store.exercise_assess(&actor, &action, outcome, &note)?;
            json(store.exercise_control_view()?)
        }
        Request::ExerciseHotwash { actor, input } => {
            store.exercise_hotwash(&actor, &input)?;
            json(store.exercise_control_view()?)
        }
        Request::ExerciseEvaluation => json(store.exercise_evaluation()?),
        Request::ExportExercisePackage { out } => json(crate::workspace::package::export(
            store,
            std::path::Path::new(&out),
        )?),
    }
}

/// Records with the mode each was recorded under (see `readiness::commands::stamp_modes`).
fn stamped(store: &Store, mut records: Vec<crate::log::Record>) -> Result<Vec<crate::log::Record>> {
    crate::readiness::commands::stamp_modes(store.connection(), &mut records)?;
    Ok(records)
}

/// A signed checkpoint with the key that signed it, for the window to show and print.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SignedCheckpoint {
    pub note: String,
    pub device: crate::device::DeviceInfo,
}

fn backup_dir(store: &Store, to: Option<String>) -> std::path::PathBuf {
    to.filter(|t| !t.trim().is_empty())
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| crate::backup::default_dir(store.path()))
}

/// The shipped scenarios, parsed.
pub fn scenarios() -> Result<Vec<ScenarioSummary>> {
    Ok(
        crate::scenario::shipped::all(&crate::workspace::known_kind)?
            .into_iter()
            .map(|(file, s)| ScenarioSummary {
                name: s.id.clone(),
                file: file.to_string(),
                title: s.title,
                title_en: s.title_en,
                objectives: s.objectives,
                duration: crate::scenario::t_plus(s.duration.into()),
                injects: s.injects.len() as u32,
                expected: s.expected.len() as u32,
                contingencies: s.contingencies.len() as u32,
            })
            .collect(),
    )
}

/// Parse and run in one step: what the Tauri command does.
pub fn call_json(store: &mut Store, raw: &str) -> Result<Value> {
    call(store, parse(raw)?)
}
