//! Crash recovery through the app's document layer: a model is opened and edited, autosave
//! copies it, the process "crashes" (no save, no clean shutdown), and the next start gets every
//! edit back; saving it removes the copy.
#![cfg(feature = "gui")]

use crate::common;

use schemaboard::gui::Document;
use schemaboard::gui::document::AUTOSAVE_EVERY;
use schemaboard::io::RecoveryStore;
use schemaboard::model::{Column, DataType, Edit, Point};
use std::time::{Duration, Instant};

#[test]
fn edits_survive_a_crash_and_come_back_on_the_next_start() {
    let folder = tempfile::tempdir().unwrap();
    let model = folder.path().join("sales.ron");
    std::fs::copy(common::sample("sales"), &model).unwrap();
    let store = RecoveryStore::new(folder.path().join("recovery"));
    let start = Instant::now();

    let mut document = Document::open(&model).unwrap().with_recovery(store.clone());
    assert!(
        !document.autosave(start).unwrap(),
        "nothing unsaved, nothing copied"
    );
    let table = document.schema().tables[0].id;
    let mut info = document.schema().tables[0].info();
    info.name = "renamed_in_the_crash_test".into();
    document.apply(Edit::SetTableInfo { table, info }).unwrap();
    assert!(
        document.autosave(start).unwrap(),
        "the first change is copied at once"
    );
    let column = document.schema().ids.upcoming(0);
    document
        .apply(Edit::allocating(
            1,
            Edit::AddColumn {
                table,
                column: Column::new(column, "added_before_the_crash", DataType::Text),
                index: 0,
            },
        ))
        .unwrap();
    let soon = start + Duration::from_millis(500);
    assert!(
        !document.autosave(soon).unwrap(),
        "not again within {AUTOSAVE_EVERY:?}"
    );
    let edit = Edit::MoveItems {
        tables: vec![(table, Point::new(-400.0, 900.0))],
        notes: Vec::new(),
    };
    document.apply(edit).unwrap();
    assert!(document.autosave(start + AUTOSAVE_EVERY).unwrap());
    let edited = document.schema().clone();
    // The crash: the document is never saved or dropped cleanly.
    std::mem::forget(document);

    // The next start.
    let mut found = store.leftovers();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].schema, edited, "every edit is back");
    assert_eq!(found[0].origin.as_deref(), Some(model.as_path()));
    let mut again = Document::recovered(found.remove(0), store.clone());
    assert!(again.has_unsaved_changes());
    assert!(
        !again.changed_on_disk(),
        "nobody wrote the file since the copy"
    );
    assert_eq!(again.path.as_deref(), Some(model.as_path()));
    // Until it is saved, the copy stays (a second crash loses nothing either).
    again.autosave(Instant::now()).unwrap();
    assert_eq!(store.leftovers().len(), 1);
    again.save_as(&model).unwrap();
    assert!(store.leftovers().is_empty(), "saving removes the copy");
    assert_eq!(schemaboard::io::load(&model).unwrap(), edited);
}

/// The shop sample opened from a folder of its own, its first table moved to `(at, at)`, and
/// the change copied for recovery.
fn shop_moved_and_copied(
    at: f32,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    RecoveryStore,
    Document,
) {
    let folder = tempfile::tempdir().unwrap();
    let model = folder.path().join("shop.ron");
    std::fs::copy(common::sample("shop"), &model).unwrap();
    let store = RecoveryStore::new(folder.path().join("recovery"));
    let mut document = Document::open(&model).unwrap().with_recovery(store.clone());
    let table = document.schema().tables[0].id;
    let edit = Edit::MoveItems {
        tables: vec![(table, Point::new(at, at))],
        notes: Vec::new(),
    };
    document.apply(edit).unwrap();
    assert!(document.autosave(Instant::now()).unwrap());
    (folder, model, store, document)
}

