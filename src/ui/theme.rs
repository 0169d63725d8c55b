//! Design tokens (colours, spacing) and the fonts, installed once at start.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{Color32, FontData, FontFamily};

/// The bundled CJK subset (GB2312 + ASCII), see `assets/fonts/README.md`.
const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei-gb2312.ttf");

/// ⌈ ⌉ ⌊ ⌋ (U+2308–230B) from DejaVu Sans, for the explanations' formulas
/// (neither egui's fonts nor the CJK subset have them).
const BRACKETS_FONT: &[u8] = include_bytes!("../../assets/fonts/dejavu-sans-brackets.ttf");

/// Adds the CJK font after egui's Latin fonts, for both families, and the
/// floor/ceiling brackets after it.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        "dejavu-sans-brackets",
        FontData::from_static(BRACKETS_FONT),
        [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily { family, priority: FontPriority::Lowest })
            .collect(),
    ));
    ctx.add_font(FontInsert::new(
        "wqy-microhei-gb2312",
        FontData::from_static(CJK_FONT),
        [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily { family, priority: FontPriority::Lowest })
            .collect(),
    ));
}

/// Colour of error text and error markers.
pub const ERROR: Color32 = Color32::from_rgb(0xd0, 0x3b, 0x3b);
/// Colour of a warning that is not an error (the built-in file dialog's
/// note that the system's could not open).
pub const WARNING: Color32 = Color32::from_rgb(0xc0, 0x7a, 0x12);
/// Colour of success/neutral status messages.
pub const OK: Color32 = Color32::from_rgb(0x2e, 0x8b, 0x57);
/// Width of the left navigation panel.
pub const NAV_WIDTH: f32 = 150.0;
/// Width of the customer detail panel.
pub const DETAIL_WIDTH: f32 = 380.0;
/// Height of one table row.
pub const ROW_HEIGHT: f32 = 22.0;

/// Accent colour of single-series charts.
pub const ACCENT: Color32 = Color32::from_rgb(0x3f, 0x8f, 0xd8);
/// Tier colours: 铂金 platinum, 黄金 gold, 钢铁 steel, 重铅 lead.
pub const PLATINUM: Color32 = Color32::from_rgb(0x9e, 0xc9, 0xe8);
pub const GOLD: Color32 = Color32::from_rgb(0xe8, 0xb3, 0x2e);
pub const STEEL: Color32 = Color32::from_rgb(0x7f, 0x8c, 0x99);
pub const LEAD: Color32 = Color32::from_rgb(0x8b, 0x6f, 0xb8);

/// Heat-map fill for a level in 0..=1: on a dark background dark slate to
/// deep blue, on a light one pale to deep blue.
pub fn heat(level: f64, dark: bool) -> Color32 {
    let t = level.clamp(0.0, 1.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0–255 by construction.
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    if dark {
        Color32::from_rgb(mix(40.0, 30.0), mix(48.0, 110.0), mix(60.0, 200.0))
    } else {
        Color32::from_rgb(mix(236.0, 16.0), mix(242.0, 72.0), mix(250.0, 160.0))
    }
}

/// Text colour readable on [`heat`] of the same level: near-black on the
/// pale cells of the light theme, near-white on every darker cell.
pub fn heat_text(level: f64, dark: bool) -> Color32 {
    let c = heat(level, dark);
    let luma = 0.299 * f32::from(c.r()) + 0.587 * f32::from(c.g()) + 0.114 * f32::from(c.b());
    if luma > 140.0 {
        Color32::from_rgb(0x10, 0x10, 0x10)
    } else {
        Color32::from_rgb(0xf0, 0xf0, 0xf0)
    }
}

/// Presenter mode's theme: light and high-contrast for a projector (black
/// text on white, dark strokes, a strong selection).
pub fn presenter_visuals() -> egui::Visuals {
    let mut v = egui::Visuals::light();
    let ink = Color32::from_rgb(0x0a, 0x0a, 0x0a);
    v.override_text_color = Some(ink);
    v.weak_text_color = Some(Color32::from_gray(0x40));
    v.panel_fill = Color32::WHITE;
    v.window_fill = Color32::WHITE;
    v.extreme_bg_color = Color32::WHITE;
    v.faint_bg_color = Color32::from_gray(0xec);
    v.hyperlink_color = Color32::from_rgb(0x00, 0x3c, 0xa8);
    // Selected: dark blue ink on pale blue (the text keeps its contrast).
    v.selection.bg_fill = Color32::from_rgb(0xb8, 0xd4, 0xff);
    v.selection.stroke = egui::Stroke::new(2.0, Color32::from_rgb(0x00, 0x2a, 0x80));
    let w = &mut v.widgets;
    w.noninteractive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(0x60));
    for state in [&mut w.inactive, &mut w.hovered, &mut w.active, &mut w.open] {
        state.bg_stroke = egui::Stroke::new(1.5, Color32::from_gray(0x30));
        state.fg_stroke.color = ink;
    }
    w.inactive.weak_bg_fill = Color32::from_gray(0xe0);
    w.inactive.bg_fill = Color32::from_gray(0xe0);
    v
}

