//! What a lesson's what-if marks on the value panel's charts: the
//! customers that moved (tier or segment) under the lesson's parameters,
//! drawn as large rings on the four-tiers matrix.

use egui_plot::{MarkerShape, PlotPoint, PlotPoints, PlotUi, Points};

use super::super::AppCtx;
use crate::domain::analysis::report::Analysis;

/// The series name and the (difficulty, importance) of every customer that
/// moved in the analysis shown, when a lesson's parameters moved anyone.
pub(super) fn moved_points(ctx: &AppCtx<'_>, a: &Analysis) -> Option<(String, Vec<PlotPoint>)> {
    let generation = ctx.data.analysis.generation();
    let (_, moves) = ctx.data.lesson_moves.as_ref().filter(|(g, _)| *g == generation)?;
    let points: Vec<PlotPoint> = moves
        .moved
        .iter()
        .filter(|m| m.tier_moved())
        .filter_map(|m| a.customers.get(m.index))
        .map(|c| PlotPoint::new(c.tier.difficulty, c.tier.importance))
        .collect();
    if points.is_empty() {
        return None;
    }
    let name = format!("{} ({})", ctx.t.lessons.moved_series, points.len());
    Some((name, points))
}

/// Draws the moved customers as large dark diamonds around their dots.
pub(super) fn draw_moved<'a>(plot: &mut PlotUi<'a>, name: &str, points: &'a [PlotPoint]) {
    plot.points(
        Points::new(name, PlotPoints::Borrowed(points))
            .shape(MarkerShape::Diamond)
            .radius(8.0)
            .filled(false)
            .color(super::super::theme::ERROR),
    );
}
