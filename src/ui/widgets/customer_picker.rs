//! The one customer picker: a labelled field where a customer is found by
//! name or code as one types (DOMAIN §6). Below the field a list shows the
//! live customers whose name or code contains the text (case-insensitive,
//! CJK as typed), "code · name", at most [`SHOWN`]; ↓/↑ move through it,
//! Enter or a click chooses, Esc closes it. Choosing puts the customer's
//! code in the field, which [`find_customer`] resolves.
//!
//! The list is filtered from the cached customer rows, only when the text
//! or the rows change (never per frame, never SQL): the lower-case text of
//! every row is built once per rows generation and shared by every picker.

use std::sync::Arc;

use egui::{Id, Key, Modifiers};

use crate::domain::customer::CustomerId;
use crate::store::CustomerRow;
use crate::ui::{AppCtx, CustomerRows, Versioned};

/// How many matches the list shows.
pub const SHOWN: usize = 20;

/// The matches of one query among the rows: indices of at most [`SHOWN`]
/// rows, best first, and how many rows matched in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    pub shown: Vec<usize>,
    pub total: usize,
}

/// The lower-case "code\nname" of every row, for one rows generation.
#[derive(Clone, Default)]
struct Haystacks {
    generation: u64,
    texts: Arc<Vec<String>>,
}

/// One picker's state between frames.
#[derive(Clone, Default)]
struct PickerState {
    open: bool,
    /// The highlighted match (an index into `matches.shown`).
    highlighted: usize,
    /// What `matches` were computed for: the query and the rows generation.
    key: Option<(String, u64)>,
    matches: Arc<Matches>,
    /// The list's rectangle in the last frame (a click there keeps it open).
    list_rect: Option<egui::Rect>,
    /// The customer whose code the field holds, and what that was found for.
    resolved: Option<(CustomerId, String)>,
    resolved_key: Option<(String, u64)>,
    /// The highlight moved by key this frame: the list scrolls to it.
    moved: bool,
}

/// The lower-case text of each row a query is matched against.
pub fn haystack(row: &CustomerRow) -> String {
    format!("{}\n{}", row.code, row.name).to_lowercase()
}

/// The rows whose code or name contains `query` (trimmed, any case): an
/// exact code first, then codes or names that start with it, then the
/// rest, each group in the rows' order (by code).
pub fn find_matches(rows: &[CustomerRow], haystacks: &[String], query: &str) -> Matches {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Matches::default();
    }
    let mut ranked: Vec<(u8, usize)> = haystacks
        .iter()
        .enumerate()
        .filter(|(_, text)| text.contains(&query))
        .map(|(i, text)| {
            let (code, name) = text.split_once('\n').unwrap_or((text, ""));
            let rank = if code == query {
                0
            } else if code.starts_with(&query) || name.starts_with(&query) {
                1
            } else {
                2
            };
            (rank, i)
        })
        .filter(|(_, i)| *i < rows.len())
        .collect();
    let total = ranked.len();
    ranked.sort_by_key(|&(rank, i)| (rank, i));
    Matches { shown: ranked.into_iter().take(SHOWN).map(|(_, i)| i).collect(), total }
}

/// The shared lower-case texts of `rows`, built when their generation moved.
fn haystacks(ctx: &egui::Context, rows: &Versioned<CustomerRows>) -> Arc<Vec<String>> {
    let id = Id::unique("customer_picker_haystacks");
    let cached: Option<Haystacks> = ctx.data(|d| d.get_temp(id));
    if let Some(h) = cached.filter(|h| h.generation == rows.generation()) {
        return h.texts;
    }
    let texts = Arc::new(rows.iter().map(haystack).collect::<Vec<_>>());
    let entry = Haystacks { generation: rows.generation(), texts: Arc::clone(&texts) };
    ctx.data_mut(|d| d.insert_temp(id, entry));
    texts
}

/// What the picker did this frame.
pub struct Picked {
    /// The text field's response.
    pub response: egui::Response,
    /// A customer was chosen from the list (its code is in the field now).
    pub chosen: Option<CustomerId>,
    /// The customer whose code the field holds, with its name.
    pub resolved: Option<(CustomerId, String)>,
}

