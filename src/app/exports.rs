//! Saving what the panels show to files the user chooses: report and
//! findings tables as CSV or XLSX, and charts as PNG (written on the
//! renderer's screenshot callback, reported back through a channel).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use super::LadderApp;
use super::dialogs::{FileRequest, FileTask, Filter, dated};
use crate::domain::analysis::report::ReportKind;
use crate::domain::table::Table;
use crate::store::export_tables::ExportTable;
use crate::store::{export, output};

/// The outcome of saving a chart: the file written, or why not.
type PngResult = Result<PathBuf, String>;

/// Results of chart screenshots written by the renderer's callback.
#[derive(Debug)]
pub(super) struct Exports {
    png_done: (Sender<PngResult>, Receiver<PngResult>),
}

impl Default for Exports {
    fn default() -> Self {
        Self { png_done: channel() }
    }
}

impl LadderApp {
    /// Says how the chart screenshots written since the last step went.
    pub(super) fn poll_png(&mut self) {
        while let Ok(result) = self.exports.png_done.1.try_recv() {
            match result {
                Ok(path) => self.set_status((self.t().copy_saved)(&path.display().to_string())),
                Err(e) => self.set_error(e),
            }
        }
    }

    /// Saves a value-analysis report table.
    pub(super) fn export_report(&mut self, kind: ReportKind, ctx: &egui::Context) {
        let Some(analysis) = self.cache.analysis.clone() else { return };
        self.save_table(kind.table(&analysis), kind.name(), ctx);
    }

    /// Saves the compliance findings.
    pub(super) fn export_findings(&mut self, ctx: &egui::Context) {
        if let Some(view) = self.cache.compliance.clone() {
            let table = crate::domain::compliance::monthly::findings_table(&view.report.findings);
            self.save_table(table, "findings", ctx);
        }
    }

    /// Saves the monthly service report of (year, month).
    pub(super) fn export_monthly_report(&mut self, year: i32, month: u32, ctx: &egui::Context) {
        if let Some(view) = self.cache.compliance.clone() {
            let table = crate::domain::compliance::monthly::monthly_service(
                &view.set.records(),
                &self.cache.settings,
                year,
                month,
                (self.clock)().date(),
            );
            // The CLI keeps its keyed table (CLI.md); the app's is for
            // people: in the reader's language, customers by name, the
            // report's own text.
            let rows = &self.cache.customers;
            let name_of = |code: &str| {
                let i = rows.binary_search_by(|r| r.code.as_str().cmp(code)).ok()?;
                Some(rows[i].name.clone())
            };
            let reports: Vec<_> =
                view.set.reports.iter().filter(|r| (r.year, r.month) == (year, month)).collect();
            let table = table.map(|t| {
                crate::domain::compliance::monthly_text::for_people(
                    &t,
                    self.lang(),
                    &name_of,
                    &reports,
                )
            });
            match table {
                Ok(table) => self.save_table(table, &format!("service-{year:04}-{month:02}"), ctx),
                Err(e) => self.set_error(e.to_string()),
            }
        }
    }

    /// Asks where to save a PNG (`chart-DATE.png`), then writes the chart.
    pub(super) fn export_chart(&mut self, ctx: &egui::Context, rect: egui::Rect) {
        let (folder, task) = (self.documents_folder(), FileTask::Chart(rect));
        let name = dated("chart", (self.clock)().date(), "png");
        self.ask_file(FileRequest { save: true, filter: Filter::Png, folder, name, task }, ctx);
    }

