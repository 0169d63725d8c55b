//! The customers-and-pipeline panel: the relationship ladder as a board
//! (drag cards, or use a card's menu; skips and downward moves ask for a
//! reason), the opportunity board and list with weighted totals, activities
//! with a timeline, churn and at-risk customers, and acquisition proposals.
//! Column totals come from the database; only visible cards are laid out.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use egui::{Id, RichText};
use egui_extras::{Column, TableBuilder};

use super::i18n_pipeline::TrPipeline;
use super::{AppCommand, AppCtx, theme};
use crate::domain::analysis::clv::{ClvParams, clv};
use crate::domain::command::{Command, Record};
use crate::domain::customer::CustomerId;
use crate::domain::import::values::{parse_amount_cents, parse_date, parse_datetime};
use crate::domain::money::format_cents_grouped;
use crate::domain::pipeline::{
    ChurnState, churn_state, default_probability, is_acquired, is_rotting, move_needs_reason,
    weighted_cents,
};
use crate::domain::records::{Activity, ChurnRecord, Opportunity};
use crate::domain::settings::Acquisition;
use crate::domain::terms::{ActivityKind, ChurnReason, Grade, LadderStep, OpportunityStage};
use crate::store::CustomerRow;

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

/// A ladder move waiting for its reason.
#[derive(Clone, Debug)]
struct PendingMove {
    id: CustomerId,
    name: String,
    from: LadderStep,
    to: LadderStep,
    reason: String,
    error: bool,
}

/// What the ladder columns depend on.
#[derive(Clone, Debug, PartialEq)]
struct BoardKey {
    rows_gen: u64,
    grade: Option<Grade>,
    industry: String,
    owner: String,
    risk_only: bool,
    today: NaiveDate,
}

/// The new-opportunity form.
#[derive(Clone, Debug, Default)]
struct OpportunityForm {
    customer: String,
    title: String,
    value: String,
    probability: String,
    close: String,
    error: Option<&'static str>,
}

