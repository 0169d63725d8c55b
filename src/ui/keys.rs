//! The window's keyboard shortcuts, defined once, and their names as the
//! system writes them: egui's `format_shortcut` says `⌘O` on macOS, where
//! `Modifiers::COMMAND` is the Command key, and `Ctrl+O` elsewhere. A label
//! never spells a shortcut by hand.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Edit → Undo.
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// Edit → Redo.
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
/// Redo as Windows programs know it.
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
/// File → Open.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// A new customer.
pub const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
/// The customer search.
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// Saving the customer form.
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);

/// View → Presenter mode (on/off), as slide shows start.
pub const PRESENTER: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);

/// The name of `shortcut` on this system (`Ctrl+Z`, `⌘Z`).
pub fn name(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    ctx.format_shortcut(shortcut)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_on(os: egui::os::OperatingSystem) -> Vec<String> {
        let ctx = egui::Context::default();
        crate::ui::theme::install_fonts(&ctx);
        ctx.set_os(os);
        for _frame in 0..2 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
            output.textures_delta.clear();
        }
        [UNDO, REDO, OPEN].iter().map(|s| name(&ctx, s)).collect()
    }

    #[test]
    fn shortcuts_are_named_as_the_system_names_them() {
        use egui::os::OperatingSystem;
        assert_eq!(names_on(OperatingSystem::Nix), ["Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+O"]);
        assert_eq!(names_on(OperatingSystem::Windows), ["Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+O"]);
        // The Command key on a Mac, never "Ctrl": as symbols when the
        // fonts have them (the bundled ones do not), else by name.
        let mac = names_on(OperatingSystem::Mac);
        assert!(mac == ["⌘Z", "⇧⌘Z", "⌘O"] || mac == ["Cmd+Z", "Shift+Cmd+Z", "Cmd+O"], "{mac:?}");
    }
}
