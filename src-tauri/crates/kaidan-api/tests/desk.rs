//! The window's side of the API: errors in the user's language with the field, the start-up
//! facts, and a damaged database shown instead of a silent exit.

use kaidan_api::core::{ErrorCode, Lang};
use kaidan_api::{CustomerInput, Desk, LineInput, OrderInput, ProductInput};

#[test]
fn errors_cross_with_code_field_and_message_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("新 店").join("kaidan.db"), Lang::ZhCn);
    let info = desk.info();
    assert!(!info.initialized && info.open_error.is_none(), "{info:?}");
    assert_eq!(info.lang, Lang::ZhCn);
    desk.write(None, |shop, ctx| shop.init(ctx, "王氏五金", "王老板")).unwrap();
    assert_eq!(desk.info().company.unwrap().name, "王氏五金");

    desk.write(None, |shop, ctx| {
        shop.add_product(
            ctx,
            &ProductInput { sku: Some("A-001".into()), name: Some("螺栓".into()), price: Some("2.5".into()), ..Default::default() },
        )
    })
    .unwrap();
    desk.write(None, |shop, ctx| shop.add_customer(ctx, &CustomerInput { name: Some("王喆五金店".into()), ..Default::default() })).unwrap();
    let bad = OrderInput {
        customer: "王喆五金店".into(),
        lines: vec![
            LineInput { sku: "A-001".into(), qty: "1".into(), ..Default::default() },
            LineInput { sku: "A-001".into(), qty: "abc".into(), ..Default::default() },
        ],
        ..Default::default()
    };
    let e = desk.write(None, |shop, ctx| shop.create_order(ctx, &bad)).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Invalid, Some("lines[2].qty")));
    assert!(e.message.contains("第 2 行"), "{}", e.message);
    let info = desk.set_lang(Lang::En);
    assert!(info.initialized && info.lang == Lang::En);
    let e = desk.write(None, |shop, ctx| shop.create_order(ctx, &bad)).unwrap_err();
    assert!(e.message.starts_with("Line 2"), "{}", e.message);
}

#[test]
fn a_damaged_database_is_reported_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaidan.db");
    let junk = b"this is not a SQLite database, but the shop's only copy of it".repeat(100);
    std::fs::write(&path, &junk).unwrap();
    let desk = Desk::open(&path, Lang::En);
    let info = desk.info();
    let err = info.open_error.expect("the window must be told");
    assert!(!info.initialized);
    assert!(matches!(err.code, ErrorCode::Damaged | ErrorCode::Storage), "{err:?}");
    assert!(!err.message.is_empty());
    // every command answers with that error; nothing touched the file
    let e = desk.read(|shop| shop.company()).unwrap_err();
    assert_eq!(e.code, err.code);
    assert_eq!(std::fs::read(&path).unwrap(), junk);
}

#[test]
fn back_up_now_and_a_failed_backup_is_shown_on_the_home_screen() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("kaidan.db"), Lang::En);
    desk.write(None, |shop, ctx| shop.init(ctx, "Shop", "Owner")).unwrap();
    let home = desk.read(|shop| shop.home("2026-11-25", 10)).unwrap();
    // the first write made the day's automatic backup
    assert!(home.backup.last_ok_at.is_some() && home.backup.last_failure.is_none(), "{:?}", home.backup);
    let done = desk.backup_now().unwrap();
    assert!(std::path::Path::new(&done.file).exists());

    // a backup folder that cannot exist (under a file): the failure is recorded and shown
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let folder = blocker.join("backups");
    desk.write(None, |shop, ctx| shop.set_setting(ctx, "backup_dir", folder.to_str().unwrap())).unwrap();
    let e = desk.backup_now().unwrap_err();
    assert!(!e.message.is_empty());
    let status = desk.read(|shop| shop.home("2026-11-25", 10)).unwrap().backup;
    let failure = status.last_failure.expect("the failed attempt is shown");
    assert!(!failure.ok && failure.error.is_some());
    assert!(status.last_ok_at.is_some(), "the last good backup is still named");
    // the shop keeps working
    assert_eq!(desk.info().company.unwrap().name, "Shop");
}

#[test]
fn restore_from_the_window_takes_only_listed_backups_and_shows_the_restored_data() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("kaidan.db"), Lang::En);
    desk.write(None, |shop, ctx| shop.init(ctx, "Before", "Owner")).unwrap();
    let made = desk.backup_now().unwrap();
    let mut company = desk.info().company.unwrap();
    company.name = "After".into();
    desk.write(None, |shop, ctx| shop.update_company(ctx, &company)).unwrap();

    // a file outside the backup folder is refused, nothing changes
    let outside = dir.path().join("elsewhere.db");
    std::fs::copy(&made.file, &outside).unwrap();
    let before = desk.read(|shop| shop.dump()).unwrap();
    assert!(desk.restore(outside.to_str().unwrap()).is_err());
    assert_eq!(desk.read(|shop| shop.dump()).unwrap(), before);

    let listed = desk.backups().unwrap();
    assert!(listed.iter().any(|b| b.file == made.file && b.kind == "manual"), "{listed:?}");
    let done = desk.restore(&made.file).unwrap();
    assert!(done.check_ok);
    // the same open Desk reads the restored shop, no restart
    assert_eq!(desk.info().company.unwrap().name, "Before");
    assert!(desk.backups().unwrap().iter().any(|b| b.file == done.safety_copy && b.kind == "safety"));
}

#[test]
fn the_periodic_check_backs_up_only_when_due() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("kaidan.db"), Lang::En);
    // nothing to back up before the shop exists
    assert!(!desk.backup_if_due());
    desk.write(None, |shop, ctx| shop.init(ctx, "Shop", "Owner")).unwrap();
    // the first write made today's automatic backup: the periodic check adds none
    let before = desk.backups().unwrap().len();
    assert_eq!(before, 1);
    assert!(!desk.backup_if_due());
    assert_eq!(desk.backups().unwrap().len(), before);
}