/// The new-activity form.
#[derive(Clone, Debug, Default)]
struct ActivityForm {
    kind: Option<ActivityKind>,
    at: String,
    subject: String,
    outcome: String,
    next_step: String,
    due: String,
    opportunity: Option<i64>,
    complaint: String,
    error: Option<&'static str>,
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
    /// List sort: column index and ascending (`None`: newest first).
    sort: Option<(usize, bool)>,
    new_opportunity: OpportunityForm,
    activity_code: String,
    activity: ActivityForm,
    /// The churn form of each customer row touched: reason, root cause, try repair.
    churn_reason: HashMap<CustomerId, (ChurnReason, String, bool)>,
    dismissed: HashSet<CustomerId>,
    /// At-risk and churned customers (indices into the customer rows, the
    /// longest without a purchase first) and what they were derived from.
    churn_rows: Vec<(usize, ChurnState)>,
    churn_key: Option<(u64, NaiveDate, u32)>,
    /// Acquisition proposals (indices into the customer rows) and what they
    /// were derived from.
    proposals: Vec<usize>,
    proposals_key: Option<(u64, Acquisition, usize)>,
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
    }

    fn refresh_columns(&mut self, ctx: &AppCtx<'_>) {
        let key = BoardKey {
            rows_gen: ctx.data.customers.generation(),
            grade: self.grade,
            industry: self.industry.trim().to_lowercase(),
            owner: self.owner.trim().to_lowercase(),
            risk_only: self.risk_only,
            today: ctx.now.date(),
        };
        if self.columns_key.as_ref() == Some(&key) {
            return;
        }
        let churn_days = ctx.data.settings.churn_days;
        let mut columns = vec![Vec::new(); LadderStep::ALL.len()];
        for (i, c) in ctx.data.customers.iter().enumerate() {
            let state = churn_state(c.last_purchase, key.today, churn_days);
            let keep = key.grade.is_none_or(|g| c.grade == Some(g))
                && (key.industry.is_empty() || c.industry.to_lowercase().contains(&key.industry))
                && (key.owner.is_empty() || c.owner.to_lowercase().contains(&key.owner))
                && (!key.risk_only || matches!(state, ChurnState::AtRisk | ChurnState::Churned));
            if keep {
                columns[c.ladder_step as usize].push(i);
            }
        }
        // Highest revenue first, ties by code: the rows are in code order
        // already and the sort is stable, so integers are all it compares.
        for column in &mut columns {
            column.sort_by_key(|&i| std::cmp::Reverse(ctx.data.customers[i].revenue_cents));
        }
        self.columns = columns;
        self.columns_key = Some(key);
    }

    fn ladder_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        ui.horizontal_wrapped(|ui| {
            super::widgets::vocab_combo_opt(ui, p.grade, lang, p.all, &mut self.grade);
            for (label, text) in [(p.industry, &mut self.industry), (p.owner, &mut self.owner)] {
                let label = ui.label(label);
                let _field = ui
                    .add(egui::TextEdit::singleline(text).desired_width(100.0))
                    .labelled_by(label.id);
            }
            ui.checkbox(&mut self.risk_only, p.at_risk_only);
            ui.separator();
            egui::CollapsingHeader::new(p.about).id_salt("ladder_note").show(ui, |ui| {
                ui.set_max_width(700.0);
                ui.label(p.note_ladder);
                ui.label(p.note_stages);
            });
        });
        self.refresh_columns(ctx);
        // Card text is not selectable: a press on a card drags or opens its menu.
        ui.style_mut().interaction.selectable_labels = false;
        let today = ctx.now.date();
        let churn_days = ctx.data.settings.churn_days;
        let width = (ui.available_width() / 6.0 - 20.0).max(150.0);
        let height = ui.available_height() - 8.0;
        let mut dropped: Option<(CustomerId, LadderStep)> = None;
        egui::ScrollArea::horizontal().id_salt("ladder_board").show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (col, step) in LadderStep::ALL.iter().enumerate() {
                    let total = ctx.data.ladder_totals.iter().find(|t| t.step == *step);
                    let frame = egui::Frame::group(ui.style()).inner_margin(4.0);
                    let (_, payload) =
                        ui.dnd_drop_zone::<CustomerId, ()>(frame, |ui| {
                            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                                ui.set_width(width);
                                ui.set_min_height(height - 12.0);
                                ui.label(RichText::new(step.name(lang)).heading().strong());
                                if let Some(t) = total {
                                    ui.label((p.column_total)(
                                        t.customers,
                                        &format_cents_grouped(t.revenue_cents),
                                    ));
                                }
                                let shown = &self.columns[col];
                                if total.is_some_and(|t| {
                                    usize::try_from(t.customers).ok() != Some(shown.len())
                                }) {
                                    ui.weak((p.shown)(shown.len()));
                                }
                                egui::ScrollArea::vertical()
                                    .id_salt(("ladder_col", col))
                                    .show_rows(ui, CARD_HEIGHT, shown.len(), |ui, range| {
                                        for &i in &shown[range] {
                                            let c = &ctx.data.customers[i];
                                            if let Some(to) =
                                                ladder_card(ui, ctx, p, c, today, churn_days)
                                            {
                                                dropped = Some((c.id, to));
                                            }
                                        }
                                    });
                            });
                        });
                    if let Some(id) = payload {
                        dropped = Some((*id, *step));
                    }
                }
            });
        });
        if let Some((id, to)) = dropped {
            self.request_move(ctx, id, to);
        }
    }

    /// A move from a drop or a card menu: direct, or after asking a reason.
    fn request_move(&mut self, ctx: &AppCtx<'_>, id: CustomerId, to: LadderStep) {
        let Some(row) = ctx.data.customers.iter().find(|c| c.id == id) else { return };
        if row.ladder_step == to {
            return;
        }
        if move_needs_reason(row.ladder_step, to) {
            self.pending = Some(PendingMove {
                id,
                name: row.name.clone(),
                from: row.ladder_step,
                to,
                reason: String::new(),
                error: false,
            });
        } else {
            ctx.send(AppCommand::Write(Box::new(Command::MoveStep {
                id,
                to,
                reason: String::new(),
            })));
        }
    }

    fn pending_ui(&mut self, ui: &egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        let Some(pending) = &mut self.pending else { return };
        let mut decided = None;
        let modal = egui::Modal::new(Id::unique("move_reason")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.heading(p.move_title);
            ui.label((p.move_body)(&pending.name, pending.from.name(lang), pending.to.name(lang)));
            let label = ui.label(p.reason);
            let field =
                ui.add(egui::TextEdit::singleline(&mut pending.reason)).labelled_by(label.id);
            field.request_focus();
            if pending.error {
                ui.colored_label(theme::ERROR, p.reason_required);
            }
            ui.horizontal(|ui| {
                if ui.button(p.confirm).clicked() {
                    decided = Some(true);
                }
                if ui.button(p.cancel).clicked() {
                    decided = Some(false);
                }
            });
        });
        if modal.should_close() && decided.is_none() {
            decided = Some(false);
        }
        match decided {
            Some(true) if pending.reason.trim().is_empty() => pending.error = true,
            Some(true) => {
                ctx.send(AppCommand::Write(Box::new(Command::MoveStep {
                    id: pending.id,
                    to: pending.to,
                    reason: pending.reason.trim().to_owned(),
                })));
                self.pending = None;
            }
            Some(false) => self.pending = None,
            None => {}
        }
    }

    fn board_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        ui.style_mut().interaction.selectable_labels = false;
        let today = ctx.now.date();
        let rotting_days = ctx.data.settings.rotting_days;
        let width = (ui.available_width() / 6.0 - 20.0).max(150.0);
        let height = ui.available_height() - 8.0;
        let mut moved: Option<(i64, OpportunityStage)> = None;
        egui::ScrollArea::horizontal().id_salt("opportunity_board").show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (col, stage) in OpportunityStage::ALL.iter().enumerate() {
                    let rows: Vec<usize> = (0..ctx.data.opportunities.len())
                        .filter(|&i| ctx.data.opportunities[i].opportunity.stage == *stage)
                        .collect();
                    let total = ctx.data.stage_totals.iter().find(|t| t.stage == *stage);
                    let frame = egui::Frame::group(ui.style()).inner_margin(4.0);
                    let (_, payload) = ui.dnd_drop_zone::<i64, ()>(frame, |ui| {
                        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                            ui.set_width(width);
                            ui.set_min_height(height - 12.0);
                            ui.label(RichText::new(stage.name(lang)).heading().strong());
                            if let Some(t) = total {
                                ui.label((p.weighted)(
                                    t.count,
                                    &format_cents_grouped(t.value_cents),
                                    &format_cents_grouped(t.weighted_cents),
                                ));
                            }
                            egui::ScrollArea::vertical().id_salt(("opp_col", col)).show_rows(
                                ui,
                                CARD_HEIGHT,
                                rows.len(),
                                |ui, range| {
                                    for &i in &rows[range] {
                                        let row = &ctx.data.opportunities[i];
                                        let o = &row.opportunity;
                                        let rotting = is_rotting(
                                            o.stage,
                                            o.created_at,
                                            row.last_activity,
                                            row.next_step_due,
                                            today,
                                            rotting_days,
                                        );
                                        let id = Id::unique(("opp_card", o.id));
                                        let card = ui.dnd_drag_source(id, o.id, |ui| {
                                            card_frame(ui, |ui| {
                                                ui.strong(&o.title);
                                                ui.label(&row.customer_name);
                                                ui.horizontal(|ui| {
                                                    let close = o
                                                        .expected_close
                                                        .map(|d| format!(" · {d}"))
                                                        .unwrap_or_default();
                                                    ui.label(format!(
                                                        "¥{} · {}%{close}",
                                                        format_cents_grouped(
                                                            o.expected_value_cents
                                                        ),
                                                        o.probability_pct
                                                    ));
                                                    if rotting {
                                                        ui.colored_label(theme::ERROR, p.rotting);
                                                    }
                                                });
                                            });
                                        });
                                        menu_area(ui, &card.response, id).context_menu(|ui| {
                                            for target in OpportunityStage::ALL {
                                                if *target != o.stage
                                                    && ui
                                                        .button((p.move_to)(target.name(lang)))
                                                        .clicked()
                                                {
                                                    moved = Some((o.id, *target));
                                                    ui.close();
                                                }
                                            }
                                        });
                                    }
                                },
                            );
                        });
                    });
                    if let Some(id) = payload {
                        moved = Some((*id, *stage));
                    }
                }
            });
        });
        if let Some((id, to)) = moved
            && ctx
                .data
                .opportunities
                .iter()
                .any(|r| r.opportunity.id == id && r.opportunity.stage != to)
        {
            ctx.send(AppCommand::Write(Box::new(Command::MoveOpportunity {
                id,
                to,
                note: String::new(),
            })));
        }
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(p.search);
            let _search = ui
                .add(egui::TextEdit::singleline(&mut self.search).desired_width(160.0))
                .labelled_by(label.id);
            super::widgets::vocab_combo_opt(ui, p.stage, lang, p.all, &mut self.stage_filter);
        });
        self.new_opportunity_ui(ui, ctx);
        let needle = self.search.trim().to_lowercase();
        let mut rows: Vec<usize> = (0..ctx.data.opportunities.len())
            .filter(|&i| {
                let r = &ctx.data.opportunities[i];
                self.stage_filter.is_none_or(|s| r.opportunity.stage == s)
                    && (needle.is_empty()
                        || r.opportunity.title.to_lowercase().contains(&needle)
                        || r.customer_name.to_lowercase().contains(&needle)
                        || r.customer_code.to_lowercase().contains(&needle))
            })
            .collect();
        let (column, ascending) = self.sort.unwrap_or((7, false));
        rows.sort_by(|&a, &b| {
            let (a, b) = (&ctx.data.opportunities[a], &ctx.data.opportunities[b]);
            let (x, y) = (&a.opportunity, &b.opportunity);
            let order = match column {
                0 => x.title.cmp(&y.title),
                1 => a.customer_code.cmp(&b.customer_code),
                2 => x.stage.cmp(&y.stage),
                3 => x.expected_value_cents.cmp(&y.expected_value_cents),
                4 => weighted_cents(x.expected_value_cents, x.probability_pct)
                    .cmp(&weighted_cents(y.expected_value_cents, y.probability_pct)),
                5 => x.probability_pct.cmp(&y.probability_pct),
                6 => x.expected_close.cmp(&y.expected_close),
                _ => x.created_at.cmp(&y.created_at),
            }
            .then_with(|| x.id.cmp(&y.id));
            if ascending { order } else { order.reverse() }
        });
        let mut clicked_header = None;
        ui.push_id("opportunity_list", |ui| {
            TableBuilder::new(ui)
                .striped(true)
                .column(Column::initial(200.0).clip(true))
                .column(Column::initial(180.0).clip(true))
                .column(Column::initial(70.0))
                .columns(Column::initial(110.0), 2)
                .column(Column::initial(70.0))
                .columns(Column::initial(100.0), 2)
                .header(20.0, |mut h| {
                    for (i, title) in [
                        p.title_col,
                        p.customer,
                        p.stage,
                        p.value,
                        p.weighted_col,
                        p.probability,
                        p.expected_close,
                        p.created,
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        h.col(|ui| {
                            let arrow = match (column == i, ascending) {
                                (true, true) => " ↑",
                                (true, false) => " ↓",
                                _ => "",
                            };
                            let label = RichText::new(format!("{title}{arrow}")).strong();
                            if ui.add(egui::Button::new(label).frame(false)).clicked() {
                                clicked_header = Some(i);
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT, rows.len(), |mut row| {
                        let r = &ctx.data.opportunities[rows[row.index()]];
                        let o = &r.opportunity;
                        row.col(|ui| {
                            ui.label(&o.title);
                        });
                        row.col(|ui| {
                            ui.label(format!("{} {}", r.customer_code, r.customer_name));
                        });
                        row.col(|ui| {
                            ui.label(o.stage.name(lang));
                        });
                        row.col(|ui| {
                            ui.label(format_cents_grouped(o.expected_value_cents));
                        });
                        row.col(|ui| {
                            ui.weak(format_cents_grouped(weighted_cents(
                                o.expected_value_cents,
                                o.probability_pct,
                            )));
                        });
                        row.col(|ui| {
                            ui.label(o.probability_pct.to_string());
                        });
                        row.col(|ui| {
                            ui.label(o.expected_close.map(|d| d.to_string()).unwrap_or_default());
                        });
                        row.col(|ui| {
                            ui.label(o.created_at.date().to_string());
                        });
                    });
                });
        });
        if let Some(i) = clicked_header {
            self.sort = Some(match self.sort {
                Some((c, asc)) if c == i => (i, !asc),
                _ => (i, true),
            });
        }
    }

    fn new_opportunity_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let p = ctx.t.pipeline;
        let f = &mut self.new_opportunity;
        ui.horizontal_wrapped(|ui| {
            ui.strong(p.new_opportunity);
            for (hint, text) in [
                (p.customer_code, &mut f.customer),
                (p.title_col, &mut f.title),
                (p.value, &mut f.value),
                (p.probability, &mut f.probability),
                (p.expected_close, &mut f.close),
            ] {
                let _field =
                    ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(110.0));
            }
            if ui.button(p.save).clicked() {
                let customer =
                    ctx.data.customers.iter().find(|c| c.code == f.customer.trim()).map(|c| c.id);
                let value = parse_amount_cents(&f.value);
                let probability = if f.probability.trim().is_empty() {
                    Ok(default_probability(OpportunityStage::Lead))
                } else {
                    f.probability.trim().parse::<u8>().ok().filter(|p| *p <= 100).ok_or(())
                };
                let close = if f.close.trim().is_empty() {
                    Ok(None)
                } else {
                    parse_date(&f.close).map(Some)
                };
                f.error = match (customer, value, probability, close) {
                    (None, ..) => Some(p.unknown_customer),
                    _ if f.title.trim().is_empty() => Some(p.required),
                    (_, Err(_), ..) => Some(p.bad_amount),
                    (_, _, Err(()), _) => Some(p.bad_probability),
                    (_, _, _, Err(_)) => Some(p.bad_date),
                    (Some(customer), Ok(value), Ok(probability), Ok(close)) => {
                        let record = Opportunity {
                            id: 0,
                            customer,
                            title: f.title.trim().to_owned(),
                            stage: OpportunityStage::Lead,
                            expected_value_cents: value,
                            probability_pct: probability,
                            expected_close: close,
                            created_at: ctx.now,
                            closed_at: None,
                            delivered_at: None,
                            owner: String::new(),
                            notes: String::new(),
                        };
                        ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                            id: None,
                            record: Box::new(Record::Opportunity(record)),
                        })));
                        *f = OpportunityForm::default();
                        None
                    }
                };
            }
            if let Some(e) = f.error {
                ui.colored_label(theme::ERROR, e);
            }
        });
    }

    fn activities_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        ui.horizontal(|ui| {
            let label = ui.label(p.customer_code);
            let _code = ui
                .add(egui::TextEdit::singleline(&mut self.activity_code).desired_width(120.0))
                .labelled_by(label.id);
            if ui.button(p.load).clicked() {
                match ctx.data.customers.iter().find(|c| c.code == self.activity_code.trim()) {
                    Some(c) => {
                        ctx.send(AppCommand::LoadActivities(c.id));
                        self.activity.error = None;
                    }
                    None => self.activity.error = Some(p.unknown_customer),
                }
            }
        });
        let Some((customer, activities)) = &ctx.data.activities else {
            if let Some(e) = self.activity.error {
                ui.colored_label(theme::ERROR, e);
            }
            return;
        };
        let who = ctx.data.customers.iter().find(|c| c.id == *customer);
        ui.heading((p.timeline)(
            &who.map(|c| format!("{} {}", c.code, c.name)).unwrap_or_default(),
        ));
        self.activity_form_ui(ui, ctx, *customer);
        if activities.is_empty() {
            ui.label(p.no_activities);
        }
        let today = ctx.now.date();
        let latest = activities.first().map(|a| a.at);
        egui::ScrollArea::vertical().id_salt("timeline").show(ui, |ui| {
            for a in activities {
                ui.horizontal_wrapped(|ui| {
                    ui.label(a.at.format("%Y-%m-%d %H:%M").to_string());
                    ui.strong(a.kind.name(lang));
                    ui.label(&a.subject);
                    if !a.outcome.is_empty() {
                        ui.weak(&a.outcome);
                    }
                    if let Some(due) = a.next_step_due {
                        let overdue = due < today && Some(a.at) == latest;
                        let text = format!("{} {} ({})", p.next_step, a.next_step, due);
                        if overdue {
                            ui.colored_label(theme::ERROR, format!("{text} · {}", p.overdue));
                        } else {
                            ui.label(text);
                        }
                    }
                });
            }
        });
    }

    fn activity_form_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, customer: CustomerId) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        let f = &mut self.activity;
        if f.at.is_empty() {
            f.at = ctx.now.format("%Y-%m-%d %H:%M").to_string();
        }
        ui.horizontal_wrapped(|ui| {
            let kind = f.kind.get_or_insert(ActivityKind::Call);
            super::widgets::vocab_combo(ui, p.kind, lang, kind);
            for (hint, text) in [
                (p.at, &mut f.at),
                (p.subject, &mut f.subject),
                (p.outcome, &mut f.outcome),
                (p.next_step, &mut f.next_step),
                (p.due, &mut f.due),
                (p.complaint_id, &mut f.complaint),
            ] {
                let _field =
                    ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(110.0));
            }
            let shown = f
                .opportunity
                .and_then(|id| ctx.data.opportunities.iter().find(|o| o.opportunity.id == id))
                .map_or(p.none, |o| o.opportunity.title.as_str());
            let label = ui.label(p.opportunity);
            let _opp = egui::ComboBox::from_id_salt("activity_opportunity")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.opportunity, None, p.none);
                    for o in
                        ctx.data.opportunities.iter().filter(|o| o.opportunity.customer == customer)
                    {
                        ui.selectable_value(
                            &mut f.opportunity,
                            Some(o.opportunity.id),
                            &o.opportunity.title,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            if ui.button(p.add_activity).clicked() {
                let due =
                    if f.due.trim().is_empty() { Ok(None) } else { parse_date(&f.due).map(Some) };
                let complaint = if f.complaint.trim().is_empty() {
                    Ok(None)
                } else {
                    f.complaint.trim().trim_start_matches('#').parse::<i64>().map(Some)
                };
                f.error = match (parse_datetime(&f.at), due, complaint) {
                    (Err(_), ..) => Some(p.bad_datetime),
                    (_, Err(_), _) => Some(p.bad_date),
                    (_, _, Err(_)) => Some(p.required),
                    (Ok(at), Ok(due), Ok(complaint)) => {
                        let record = Activity {
                            id: 0,
                            customer,
                            opportunity: f.opportunity,
                            complaint,
                            kind: f.kind.unwrap_or(ActivityKind::Call),
                            at,
                            subject: f.subject.trim().to_owned(),
                            outcome: f.outcome.trim().to_owned(),
                            next_step: f.next_step.trim().to_owned(),
                            next_step_due: due,
                        };
                        ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                            id: None,
                            record: Box::new(Record::Activity(record)),
                        })));
                        *f = ActivityForm::default();
                        None
                    }
                };
            }
            if let Some(e) = f.error {
                ui.colored_label(theme::ERROR, e);
            }
        });
    }

    fn churn_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        ui.label(RichText::new(p.churn_warning).color(theme::GOLD));
        let today = ctx.now.date();
        let settings = &ctx.data.settings;
        let params = ClvParams::from(settings);
        let key = (ctx.data.customers.generation(), today, settings.churn_days);
        if self.churn_key != Some(key) {
            self.churn_rows = (0..ctx.data.customers.len())
                .map(|i| (i, churn_state(ctx.data.customers[i].last_purchase, today, key.2)))
                .filter(|(_, s)| matches!(s, ChurnState::AtRisk | ChurnState::Churned))
                .collect();
            self.churn_rows.sort_by_key(|&(i, _)| ctx.data.customers[i].last_purchase);
            self.churn_key = Some(key);
        }
        let rows = &self.churn_rows;
        let forms = &mut self.churn_reason;
        let mut record = None;
        ui.push_id("churn_table", |ui| {
            TableBuilder::new(ui)
                .striped(true)
                .column(Column::initial(80.0))
                .column(Column::initial(180.0).clip(true))
                .column(Column::initial(100.0))
                .column(Column::initial(90.0))
                .column(Column::initial(130.0))
                .column(Column::initial(130.0))
                .column(Column::initial(140.0))
                .column(Column::remainder())
                .header(20.0, |mut h| {
                    for title in [
                        "",
                        p.customer,
                        p.last_purchase,
                        p.state,
                        p.loss,
                        p.reason,
                        p.root_cause,
                        "",
                    ] {
                        h.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT + 4.0, rows.len(), |mut row| {
                        let (i, state) = rows[row.index()];
                        let c = &ctx.data.customers[i];
                        let loss = c
                            .first_purchase
                            .map_or(0.0, |first| clv(c.revenue_cents, first, today, &params).clv);
                        row.col(|ui| {
                            ui.label(&c.code);
                        });
                        row.col(|ui| {
                            ui.label(&c.name);
                        });
                        row.col(|ui| {
                            ui.label(c.last_purchase.map(|d| d.to_string()).unwrap_or_default());
                        });
                        row.col(|ui| {
                            let (text, colour) = match state {
                                ChurnState::Churned => (p.churned, theme::ERROR),
                                _ => (p.at_risk, theme::GOLD),
                            };
                            ui.colored_label(colour, text);
                        });
                        row.col(|ui| {
                            #[allow(clippy::cast_possible_truncation)]
                            ui.label(format!("¥{}", format_cents_grouped(loss.round() as i64)));
                        });
                        let entry =
                            forms.entry(c.id).or_insert((ChurnReason::Other, String::new(), false));
                        row.col(|ui| {
                            egui::ComboBox::from_id_salt(("churn_reason", c.id.0))
                                .selected_text(entry.0.name(lang))
                                .show_ui(ui, |ui| {
                                    for r in ChurnReason::ALL {
                                        ui.selectable_value(&mut entry.0, *r, r.name(lang));
                                    }
                                });
                        });
                        row.col(|ui| {
                            let _root = ui
                                .add(egui::TextEdit::singleline(&mut entry.1).desired_width(130.0));
                        });
                        row.col(|ui| {
                            ui.checkbox(&mut entry.2, p.try_repair);
                            if ui.small_button(p.record_churn).clicked() {
                                #[allow(clippy::cast_possible_truncation)]
                                let loss = loss.round() as i64;
                                record = Some(ChurnRecord {
                                    customer: c.id,
                                    recorded_at: today,
                                    reason: entry.0,
                                    root_cause: entry.1.trim().to_owned(),
                                    try_repair: entry.2,
                                    estimated_loss_cents: loss,
                                });
                            }
                        });
                    });
                });
        });
        if let Some(record) = record {
            ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                id: None,
                record: Box::new(Record::Churn(record)),
            })));
        }
    }

    fn proposals_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let p = ctx.t.pipeline;
        let definition = ctx.data.settings.acquisition;
        let def_text = match definition {
            Acquisition::Transaction => p.def_transaction,
            Acquisition::Process => p.def_process,
        };
        ui.label((p.proposals_intro)(def_text));
        let key = (ctx.data.customers.generation(), definition, self.dismissed.len());
        if self.proposals_key != Some(key) {
            self.proposals = (0..ctx.data.customers.len())
                .filter(|&i| {
                    let c = &ctx.data.customers[i];
                    c.ladder_step == LadderStep::Prospect
                        && !self.dismissed.contains(&c.id)
                        && is_acquired(c.first_purchase, c.last_purchase, definition)
                })
                .collect();
            self.proposals_key = Some(key);
        }
        if self.proposals.is_empty() {
            ui.label(p.no_proposals);
            return;
        }
        let mut dismiss = None;
        // Only the rows on screen are laid out (there can be tens of thousands).
        ui.push_id("proposals", |ui| {
            TableBuilder::new(ui)
                .striped(true)
                .column(Column::initial(90.0))
                .column(Column::initial(240.0).clip(true))
                .column(Column::initial(140.0))
                .column(Column::remainder())
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT + 4.0, self.proposals.len(), |mut row| {
                        let c = &ctx.data.customers[self.proposals[row.index()]];
                        row.col(|ui| {
                            ui.label(&c.code);
                        });
                        row.col(|ui| {
                            ui.label(&c.name);
                        });
                        row.col(|ui| {
                            ui.label(format!("¥{}", format_cents_grouped(c.revenue_cents)));
                        });
                        row.col(|ui| {
                            if ui.button(p.accept).clicked() {
                                ctx.send(AppCommand::Write(Box::new(Command::MoveStep {
                                    id: c.id,
                                    to: LadderStep::Customer,
                                    reason: String::new(),
                                })));
                            }
                            if ui.button(p.dismiss).clicked() {
                                dismiss = Some(c.id);
                            }
                        });
                    });
                });
        });
        if let Some(id) = dismiss {
            self.dismissed.insert(id);
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

/// One customer card on the ladder; returns a step chosen from its menu.
fn ladder_card(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    p: &TrPipeline,
    c: &CustomerRow,
    today: NaiveDate,
    churn_days: u32,
) -> Option<LadderStep> {
    let lang = ctx.lang;
    let state = churn_state(c.last_purchase, today, churn_days);
    let card = ui.dnd_drag_source(Id::unique(("ladder_card", c.id.0)), c.id, |ui| {
        card_frame(ui, |ui| {
            ui.horizontal(|ui| {
                ui.add(egui::Label::new(RichText::new(&c.name).strong()).truncate());
                match state {
                    ChurnState::AtRisk => {
                        ui.colored_label(theme::GOLD, p.at_risk);
                    }
                    ChurnState::Churned => {
                        ui.colored_label(theme::ERROR, p.churned);
                    }
                    _ => {}
                }
            });
            ui.label(format!("{} · ¥{}", c.code, format_cents_grouped(c.revenue_cents)));
            match c.last_purchase {
                Some(last) => ui.weak((p.days_since)((today - last).num_days())),
                None => ui.weak(p.never_bought),
            };
            if let Some(contact) = c.last_contact {
                ui.weak((p.last_contact)(&short(contact)));
            }
        });
    });
    let mut chosen = None;
    menu_area(ui, &card.response, Id::unique(("ladder_card", c.id.0))).context_menu(|ui| {
        for step in LadderStep::ALL {
            if *step != c.ladder_step && ui.button((p.move_to)(step.name(lang))).clicked() {
                chosen = Some(*step);
                ui.close();
            }
        }
    });
    chosen
}

fn short(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d").to_string()
}
