//! Commands: every write a panel asks for. The store applies a command in one
//! transaction and returns its inverse, which is what undo applies.

use super::customer::{CustomerData, CustomerId};
use chrono::{NaiveDate, NaiveDateTime};

use super::records::{
    AcArea, AcCheckRow, AcNotice, Activity, CalendarDay, ChurnRecord, Complaint, Contact, Fault,
    Maintenance, Opportunity, Overtime, Survey, Transaction,
};
use super::settings::Settings;

/// A record other than a customer that panels create, edit and delete
/// through commands (compliance and pipeline records, and the sales,
/// surveys and contact persons entered on a customer).
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    AcCheck(AcCheckRow),
    Area(AcArea),
    Notice(AcNotice),
    Overtime(Overtime),
    Maintenance(Maintenance),
    Fault(Fault),
    Complaint(Complaint),
    Activity(Activity),
    Opportunity(Opportunity),
    Churn(ChurnRecord),
    /// A purchase on a customer (entered in the app).
    Sale(Transaction),
    /// A satisfaction survey of a customer.
    Survey(Survey),
    /// A contact person of an organisation customer.
    Contact(Contact),
}

/// Which table a [`Record`] lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    AcCheck,
    Area,
    Notice,
    Overtime,
    Maintenance,
    Fault,
    Complaint,
    Activity,
    Opportunity,
    Churn,
    Sale,
    Survey,
    Contact,
}

impl RecordKind {
    /// The SQLite table (also the history entity name).
    pub fn table(self) -> &'static str {
        match self {
            Self::AcCheck => "ac_checks",
            Self::Area => "ac_areas",
            Self::Notice => "ac_notices",
            Self::Overtime => "ac_overtime",
            Self::Maintenance => "ac_maintenance",
            Self::Fault => "ac_faults",
            Self::Complaint => "complaints",
            Self::Activity => "activities",
            Self::Opportunity => "opportunities",
            Self::Churn => "churn_records",
            Self::Sale => "transactions",
            Self::Survey => "surveys",
            Self::Contact => "contacts",
        }
    }
}

impl Record {
    /// The record's kind.
    pub fn kind(&self) -> RecordKind {
        match self {
            Self::AcCheck(_) => RecordKind::AcCheck,
            Self::Area(_) => RecordKind::Area,
            Self::Notice(_) => RecordKind::Notice,
            Self::Overtime(_) => RecordKind::Overtime,
            Self::Maintenance(_) => RecordKind::Maintenance,
            Self::Fault(_) => RecordKind::Fault,
            Self::Complaint(_) => RecordKind::Complaint,
            Self::Activity(_) => RecordKind::Activity,
            Self::Opportunity(_) => RecordKind::Opportunity,
            Self::Churn(_) => RecordKind::Churn,
            Self::Sale(_) => RecordKind::Sale,
            Self::Survey(_) => RecordKind::Survey,
            Self::Contact(_) => RecordKind::Contact,
        }
    }
}

/// A write to the database, as data. Applying it yields the inverse command.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Create a customer (an empty code asks for a generated one).
    CreateCustomer(CustomerData),
    /// Replace a customer's editable data.
    UpdateCustomer { id: CustomerId, data: CustomerData },
    /// Move a customer to the trash (its related records stay).
    DeleteCustomer(CustomerId),
    /// Bring a customer back from the trash.
    RestoreCustomer(CustomerId),
    /// Replace the business settings (CLV parameters, thresholds, …).
    UpdateSettings(Box<Settings>),
    /// Insert a record (`id` `None`) or replace the record with that id.
    SaveRecord { id: Option<i64>, record: Box<Record> },
    /// Delete a record (undo puts it back under the same id).
    DeleteRecord { kind: RecordKind, id: i64 },
    /// Insert a record under a given id (the inverse of a delete).
    RestoreRecord { id: i64, record: Box<Record> },
    /// Move a customer to another ladder step (skips and downward moves
    /// carry a reason, kept in history).
    MoveStep { id: CustomerId, to: super::terms::LadderStep, reason: String },
    /// Move an opportunity to another stage (recorded in its stage history).
    MoveOpportunity { id: i64, to: super::terms::OpportunityStage, note: String },
    /// Merge `remove` into `keep`: its sales, activities, complaints,
    /// surveys, opportunities, churn records and contacts move to `keep`,
    /// and `remove` goes to the trash.
    MergeCustomers { keep: CustomerId, remove: CustomerId },
    /// The inverse of a merge: the listed rows (table, ids) go back to
    /// `remove`, which comes back from the trash.
    UnmergeCustomers { keep: CustomerId, remove: CustomerId, moved: Vec<(&'static str, Vec<i64>)> },
    /// Set days of the working calendar (a holiday or a make-up working day
    /// 调休, with its name) and make the `clear` days normal again; the
    /// inverse puts every touched day back as it was.
    SetCalendarDays { set: Vec<CalendarDay>, clear: Vec<NaiveDate> },
    /// Several commands as one change, applied in one transaction and
    /// undone as one; `purpose` says what they are for, in words.
    Batch { purpose: Purpose, commands: Vec<Command> },
}

/// What a command is for, when what it writes would not say it: the
/// status line and the Edit menu name the change by it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// One round of the AC check sheet: its time and how many areas.
    AcRound { at: NaiveDateTime, areas: usize },
    /// An activity's next step moved to another day: the activity's kind,
    /// its customer's name and the new day.
    MoveNextStep { kind: super::terms::ActivityKind, who: String, to: NaiveDate },
}

