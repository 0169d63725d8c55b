//! What depends on the desktop the app runs on. The built-in file dialog,
//! which the app shows when the system's cannot open (a Linux desktop with
//! neither xdg-desktop-portal nor zenity): it says what to install, offers
//! a dated name in a path field that completes with Tab, refuses a path
//! that cannot be used in its own words, and an export through it writes
//! the file. And the menus' shortcuts, named as the system names its keys
//! (Cmd on macOS). Both languages.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::store::Store;

mod common;
use common::{add_customer, app, harness, shows};

/// The window size of these tests.
const SIZE: [f32; 2] = [1200.0, 800.0];

/// The words of one language these tests look for.
struct Words {
    file: &'static str,
    export: &'static str,
    customers: &'static str,
    install: &'static str,
    path: &'static str,
    save: &'static str,
    cancel: &'static str,
    no_folder: &'static str,
    exists: &'static str,
    exported: &'static str,
    cancelled: &'static str,
}

const EN: Words = Words {
    file: "File",
    export: "Export",
    customers: "Customers…",
    install: "sudo apt install zenity",
    path: "Path",
    save: "Save",
    cancel: "Cancel",
    no_folder: "the folder does not exist",
    exists: "exists already",
    exported: "Exported 2 rows to",
    cancelled: "No file chosen",
};

const ZH: Words = Words {
    file: "文件",
    export: "导出",
    customers: "客户…",
    install: "sudo apt install zenity",
    path: "路径",
    save: "保存",
    cancel: "取消",
    no_folder: "文件夹不存在",
    exists: "已存在",
    exported: "已导出 2 行到",
    cancelled: "未选择文件",
};

/// The app on a database of two customers, its file dialogs built in.
fn export_app(dir: &Path, lang: Lang) -> Harness<'static, LadderApp> {
    let db = dir.join("office.db");
    let mut store = Store::create(&db).expect("create");
    add_customer(&mut store, "导出客户甲");
    add_customer(&mut store, "Export Co");
    let mut app = app(store, lang);
    app.use_built_in_file_dialog();
    harness(app, SIZE)
}

/// File → Export → Customers….
fn export_customers(harness: &mut Harness<'_, LadderApp>, w: &Words) {
    harness.get_by_label(w.file).click();
    harness.run();
    harness.get_by_label(w.export).click();
    harness.run();
    harness.get_by_label(w.customers).click();
    harness.run();
}

/// What the path field holds.
fn field(harness: &Harness<'_, LadderApp>, w: &Words) -> String {
    let node = harness.get_by_role_and_label(Role::TextInput, w.path);
    node.accesskit_node().value().unwrap_or_default()
}

