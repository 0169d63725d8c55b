//! The customers-and-pipeline panel: the relationship ladder as a board
//! (drag cards, or use a card's menu; skips and downward moves ask for a
//! reason), the opportunity board and list with weighted totals, activities
//! with a timeline, churn and at-risk customers, and acquisition proposals.
//! Column totals come from the database; only visible cards are laid out.

mod activities;
mod board;
mod churn;
mod ladder;
mod list;
mod proposals;

use std::collections::{HashMap, HashSet};

use egui::Id;

use self::activities::ActivityForm;
use self::churn::{ChurnForm, ChurnKey};
use self::ladder::{BoardKey, PendingMove};
use self::list::{ListSort, OpportunityForm};
use self::proposals::ProposalsKey;
use super::AppCtx;
use crate::domain::customer::CustomerId;
use crate::domain::pipeline::ChurnState;
use crate::domain::terms::{Grade, OpportunityStage};

/// Height of one card on a board.
const CARD_HEIGHT: f32 = 78.0;

/// The panel's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Ladder,
    Board,
    List,
    Activities,
    Churn,
    Proposals,
}

/// The pipeline panel.
#[derive(Debug, Default)]
pub struct PipelinePanel {
    tab: Tab,
    grade: Option<Grade>,
    industry: String,
    owner: String,
    risk_only: bool,
    columns: Vec<Vec<usize>>,
    columns_key: Option<BoardKey>,
    pending: Option<PendingMove>,
    search: String,
    stage_filter: Option<OpportunityStage>,
    /// List sort (`None`: newest first).
    sort: Option<ListSort>,
    new_opportunity: OpportunityForm,
    activity_code: String,
    activity: ActivityForm,
    /// The churn form of each customer row touched.
    churn_reason: HashMap<CustomerId, ChurnForm>,
    dismissed: HashSet<CustomerId>,
    /// At-risk and churned customers (indices into the customer rows, the
    /// longest without a purchase first) and what they were derived from.
    churn_rows: Vec<(usize, ChurnState)>,
    churn_key: Option<ChurnKey>,
    /// Acquisition proposals (indices into the customer rows) and what they
    /// were derived from.
    proposals: Vec<usize>,
    proposals_key: Option<ProposalsKey>,
    /// A won opportunity whose sale is offered: its customer's code, its
    /// value and title.
    won: Option<(String, i64, String)>,
    /// The sale being recorded for it.
    entry: Option<super::records::EntryForm>,
}

impl PipelinePanel {
    /// Shows a tab.
    pub fn set_tab(&mut self, tab: Tab) {
        self.tab = tab;
    }

    /// Shows the activities tab for a customer code.
    pub fn show_activities(&mut self, code: String) {
        self.tab = Tab::Activities;
        self.activity_code = code;
    }

    /// Shows the opportunity list searched for this title (from Today).
    pub fn show_opportunity(&mut self, title: &str) {
        self.tab = Tab::List;
        self.stage_filter = None;
        title.clone_into(&mut self.search);
    }

    /// Whether a move is waiting for its reason.
    pub fn is_asking_reason(&self) -> bool {
        self.pending.is_some()
    }

    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let p = ctx.t.pipeline;
        ui.horizontal_wrapped(|ui| {
            ui.heading(p.title);
            ui.separator();
            for (tab, title) in [
                (Tab::Ladder, p.tab_ladder),
                (Tab::Board, p.tab_board),
                (Tab::List, p.tab_list),
                (Tab::Activities, p.tab_activities),
                (Tab::Churn, p.tab_churn),
                (Tab::Proposals, p.tab_proposals),
            ] {
                ui.selectable_value(&mut self.tab, tab, title);
            }
        });
        ui.separator();
        match self.tab {
            Tab::Ladder => self.ladder_ui(ui, ctx),
            Tab::Board => self.board_ui(ui, ctx),
            Tab::List => self.list_ui(ui, ctx),
            Tab::Activities => self.activities_ui(ui, ctx),
            Tab::Churn => self.churn_ui(ui, ctx),
            Tab::Proposals => self.proposals_ui(ui, ctx),
        }
        self.pending_ui(ui, ctx);
        self.won_ui(ui, ctx);
        super::records::entry_modal_ui(ui, ctx, &mut self.entry);
    }

    /// Offers to record the sale of an opportunity just moved to won.
    fn offer_sale(&mut self, row: &crate::store::pipeline::OpportunityRow) {
        let o = &row.opportunity;
        self.won = Some((row.customer_code.clone(), o.expected_value_cents, o.title.clone()));
    }

    /// Asks whether to record the won opportunity's sale; yes opens the
    /// sale form with its customer, value and today's date.
    fn won_ui(&mut self, ui: &egui::Ui, ctx: &AppCtx<'_>) {
        let r = ctx.t.records;
        let Some((code, value, title)) = self.won.clone() else { return };
        let confirm =
            super::widgets::Confirm::new("won_sale", r.won_title, r.won_record, r.won_later);
        let decided = confirm.max_width(420.0).show(ui, |ui| {
            ui.label((r.won_body)(&title));
        });
        if let Some(record) = decided {
            self.won = None;
            if record {
                let date = ctx.now.date();
                self.entry = Some(super::records::EntryForm::won_sale(&code, date, value, &title));
            }
        }
    }
}

/// A click-sensing area over a card, for its menu (the drag source itself
/// only senses drags).
fn menu_area(ui: &mut egui::Ui, card: &egui::Response, id: Id) -> egui::Response {
    ui.interact(card.rect, id.with("menu"), egui::Sense::click())
}

/// A card's frame, the same height for every card.
fn card_frame(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::group(ui.style()).inner_margin(4.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.set_height(CARD_HEIGHT - 14.0);
        add(ui);
    });
}