/// A chart colour made dark enough to read as text or a thin line on the
/// light presenter theme (unchanged on a dark background).
pub fn on_background(c: Color32, dark: bool) -> Color32 {
    if dark {
        return c;
    }
    let luma = 0.299 * f32::from(c.r()) + 0.587 * f32::from(c.g()) + 0.114 * f32::from(c.b());
    if luma <= 90.0 {
        return c;
    }
    let k = 90.0 / luma;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // Scaled down: 0–255.
    let scale = |x: u8| (f32::from(x) * k).round() as u8;
    Color32::from_rgb(scale(c.r()), scale(c.g()), scale(c.b()))
}

/// Fill of the i-th ladder step (low → high closeness).
pub fn ladder(i: usize) -> Color32 {
    const STEPS: [Color32; 6] = [
        Color32::from_rgb(0x5b, 0x6c, 0x7d),
        Color32::from_rgb(0x3f, 0x7f, 0xbf),
        Color32::from_rgb(0x2e, 0x9e, 0xa8),
        Color32::from_rgb(0x4c, 0xaf, 0x6e),
        Color32::from_rgb(0xc0, 0x9a, 0x2c),
        Color32::from_rgb(0xd8, 0x6a, 0x3c),
    ];
    STEPS[i.min(STEPS.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luma(c: Color32) -> f32 {
        0.299 * f32::from(c.r()) + 0.587 * f32::from(c.g()) + 0.114 * f32::from(c.b())
    }

    #[test]
    fn chart_colours_are_darkened_for_text_on_the_light_theme_only() {
        // Gold and platinum read poorly on white: darkened to a luma of 90.
        for c in [GOLD, PLATINUM] {
            let ink = on_background(c, false);
            assert!((luma(ink) - 90.0).abs() < 2.0, "{c:?} → {ink:?}");
        }
        // Already dark enough, or on the dark theme: unchanged.
        let navy = Color32::from_rgb(20, 60, 120);
        assert_eq!(on_background(navy, false), navy);
        assert_eq!(on_background(GOLD, true), GOLD);
    }

    #[test]
    fn heat_text_contrasts_with_its_cell_in_both_themes() {
        for dark in [false, true] {
            for level in [0.0, 0.3, 0.5, 0.8, 1.0] {
                let (cell, text) = (heat(level, dark), heat_text(level, dark));
                let gap = (luma(cell) - luma(text)).abs();
                assert!(gap > 90.0, "level {level} dark {dark}: {cell:?} / {text:?}");
            }
        }
    }

    #[test]
    fn presenter_visuals_are_light_with_black_text() {
        let v = presenter_visuals();
        assert!(!v.dark_mode);
        assert_eq!(v.panel_fill, Color32::WHITE);
        assert!(luma(v.override_text_color.expect("ink")) < 20.0);
        // Selected text (dark blue) on the selection (pale blue).
        assert!(luma(v.selection.bg_fill) - luma(v.selection.stroke.color) > 120.0);
    }
}