    /// Has the renderer capture the next frame and writes the chart's part
    /// of it to `path` (on the renderer's callback, not in this frame).
    pub(super) fn write_chart(&mut self, ctx: &egui::Context, rect: egui::Rect, path: PathBuf) {
        let done = self.exports.png_done.0.clone();
        let pixels_per_point = ctx.pixels_per_point();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let result = save_png(&image, rect, pixels_per_point, &path).map(|()| path);
            // The app may have closed meanwhile; then nobody waits for this.
            let _ignored = done.send(result);
            repaint.request_repaint();
        });
    }

    /// Asks where to save a table (CSV or XLSX), offering `name-DATE.xlsx`
    /// (`name.xlsx` when `name` says its month already), and writes it.
    pub(super) fn save_table(&mut self, table: Table, name: &str, ctx: &egui::Context) {
        let file = if name.starts_with("service-") {
            format!("{name}.xlsx")
        } else {
            dated(name, (self.clock)().date(), "xlsx")
        };
        let (folder, sheet) = (self.documents_folder(), name.to_owned());
        let task = FileTask::Table { table, sheet };
        let request = FileRequest { save: true, filter: Filter::Table, folder, name: file, task };
        self.ask_file(request, ctx);
    }

    /// File → Export → a table: asks where (`customers-DATE.xlsx`).
    pub(super) fn export_table(&mut self, table: ExportTable, ctx: &egui::Context) {
        if self.store.is_none() {
            return;
        }
        let name = dated(table.cli_name(), (self.clock)().date(), "xlsx");
        let (folder, task) = (self.documents_folder(), FileTask::Export(table));
        self.ask_file(FileRequest { save: true, filter: Filter::Table, folder, name, task }, ctx);
    }

    /// Writes every row of `table` to `path`, as `ladder export` does.
    pub(super) fn export_to(&mut self, table: ExportTable, path: &Path) {
        let Some(store) = &self.store else { return };
        match store.export_table(table) {
            Ok(data) => {
                if self.write_table(&data, table.cli_name(), path) {
                    let shown = path.display().to_string();
                    self.set_status((self.t().files.exported)(data.rows.len(), &shown));
                }
            }
            Err(e) => self.set_error(self.t().store_error(&e)),
        }
    }

    /// Writes a table to `path` (CSV or XLSX by its extension); says why
    /// not and returns false when it cannot.
    pub(super) fn write_table(&mut self, table: &Table, sheet: &str, path: &Path) -> bool {
        // The CSV encoding chosen in Settings (a workbook has none).
        let written = export::write_file_as(table, sheet, path, self.session.prefs.csv_encoding);
        match written {
            Ok(()) => {
                self.set_status((self.t().copy_saved)(&path.display().to_string()));
                return true;
            }
            Err(export::ExportError::Unmappable { path, row, column, ch }) => {
                self.set_error((self.t().export_not_gbk)(&path, row, &column, u32::from(ch)));
            }
            Err(e) => self.set_error(e.to_string()),
        }
        false
    }
}

/// Writes `rect` (in points) of a window capture as a PNG file.
fn save_png(
    image: &egui::ColorImage,
    rect: egui::Rect,
    pixels_per_point: f32,
    path: &Path,
) -> Result<(), String> {
    #[allow(clippy::cast_precision_loss)] // Window sizes are small.
    let bounds = egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(image.size[0] as f32, image.size[1] as f32) / pixels_per_point,
    );
    let rect = rect.intersect(bounds);
    if !rect.is_positive() {
        return Err(format!("{}: the chart is not on screen", path.display()));
    }
    let part = image.region(&rect, Some(pixels_per_point));
    let (w, h) = (
        u32::try_from(part.size[0]).map_err(|e| e.to_string())?,
        u32::try_from(part.size[1]).map_err(|e| e.to_string())?,
    );
    // Whole or not at all, as every output (the dialog agreed to replace).
    let written = output::write_atomically(path, output::Existing::Replace, |partial| {
        image::save_buffer_with_format(
            partial,
            part.as_raw(),
            w,
            h,
            image::ExtendedColorType::Rgba8,
            image::ImageFormat::Png,
        )
    });
    written.map_err(|e| match e {
        output::OutputError::Write(e) => format!("{}: {e}", path.display()),
        e => e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_region_is_saved_as_png_at_the_screen_scale() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("chart.png");
        let image = egui::ColorImage::new([200, 100], vec![egui::Color32::RED; 200 * 100]);
        // 2 pixels per point: a 40×20-point chart is 80×40 pixels.
        let rect = egui::Rect::from_min_size(egui::pos2(10.0, 5.0), egui::vec2(40.0, 20.0));
        save_png(&image, rect, 2.0, &path).expect("save");
        let png = image::open(&path).expect("a PNG").to_rgba8();
        assert_eq!(png.dimensions(), (80, 40));
        assert_eq!(png.get_pixel(0, 0).0, [255, 0, 0, 255]);
        // Off screen: a clear error, no file.
        let off = egui::Rect::from_min_size(egui::pos2(500.0, 500.0), egui::vec2(10.0, 10.0));
        assert!(save_png(&image, off, 2.0, &dir.path().join("none.png")).is_err());
    }
}
