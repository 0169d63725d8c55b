//! The customer library panel: a virtualised, sortable, filterable table of
//! every customer (`table`), the detail form to create and edit one with
//! field-level messages, merge and the customer's purchases and change
//! history (`form`), and delete and merge with confirmation.

mod entries;
mod form;
mod table;

use egui::{Key, Modifiers};

use self::form::Form;
pub use self::table::SortKey;
use self::table::{Filters, ViewKey};
use super::widgets::Confirm;
use super::{AppCommand, AppCtx, keys, theme};
use crate::domain::command::Command;
use crate::domain::customer::CustomerId;

/// A delete waiting for confirmation: the customer and its name.
#[derive(Clone, Debug)]
struct PendingDelete {
    id: CustomerId,
    name: String,
}

/// A merge waiting for confirmation: the customer to remove, the one to
/// keep, and their labels.
#[derive(Clone, Debug)]
struct PendingMerge {
    remove: CustomerId,
    keep: CustomerId,
    from: String,
    into: String,
}

/// The customer library panel.
#[derive(Debug)]
pub struct CustomersPanel {
    /// The search text, filters and sort the user chose.
    filters: Filters,
    /// Indices into the cached rows, filtered and sorted.
    view: Vec<usize>,
    view_key: Option<ViewKey>,
    /// Lower-case search text per cached row, rebuilt when the rows change.
    haystacks: Vec<String>,
    haystacks_gen: Option<u64>,
    form: Option<Form>,
    seen_detail_gen: u64,
    seen_errors_gen: u64,
    confirm_delete: Option<PendingDelete>,
    /// The code typed to merge the shown customer into, and a merge
    /// waiting for confirmation.
    merge_code: String,
    merge_error: bool,
    confirm_merge: Option<PendingMerge>,
    focus_search: bool,
    /// A sale, survey or contact person being entered on the customer.
    entry: Option<super::records::EntryForm>,
}

impl Default for CustomersPanel {
    fn default() -> Self {
        Self {
            filters: Filters {
                search: String::new(),
                kind: None,
                grade: None,
                step: None,
                sort: SortKey::Code,
                ascending: true,
            },
            view: Vec::new(),
            view_key: None,
            haystacks: Vec::new(),
            haystacks_gen: None,
            form: None,
            seen_detail_gen: 0,
            seen_errors_gen: 0,
            confirm_delete: None,
            merge_code: String::new(),
            merge_error: false,
            confirm_merge: None,
            focus_search: false,
            entry: None,
        }
    }
}

impl CustomersPanel {
    /// Number of rows the table shows now (after search and filters).
    pub fn visible_rows(&self) -> usize {
        self.view.len()
    }

    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        self.sync(ctx);
        self.shortcuts(ui, ctx);
        self.refresh_view(ctx);

        if self.form.is_some() {
            // At most 60 % of the room: in a narrow window (presenter mode
            // at 200 %) the table keeps a readable part beside it.
            let most = (ui.available_width() * 0.6).max(200.0);
            egui::Panel::right("customer_detail")
                .resizable(true)
                .default_size(theme::DETAIL_WIDTH.min(most))
                .max_size(most)
                .show(ui, |ui| {
                    // Its width is the panel's, not its content's: wider
                    // content (a long address, the purchases) scrolls
                    // instead of widening the panel and squeezing the table.
                    egui::ScrollArea::both()
                        .auto_shrink(false)
                        .show(ui, |ui| self.form_ui(ui, ctx));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.toolbar_ui(ui, ctx);
            ui.separator();
            egui::ScrollArea::horizontal().show(ui, |ui| self.table_ui(ui, ctx));
        });
        self.confirm_delete_ui(ui, ctx);
        self.confirm_merge_ui(ui, ctx);
        super::records::entry_modal_ui(ui, ctx, &mut self.entry);
    }

    fn confirm_merge_ui(&mut self, ui: &egui::Ui, ctx: &AppCtx<'_>) {
        let t = ctx.t;
        let Some(merge) = self.confirm_merge.clone() else { return };
        let confirm = Confirm::new("confirm_merge", t.merge_title, t.merge, t.cancel);
        let decided = confirm.max_width(440.0).show(ui, |ui| {
            ui.label((t.merge_body)(&merge.from, &merge.into, &keys::name(ui.ctx(), &keys::UNDO)));
        });
        if let Some(confirmed) = decided {
            self.confirm_merge = None;
            if confirmed {
                self.merge_code.clear();
                ctx.send(AppCommand::Write(Box::new(Command::MergeCustomers {
                    keep: merge.keep,
                    remove: merge.remove,
                })));
            }
        }
    }

    /// Follows the cache: a newly loaded customer replaces the form, and
    /// store-side problems (a duplicate code) join the form's errors.
    fn sync(&mut self, ctx: &AppCtx<'_>) {
        if ctx.data.detail.generation() != self.seen_detail_gen {
            self.seen_detail_gen = ctx.data.detail.generation();
            match &*ctx.data.detail {
                Some(d) => {
                    self.form = Some(Form {
                        id: Some(d.customer.id),
                        code: d.customer.code.clone(),
                        data: d.customer.data.clone(),
                        errors: Vec::new(),
                    });
                }
                // The shown customer went away; a new, unsaved form stays.
                None if self.form.as_ref().is_some_and(|f| f.id.is_some()) => self.form = None,
                None => {}
            }
        }
        if ctx.data.form_errors.generation() != self.seen_errors_gen {
            self.seen_errors_gen = ctx.data.form_errors.generation();
            if let Some(form) = &mut self.form {
                form.errors.clone_from(&ctx.data.form_errors);
            }
        }
    }

    fn shortcuts(&mut self, ui: &egui::Ui, ctx: &AppCtx<'_>) {
        if ui.input_mut(|i| i.consume_shortcut(&keys::NEW)) {
            self.start_new(ctx);
        }
        if ui.input_mut(|i| i.consume_shortcut(&keys::FIND)) {
            self.focus_search = true;
        }
        if self.form.is_some() && ui.input_mut(|i| i.consume_shortcut(&keys::SAVE)) {
            self.save(ctx);
        }
        let typing = ui.ctx().egui_wants_keyboard_input();
        if !typing
            && self.confirm_delete.is_none()
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Delete))
        {
            self.ask_delete();
        }
    }

    fn start_new(&mut self, ctx: &AppCtx<'_>) {
        ctx.send(AppCommand::Deselect);
        self.form = Some(Form::blank());
    }

    fn ask_delete(&mut self) {
        if let Some(Form { id: Some(id), data, .. }) = &self.form {
            self.confirm_delete = Some(PendingDelete { id: *id, name: data.name.clone() });
        }
    }

    fn confirm_delete_ui(&mut self, ui: &egui::Ui, ctx: &AppCtx<'_>) {
        let t = ctx.t;
        let Some(pending) = self.confirm_delete.clone() else { return };
        let confirm =
            Confirm::new("confirm_delete", t.confirm_delete_title, t.move_to_trash, t.cancel);
        let decided = confirm.show(ui, |ui| {
            ui.label((t.confirm_delete_body)(&pending.name, &keys::name(ui.ctx(), &keys::UNDO)));
        });
        if let Some(confirmed) = decided {
            self.confirm_delete = None;
            if confirmed {
                ctx.send(AppCommand::Write(Box::new(Command::DeleteCustomer(pending.id))));
            }
        }
    }
}
