//! Design tokens (colours, spacing) and the fonts, installed once at start.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{Color32, FontData, FontFamily};

/// The bundled CJK subset (GB2312 + ASCII), see `assets/fonts/README.md`.
const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei-gb2312.ttf");

/// Adds the CJK font after egui's Latin fonts, for both families.
pub fn install_fonts(ctx: &egui::Context) {
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
/// Colour of success/neutral status messages.
pub const OK: Color32 = Color32::from_rgb(0x2e, 0x8b, 0x57);
/// Width of the left navigation panel.
pub const NAV_WIDTH: f32 = 150.0;
/// Width of the customer detail panel.
pub const DETAIL_WIDTH: f32 = 380.0;
/// Height of one table row.
pub const ROW_HEIGHT: f32 = 22.0;