/// Replaces what the path field holds with `text`.
fn type_path(harness: &mut Harness<'_, LadderApp>, w: &Words, text: &str) {
    harness.get_by_role_and_label(Role::TextInput, w.path).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_role_and_label(Role::TextInput, w.path).type_text(text);
    harness.run();
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn an_export_goes_through_the_built_in_dialog_when_no_system_dialog_opens() {
    for (lang, w) in [(Lang::En, &EN), (Lang::Zh, &ZH)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let exports = dir.path().join("exports 导出");
        std::fs::create_dir(&exports).expect("mkdir");
        let mut harness = export_app(dir.path(), lang);
        export_customers(&mut harness, w);

        // Where the user looks: what to install, and a field with a dated name.
        assert!(shows(&harness, w.install), "{lang:?}: the message names what to install");
        assert!(
            field(&harness, w).ends_with("customers-2026-11-23.xlsx"),
            "{}",
            field(&harness, w)
        );

        // Tab completes the folder's name; Enter takes the path.
        type_path(
            &mut harness,
            w,
            &format!("{}{}exp", shown(dir.path()), std::path::MAIN_SEPARATOR),
        );
        harness.key_press(Key::Tab);
        harness.run();
        let sep = std::path::MAIN_SEPARATOR;
        assert_eq!(field(&harness, w), format!("{}{sep}", shown(&exports)), "completed");
        assert!(shows(&harness, w.path), "Tab stayed in the field: the dialog is still open");
        harness.get_by_role_and_label(Role::TextInput, w.path).type_text("客户.csv");
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();

        let out = exports.join("客户.csv");
        let text = std::fs::read_to_string(&out).expect("the export was written");
        assert!(text.contains("导出客户甲") && text.contains("Export Co"), "{text}");
        assert!(
            harness.state().status_text().contains(w.exported),
            "{}",
            harness.state().status_text()
        );
        assert!(harness.query_by_role_and_label(Role::TextInput, w.path).is_none(), "closed");
    }
}

#[test]
fn the_built_in_dialog_refuses_what_cannot_be_used_and_can_be_cancelled() {
    for (lang, w) in [(Lang::En, &EN), (Lang::Zh, &ZH)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut harness = export_app(dir.path(), lang);
        export_customers(&mut harness, w);

        // A folder that does not exist: said in the dialog, nothing written.
        let nowhere: PathBuf = dir.path().join("missing").join("c.xlsx");
        type_path(&mut harness, w, &shown(&nowhere));
        harness.get_by_label(w.save).click();
        harness.run_steps(2);
        assert!(shows(&harness, w.no_folder), "{lang:?}");
        assert!(!nowhere.exists());

        // A name that is neither CSV nor a workbook.
        let text = dir.path().join("c.txt");
        type_path(&mut harness, w, &shown(&text));
        harness.get_by_label(w.save).click();
        harness.run_steps(2);
        assert!(shows(&harness, ".csv, .xlsx"), "{lang:?}");
        assert!(!text.exists());

        // An existing file: the first Save warns, the second replaces it.
        let existing = dir.path().join("old.csv");
        std::fs::write(&existing, "old").expect("write");
        type_path(&mut harness, w, &shown(&existing));
        harness.get_by_label(w.save).click();
        harness.run_steps(2);
        assert!(shows(&harness, w.exists), "{lang:?}");
        assert_eq!(std::fs::read_to_string(&existing).expect("read"), "old", "not yet");
        harness.get_by_label(w.save).click();
        harness.run_steps(2);
        assert!(std::fs::read_to_string(&existing).expect("read").contains("Export Co"));

        // Cancel closes it and says so.
        export_customers(&mut harness, w);
        harness.get_by_label(w.cancel).click();
        harness.run_steps(2);
        assert_eq!(harness.state().status_text(), w.cancelled);
        assert!(harness.query_by_role_and_label(Role::TextInput, w.path).is_none());
    }
}

#[test]
fn menu_shortcuts_are_named_as_the_system_names_them() {
    for (os, open, undo) in [
        (egui::os::OperatingSystem::Nix, "Ctrl+O", "Ctrl+Z"),
        (egui::os::OperatingSystem::Windows, "Ctrl+O", "Ctrl+Z"),
        (egui::os::OperatingSystem::Mac, "Cmd+O", "Cmd+Z"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(&dir.path().join("k.db")).expect("create");
        add_customer(&mut store, "甲");
        let mut harness = Harness::builder()
            .with_size(SIZE)
            .with_os(os)
            .with_context_setup(ladder::ui::theme::install_fonts)
            .build_ui_state(|ui, app: &mut LadderApp| app.frame(ui), app(store, Lang::En));
        harness.run();
        harness.get_by_label("File").click();
        harness.run();
        assert!(shows(&harness, open), "{os:?}: File → Open says {open}");
        harness.key_press(Key::Escape);
        harness.run();
        harness.get_by_label("Edit").click();
        harness.run();
        assert!(shows(&harness, undo), "{os:?}: Edit → Undo says {undo}");
        if os == egui::os::OperatingSystem::Mac {
            assert!(!shows(&harness, "Ctrl"), "no Ctrl on a Mac");
        }
    }
}
