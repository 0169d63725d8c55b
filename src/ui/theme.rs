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

/// Heat-map fill for a level in 0..=1 (pale to deep blue).
pub fn heat(level: f64) -> Color32 {
    let t = level.clamp(0.0, 1.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0–255 by construction.
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    Color32::from_rgb(mix(40.0, 30.0), mix(48.0, 110.0), mix(60.0, 200.0))
}

/// Text colour readable on [`heat`] of the same level.
pub fn heat_text(_level: f64) -> Color32 {
    Color32::from_rgb(0xf0, 0xf0, 0xf0)
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
