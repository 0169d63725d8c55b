//! Drawing one frame: the read-only banner, the status line, the
//! navigation, the panel shown, and the dialogs (demo offer, import wizard,
//! restore window, About). Draws only from the caches.

use super::LadderApp;
use crate::store::{Store, export};
use crate::ui::compliance::CompliancePanel;
use crate::ui::customers::CustomersPanel;
use crate::ui::pipeline::PipelinePanel;
use crate::ui::settings::SettingsPanel;
use crate::ui::today::TodayPanel;
use crate::ui::value::ValuePanel;
use crate::ui::{AppCommand, AppCtx, Panel, theme};

/// The panels, and whether the About window is open.
pub(super) struct Panels {
    pub(super) today: TodayPanel,
    pub(super) customers: CustomersPanel,
    pub(super) value: ValuePanel,
    pub(super) pipeline: PipelinePanel,
    pub(super) compliance: CompliancePanel,
    pub(super) settings: SettingsPanel,
    /// Help → About… is shown.
    pub(super) about: bool,
    /// The Explain window, when a figure was clicked.
    pub(super) explain: Option<crate::ui::explain::ExplainWindow>,
    /// Why the file last asked for could not be opened, until closed.
    pub(super) open_refused: Option<String>,
}

impl Panels {
    /// Every panel as it first appears; Settings shows this CSV encoding.
    pub(super) fn new(csv_encoding: export::CsvEncoding) -> Self {
        Self {
            today: TodayPanel::default(),
            customers: CustomersPanel::default(),
            value: ValuePanel::default(),
            pipeline: PipelinePanel::default(),
            compliance: CompliancePanel::default(),
            settings: SettingsPanel::new(csv_encoding),
            about: false,
            explain: None,
            open_refused: None,
        }
    }

    /// Draws the panel shown (without a database, only Settings works).
    fn central_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, panel: Panel, has_db: bool) {
        if !has_db && panel != Panel::Settings {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading(ctx.t.no_db_title);
                ui.label(ctx.t.no_db_body);
            });
            return;
        }
        match panel {
            Panel::Today => {
                egui::CentralPanel::default().show(ui, |ui| self.today.ui(ui, ctx));
            }
            Panel::Customers => self.customers.ui(ui, ctx),
            Panel::Value => {
                egui::CentralPanel::default().show(ui, |ui| self.value.ui(ui, ctx));
            }
            Panel::Pipeline => {
                egui::CentralPanel::default().show(ui, |ui| self.pipeline.ui(ui, ctx));
            }
            Panel::Compliance => {
                egui::CentralPanel::default().show(ui, |ui| self.compliance.ui(ui, ctx));
            }
            Panel::Settings => {
                egui::CentralPanel::default().show(ui, |ui| self.settings.ui(ui, ctx));
            }
        }
    }
}

impl LadderApp {
    /// Draws one frame: menu, navigation, status line, the current panel and
    /// any dialog.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        self.global_shortcuts(ui.ctx());
        let t = self.t();
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        if let Some(why) = self.store.as_ref().and_then(Store::read_only) {
            egui::Panel::top("read_only").show(ui, |ui| {
                ui.colored_label(theme::ERROR, (t.read_only_banner)(t.ro(why)));
            });
        }
        self.lesson_bar_ui(ui);
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        egui::Panel::left("nav").exact_size(theme::NAV_WIDTH).show(ui, |ui| self.nav_ui(ui));
        let ctx =
            AppCtx { lang: self.lang, t, data: &self.cache, now: (self.clock)(), out: &self.out };
        let has_db = self.store.is_some();
        self.panels.central_ui(ui, &ctx, self.session.prefs.panel, has_db);
        if self.cache.offer_demo {
            demo_offer_ui(ui.ctx(), &ctx);
        }
        if let Some(wizard) = &mut self.import.wizard {
            wizard.ui(ui.ctx(), &ctx);
        }
        if let Some(window) = &self.restore.window {
            window.ui(ui.ctx(), &ctx);
        }
        if self.panels.about {
            let facts = super::about::AboutFacts {
                data_dir: self.session.data_dir.as_deref(),
                database: self.cache.db_path.as_deref(),
                read_only: self.store.as_ref().and_then(Store::read_only).is_some(),
            };
            if super::about::about_ui(ui.ctx(), t, &facts) {
                self.panels.about = false;
            }
        }
        if let Some(window) = &mut self.panels.explain
            && !window.ui(ui.ctx(), &ctx)
        {
            self.panels.explain = None;
        }
        if let Some(why) = &self.panels.open_refused
            && refused_ui(ui.ctx(), t, why)
        {
            self.panels.open_refused = None;
        }
        if let Some(dialog) = self.dialogs.built_in() {
            dialog.ui(ui.ctx(), t.files);
        }
    }

    /// The status line: the customer table's loading bar and the last message.
    fn status_ui(&self, ui: &mut egui::Ui) {
        let t = self.t();
        ui.horizontal(|ui| {
            if let Some(done) = self.cache.customers_loading {
                let bar = egui::ProgressBar::new(done).desired_width(160.0);
                ui.add(bar.show_percentage().text(t.loading_customers));
            }
            let colour = if self.status.error { theme::ERROR } else { theme::OK };
            ui.colored_label(colour, &self.status.text);
        });
    }

    /// The navigation on the left: one entry per panel.
    fn nav_ui(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        ui.add_space(6.0);
        for panel in Panel::ALL {
            let title = nav_title(panel, t, self.cache.today.as_deref());
            if ui.selectable_label(self.session.prefs.panel == panel, title).clicked() {
                self.session.prefs.panel = panel;
            }
        }
    }
}

/// A panel's entry in the navigation: Today carries its overdue count, in red.
fn nav_title(
    panel: Panel,
    t: &crate::ui::Tr,
    today: Option<&crate::domain::today::TodayList>,
) -> egui::RichText {
    let overdue = today.map_or(0, crate::domain::today::TodayList::overdue);
    match panel {
        Panel::Today if overdue > 0 => {
            egui::RichText::new(format!("{} ({overdue})", panel.title(t))).color(theme::ERROR)
        }
        _ => egui::RichText::new(panel.title(t)),
    }
}

/// Says why a file could not be opened, in a window; true when closed.
fn refused_ui(ctx: &egui::Context, t: &crate::ui::Tr, why: &str) -> bool {
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("open_refused")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(t.polish.cannot_open_title);
        ui.colored_label(theme::ERROR, why);
        ui.add_space(8.0);
        close = ui.button(t.polish.close).clicked();
    });
    close || modal.should_close()
}

/// Offers the demo company when the open database is empty.
fn demo_offer_ui(ctx: &egui::Context, app: &AppCtx<'_>) {
    let t = app.t;
    egui::Modal::new(egui::Id::unique("demo_offer")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(t.demo_title);
        ui.label(t.demo_body);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(t.demo_open).clicked() {
                app.send(AppCommand::OpenDemo);
            }
            if ui.button(t.demo_empty).clicked() {
                app.send(AppCommand::DismissDemoOffer);
            }
        });
    });
}