/// A label and the type-ahead field of `width` over the cached customer
/// rows (see the module).
pub fn customer_picker(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    label: &str,
    text: &mut String,
    width: f32,
) -> Picked {
    let (rows, r) = (&ctx.data.customers, ctx.t.records);
    let id = ui.make_persistent_id(("customer_picker", label));
    let label = ui.label(label);
    let state_id = id.with("state");
    let mut state: PickerState = ui.data(|d| d.get_temp(state_id)).unwrap_or_default();
    let focused = ui.memory(|m| m.has_focus(id));
    let mut chosen = None;

    // The list's keys, taken before the field sees them (Enter would end
    // the input, the arrows would move the cursor).
    let choose_highlighted = focused && take_keys(ui, &mut state);
    let filter = egui::EventFilter {
        horizontal_arrows: true,
        vertical_arrows: true,
        escape: true,
        ..Default::default()
    };
    let response = ui
        .add(
            egui::TextEdit::singleline(text)
                .id(id)
                .hint_text(r.picker_hint)
                .desired_width(width)
                .event_filter(filter),
        )
        .labelled_by(label.id);
    if response.changed() {
        state.open = true;
        state.highlighted = 0;
    }
    // A click in the list takes the focus away from the field first: the
    // list stays open for that click.
    let pointer_in_list = ui.input(|i| {
        i.pointer.interact_pos().is_some_and(|p| state.list_rect.is_some_and(|r| r.contains(p)))
    });
    if !response.has_focus() && !pointer_in_list {
        state.open = false;
    }

    let key = (text.trim().to_lowercase(), rows.generation());
    if state.open && state.key.as_ref() != Some(&key) {
        let texts = haystacks(ui.ctx(), rows);
        state.matches = Arc::new(find_matches(rows, &texts, text));
        state.key = Some(key);
        state.highlighted = state.highlighted.min(state.matches.shown.len().saturating_sub(1));
    }
    if choose_highlighted && let Some(&i) = state.matches.shown.get(state.highlighted) {
        chosen = Some(i);
    }

    state.list_rect = None;
    if state.open && chosen.is_none() && !text.trim().is_empty() {
        state.list_rect = Some(list_area(ui, id, &response, rows, &state, r, &mut chosen));
    }
    state.moved = false;
    let chosen = chosen.map(|i| {
        let row = &rows[i];
        text.clone_from(&row.code);
        state.open = false;
        state.key = None;
        ui.memory_mut(|m| m.request_focus(id));
        row.id
    });
    // Looked up when the text or the rows change, not every frame.
    let key = (text.trim().to_owned(), rows.generation());
    if state.resolved_key.as_ref() != Some(&key) {
        state.resolved = find_customer(rows, text).map(|c| (c.id, c.name.clone()));
        state.resolved_key = Some(key);
    }
    let resolved = state.resolved.clone();
    ui.data_mut(|d| d.insert_temp(state_id, state));
    Picked { response, chosen, resolved }
}

/// Moves the highlight (↓/↑), closes the list (Esc) or opens it (↓);
/// returns whether Enter chose the highlighted match.
fn take_keys(ui: &egui::Ui, state: &mut PickerState) -> bool {
    let mut choose = false;
    ui.input_mut(|i| {
        if !state.open {
            state.open = i.consume_key(Modifiers::NONE, Key::ArrowDown);
            return;
        }
        let n = state.matches.shown.len();
        if i.consume_key(Modifiers::NONE, Key::ArrowDown) && n > 0 {
            state.highlighted = (state.highlighted + 1).min(n - 1);
            state.moved = true;
        }
        if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
            state.highlighted = state.highlighted.saturating_sub(1);
            state.moved = true;
        }
        if i.consume_key(Modifiers::NONE, Key::Escape) {
            state.open = false;
        }
        choose = n > 0 && i.consume_key(Modifiers::NONE, Key::Enter);
    });
    choose
}

/// Shows the list under the field (above it when there is no room below;
/// a long list scrolls instead of covering the field); returns its rectangle.
fn list_area(
    ui: &egui::Ui,
    id: Id,
    field: &egui::Response,
    rows: &[CustomerRow],
    state: &PickerState,
    r: &crate::ui::i18n_records::TrRecords,
    chosen: &mut Option<usize>,
) -> egui::Rect {
    let screen = ui.ctx().content_rect();
    let (below, above) = (screen.bottom() - field.rect.bottom(), field.rect.top());
    let (pos, pivot, room) = if below >= 160.0 || below >= above {
        (field.rect.left_bottom(), egui::Align2::LEFT_TOP, below)
    } else {
        (field.rect.left_top(), egui::Align2::LEFT_BOTTOM, above)
    };
    egui::Area::new(id.with("list"))
        .order(egui::Order::Tooltip)
        .fixed_pos(pos)
        .pivot(pivot)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_min_width(field.rect.width().max(220.0));
                list_ui(ui, rows, state, r, (room - 40.0).max(60.0), chosen);
            });
        })
        .response
        .rect
}