#[test]
fn a_file_written_after_the_crash_is_not_saved_over_without_asking() {
    let (_folder, model, store, document) = shop_moved_and_copied(7.0);
    std::mem::forget(document);
    // After the crash, someone (a git pull, a colleague) writes the file.
    let found = store.leftovers().remove(0);
    let copied_at = found.saved_at.unwrap();
    std::fs::write(&model, std::fs::read(common::sample("cms")).unwrap()).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&model)
        .unwrap()
        .set_modified(copied_at + Duration::from_secs(10))
        .unwrap();
    let recovered = Document::recovered(found, store);
    assert!(
        recovered.changed_on_disk(),
        "saving the recovered model would lose what was written after the copy: the app asks"
    );
}

#[test]
fn undoing_back_to_the_saved_state_removes_the_copy() {
    let (_folder, _model, store, mut document) = shop_moved_and_copied(5.0);
    assert_eq!(store.leftovers().len(), 1);
    document.undo();
    document.autosave(Instant::now()).unwrap();
    assert!(store.leftovers().is_empty());
}

#[test]
fn an_untouched_untitled_model_is_not_copied() {
    let folder = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(folder.path().join("recovery"));
    let schema = schemaboard::io::load(&common::sample("cms")).unwrap();
    let mut document = Document::untitled(schema).with_recovery(store.clone());
    assert!(!document.autosave(Instant::now()).unwrap());
    assert!(store.leftovers().is_empty());
}

/// What cannot be opened at start is said on screen and left as it was: a model named on the
/// command line, the last model, a recovery copy (set aside, so it is said once), and a damaged
/// newest copy falls back to the one before it.
#[test]
fn what_cannot_be_opened_at_start_is_said_and_left_alone() {
    use schemaboard::gui::start;
    let folder = tempfile::tempdir().unwrap();
    let broken = folder.path().join("broken.ron");
    let text = "(version: 1, model: (name: \"x\", tables: [(\n";
    std::fs::write(&broken, text).unwrap();

    let (document, notice) = start(Some(broken.clone()), None, None);
    let notice = notice.expect("said on screen");
    assert_eq!(notice.title, "The model could not be opened");
    assert!(notice.text.contains("broken.ron:"), "{}", notice.text);
    assert!(document.schema().tables.is_empty() && document.path.is_none());
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        text,
        "left as it is"
    );

    let (document, notice) = start(None, None, Some(broken.clone()));
    let notice = notice.expect("said on screen");
    assert_eq!(notice.title, "The last model could not be opened");
    assert!(notice.text.contains("sample model is open instead"));
    assert!(!document.schema().tables.is_empty(), "the sample");

    let store = RecoveryStore::new(folder.path().join("recovery"));
    let origin = folder.path().join("sales.ron");
    std::fs::copy(common::sample("sales"), &origin).unwrap();
    let key = "file-00000000000000aa-4194305";
    let sales = schemaboard::io::load(&origin).unwrap();
    store.write(key, &sales, Some(&origin)).unwrap();
    let mut renamed = sales.clone();
    renamed.name = "Renamed before the crash".into();
    store.write(key, &renamed, Some(&origin)).unwrap();
    let copy = folder.path().join("recovery").join(format!("{key}.ron"));
    std::fs::write(&copy, "(version: 1, model: (").unwrap();
    let (document, notice) = start(None, Some(store.clone()), None);
    let notice = notice.expect("said on screen");
    assert_eq!(notice.title, "Recovered unsaved changes");
    assert!(
        notice.text.contains("the autosave before the last one"),
        "{}",
        notice.text
    );
    assert_eq!(document.schema().name, sales.name, "the copy before");
    std::mem::forget(document);

    std::fs::write(schemaboard::io::backup_path(&copy), "garbage").unwrap();
    let (_, notice) = start(None, Some(store.clone()), None);
    let notice = notice.expect("said on screen");
    assert_eq!(notice.title, "A recovery copy could not be read");
    assert!(
        notice.text.contains(&origin.display().to_string()) && notice.text.contains("kept as"),
        "{}",
        notice.text
    );
    assert!(!copy.exists());
    let (_, notice) = start(None, Some(store), None);
    assert_eq!(notice, None, "said once");
}