/// What a command did, for the status line and the undo menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Created {
        id: CustomerId,
        code: String,
        name: String,
    },
    Updated {
        id: CustomerId,
        code: String,
        name: String,
    },
    Deleted {
        id: CustomerId,
        code: String,
        name: String,
    },
    Restored {
        id: CustomerId,
        code: String,
        name: String,
    },
    /// The settings changed; lists the changed keys.
    SettingsChanged {
        keys: Vec<&'static str>,
    },
    /// Two customers were merged (codes and names of both).
    Merged {
        keep: CustomerId,
        into: String,
        from: String,
    },
    /// A record was created, replaced or restored.
    RecordSaved {
        kind: RecordKind,
        id: i64,
        /// The record in words, for people.
        name: super::naming::RecordName,
    },
    /// A record was deleted.
    RecordDeleted {
        kind: RecordKind,
        id: i64,
        /// The record in words, for people.
        name: super::naming::RecordName,
    },
    /// An opportunity moved to another stage (won, lost, or on).
    StageMoved {
        id: i64,
        name: super::naming::RecordName,
        to: super::terms::OpportunityStage,
    },
    /// A batch of commands applied as one change, with what it was for.
    Batch {
        purpose: Purpose,
        effects: Vec<Effect>,
    },
    /// Days of the working calendar changed: how many, the first and last.
    CalendarChanged {
        days: usize,
        first: NaiveDate,
        last: NaiveDate,
    },
}

/// The result of applying a command: what happened and how to undo it.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub effect: Effect,
    pub inverse: Command,
}

/// Undo and redo stacks of inverse commands, each with the effect of the
/// original change it reverses (for the menu labels). The stacks hold only commands;
/// applying them is the caller's job (the app passes them to the store).
#[derive(Debug, Default)]
pub struct UndoStack {
    undo: Vec<(Command, Effect)>,
    redo: Vec<(Command, Effect)>,
}

impl UndoStack {
    /// Records a freshly applied command (clears redo).
    pub fn done(&mut self, applied: Applied) {
        self.undo.push((applied.inverse, applied.effect));
        self.redo.clear();
    }

    /// The command that undoes the last change, with what that change was.
    pub fn take_undo(&mut self) -> Option<(Command, Effect)> {
        self.undo.pop()
    }

    /// The command that redoes the last undone change.
    pub fn take_redo(&mut self) -> Option<(Command, Effect)> {
        self.redo.pop()
    }

    /// After an undo command was applied: its inverse is the redo. `effect`
    /// is the original change, so both menus keep naming it.
    pub fn undone(&mut self, effect: Effect, applied: Applied) {
        self.redo.push((applied.inverse, effect));
    }

    /// After a redo command was applied: its inverse goes back on undo.
    pub fn redone(&mut self, effect: Effect, applied: Applied) {
        self.undo.push((applied.inverse, effect));
    }

    /// Puts back a command whose application failed, so nothing is lost.
    pub fn restore_undo(&mut self, entry: (Command, Effect)) {
        self.undo.push(entry);
    }

    /// Puts back a redo command whose application failed.
    pub fn restore_redo(&mut self, entry: (Command, Effect)) {
        self.redo.push(entry);
    }

    /// What the next undo would undo.
    pub fn peek_undo(&self) -> Option<&Effect> {
        self.undo.last().map(|(_, e)| e)
    }

    /// What the next redo would redo (the effect of the undo it reverses).
    pub fn peek_redo(&self) -> Option<&Effect> {
        self.redo.last().map(|(_, e)| e)
    }

    /// How many changes can be undone.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }

    /// Forgets everything (a different database was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::CustomerId;

    fn effect(n: i64) -> Effect {
        Effect::Created { id: CustomerId(n), code: format!("C-{n:06}"), name: format!("n{n}") }
    }

    fn applied(inverse: Command, n: i64) -> Applied {
        Applied { effect: effect(n), inverse }
    }

    #[test]
    fn undo_then_redo_walks_back_and_forth_with_the_original_labels() {
        let mut stack = UndoStack::default();
        assert!(stack.take_undo().is_none());
        stack.done(applied(Command::DeleteCustomer(CustomerId(1)), 1));
        stack.done(applied(Command::DeleteCustomer(CustomerId(2)), 2));
        assert_eq!(stack.peek_undo(), Some(&effect(2)));

        let (command, label) = stack.take_undo().expect("undo");
        assert_eq!(command, Command::DeleteCustomer(CustomerId(2)));
        stack.undone(label, applied(Command::RestoreCustomer(CustomerId(2)), 99));
        assert_eq!(stack.peek_redo(), Some(&effect(2)), "redo names the original change");
        assert_eq!(stack.peek_undo(), Some(&effect(1)));

        let (command, label) = stack.take_redo().expect("redo");
        assert_eq!(command, Command::RestoreCustomer(CustomerId(2)));
        stack.redone(label, applied(Command::DeleteCustomer(CustomerId(2)), 98));
        assert_eq!(stack.peek_undo(), Some(&effect(2)));
        assert!(stack.peek_redo().is_none());
    }

    #[test]
    fn a_new_change_clears_redo_and_a_failed_undo_is_put_back() {
        let mut stack = UndoStack::default();
        stack.done(applied(Command::DeleteCustomer(CustomerId(1)), 1));
        let entry = stack.take_undo().expect("undo");
        stack.undone(entry.1.clone(), applied(Command::RestoreCustomer(CustomerId(1)), 1));
        stack.done(applied(Command::DeleteCustomer(CustomerId(3)), 3));
        assert!(stack.peek_redo().is_none());

        let entry = stack.take_undo().expect("undo");
        stack.restore_undo(entry);
        assert_eq!(stack.peek_undo(), Some(&effect(3)));
        stack.clear();
        assert!(stack.peek_undo().is_none());
    }
}