/// The picker's list of matches (scrolling within `max_height`); a click
/// on one sets `chosen`.
fn list_ui(
    ui: &mut egui::Ui,
    rows: &[CustomerRow],
    state: &PickerState,
    r: &crate::ui::i18n_records::TrRecords,
    max_height: f32,
    chosen: &mut Option<usize>,
) {
    if state.matches.shown.is_empty() {
        ui.weak(r.picker_no_match);
        return;
    }
    egui::ScrollArea::vertical().max_height(max_height).show(ui, |ui| {
        for (n, &i) in state.matches.shown.iter().enumerate() {
            let row = &rows[i];
            let item =
                ui.selectable_label(n == state.highlighted, format!("{} · {}", row.code, row.name));
            if n == state.highlighted && state.moved {
                item.scroll_to_me(None);
            }
            if item.clicked() {
                *chosen = Some(i);
            }
        }
        if state.matches.total > state.matches.shown.len() {
            ui.weak((r.picker_more)(state.matches.total - state.matches.shown.len()));
        }
    });
}

/// The customer whose code is `code` (surrounding spaces ignored).
pub fn find_customer<'r>(rows: &'r [CustomerRow], code: &str) -> Option<&'r CustomerRow> {
    let code = code.trim();
    rows.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::terms::{CustomerKind, LadderStep};

    fn row(id: i64, code: &str, name: &str) -> CustomerRow {
        CustomerRow {
            id: CustomerId(id),
            code: code.into(),
            name: name.into(),
            kind: CustomerKind::Individual,
            grade: None,
            ladder_step: LadderStep::Prospect,
            industry: String::new(),
            owner: String::new(),
            phone: String::new(),
            email: String::new(),
            revenue_cents: 0,
            transactions: 0,
            first_purchase: None,
            last_purchase: None,
            last_contact: None,
            next_follow_up: None,
            contacts: String::new(),
        }
    }

    fn codes<'r>(rows: &'r [CustomerRow], query: &str) -> (Vec<&'r str>, usize) {
        let texts: Vec<String> = rows.iter().map(haystack).collect();
        let m = find_matches(rows, &texts, query);
        (m.shown.iter().map(|&i| rows[i].code.as_str()).collect(), m.total)
    }

    #[test]
    fn names_and_codes_match_in_any_case_the_best_first() {
        let rows = [
            row(1, "C-000001", "北京华信科技"),
            row(2, "C-000002", "Huaxin Trading"),
            row(3, "C-000012", "上海华信"),
            row(4, "HX-1", "Other"),
        ];
        assert_eq!(codes(&rows, "华信"), (vec!["C-000001", "C-000012"], 2), "CJK inside a name");
        assert_eq!(codes(&rows, " huaXIN "), (vec!["C-000002"], 1), "any case, trimmed");
        assert_eq!(codes(&rows, "hx"), (vec!["HX-1"], 1));
        assert_eq!(codes(&rows, "上海"), (vec!["C-000012"], 1));
        // An exact code first, then codes and names starting with the text.
        assert_eq!(codes(&rows, "c-000002"), (vec!["C-000002"], 1));
        assert_eq!(codes(&rows, "1"), (vec!["C-000001", "C-000012", "HX-1"], 3));
        assert_eq!(codes(&rows, "").1, 0, "nothing typed, nothing listed");
        assert_eq!(codes(&rows, "·").1, 0, "the separator shown is not matched");
    }

    #[test]
    fn at_most_twenty_are_shown_and_the_rest_counted() {
        let rows: Vec<CustomerRow> =
            (1..=45).map(|n| row(n, &format!("C-{n:06}"), &format!("客户{n}"))).collect();
        let (shown, total) = codes(&rows, "客户");
        assert_eq!((shown.len(), total), (SHOWN, 45));
        assert_eq!(shown[0], "C-000001");
    }
}
