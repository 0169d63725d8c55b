//! Presenter mode: a light, high-contrast theme and large type for a
//! projector, one switch (View menu, Settings, [`keys::PRESENTER`]) and a
//! size preset. The app remembers it in its preferences (never in the
//! database) and applies it to the egui context when it changes.

use super::{AppCommand, AppCtx, Tr, keys, theme};

/// The type size presets of presenter mode (egui's zoom factor).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Size {
    P125,
    #[default]
    P150,
    P200,
}

impl Size {
    /// Every preset, smallest first.
    pub const ALL: [Self; 3] = [Self::P125, Self::P150, Self::P200];

    /// The preset in per cent.
    pub fn percent(self) -> u32 {
        match self {
            Self::P125 => 125,
            Self::P150 => 150,
            Self::P200 => 200,
        }
    }

    /// The zoom factor egui draws at.
    pub fn zoom(self) -> f32 {
        #[allow(clippy::cast_precision_loss)] // 125, 150 or 200.
        let zoom = self.percent() as f32 / 100.0;
        zoom
    }
}

/// Presenter mode as remembered: on or off, and the size it uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Presenter {
    pub on: bool,
    pub size: Size,
}

impl Presenter {
    /// The same with the switch flipped.
    #[must_use]
    pub fn toggled(self) -> Self {
        Self { on: !self.on, ..self }
    }
}

/// Makes the context look as `p` says: on, the presenter theme (light, high
/// contrast) and the preset's zoom; off, the system's theme at 100 %.
pub fn apply(ctx: &egui::Context, p: Presenter) {
    if p.on {
        ctx.set_visuals_of(egui::Theme::Light, theme::presenter_visuals());
        ctx.set_theme(egui::Theme::Light);
        ctx.set_zoom_factor(p.size.zoom());
    } else {
        ctx.set_visuals_of(egui::Theme::Light, egui::Visuals::light());
        ctx.set_theme(egui::ThemePreference::System);
        ctx.set_zoom_factor(1.0);
    }
}

/// The switch and the size presets; returns the change clicked.
fn switch_ui(ui: &mut egui::Ui, t: &Tr, p: Presenter) -> Option<Presenter> {
    let mut changed = None;
    let mut on = p.on;
    let shortcut = keys::name(ui.ctx(), &keys::PRESENTER);
    if ui
        .checkbox(&mut on, format!("{} ({shortcut})", t.presenter.mode))
        .on_hover_text(t.presenter.hint)
        .changed()
    {
        changed = Some(p.toggled());
    }
    ui.horizontal(|ui| {
        ui.label(t.presenter.size);
        for size in Size::ALL {
            if ui.selectable_label(p.size == size, format!("{}%", size.percent())).clicked()
                && p.size != size
            {
                // Choosing a size is asking for presenter mode.
                changed = Some(Presenter { on: true, size });
            }
        }
    });
    changed
}

/// Settings → interface: presenter mode's row of the settings grid (label,
/// switch, sizes, what it does).
pub fn settings_row(ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
    let t = ctx.t;
    ui.label(t.presenter.mode);
    ui.vertical(|ui| {
        if let Some(p) = switch_ui(ui, t, ctx.data.presenter) {
            ctx.send(AppCommand::SetPresenter(p));
        }
        ui.weak(t.presenter.hint);
    });
    ui.end_row();
}

/// View menu: the switch and the sizes; returns the change clicked.
pub fn menu_ui(ui: &mut egui::Ui, t: &Tr, p: Presenter) -> Option<Presenter> {
    let changed = switch_ui(ui, t, p);
    if changed.is_some() {
        ui.close();
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_presets_are_the_zoom_factors_and_150_is_the_default() {
        let zooms: Vec<f32> = Size::ALL.iter().map(|s| s.zoom()).collect();
        assert_eq!(zooms, [1.25, 1.5, 2.0]);
        assert_eq!(Presenter::default(), Presenter { on: false, size: Size::P150 });
        assert!(Presenter::default().toggled().on);
    }

    #[test]
    fn applying_switches_theme_and_zoom_and_back() {
        let ctx = egui::Context::default();
        // The zoom takes effect from the next pass on.
        let pass = || ctx.run_pass(egui::RawInput::default(), |_| {}).textures_delta.clear();
        apply(&ctx, Presenter { on: true, size: Size::P200 });
        pass();
        assert!((ctx.zoom_factor() - 2.0).abs() < f32::EPSILON);
        assert!(!ctx.global_style().visuals.dark_mode);
        assert_eq!(
            ctx.global_style().visuals.override_text_color,
            theme::presenter_visuals().override_text_color
        );
        apply(&ctx, Presenter::default());
        pass();
        assert!((ctx.zoom_factor() - 1.0).abs() < f32::EPSILON);
        assert_eq!(ctx.global_style().visuals.override_text_color, None);
    }
}
