use ember::{Db, Error, Options};

#[test]
fn conflicting_write_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(dir.path(), Options::default()).unwrap();
    db.put(b"counter", b"1").unwrap();
    let mut t = db.transaction();
    let _ = t.get(b"counter").unwrap();
    db.put(b"counter", b"2").unwrap();
    t.put(b"counter", b"3");
    match t.commit() {
        Err(Error::Conflict { key, .. }) => assert_eq!(key, b"counter"),
        other => panic!("expected conflict, got {:?}", other.err()),
    }
}

#[test]
fn blind_write_does_not_conflict_on_unread_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(dir.path(), Options::default()).unwrap();
    let mut t = db.transaction();
    db.put(b"other", b"x").unwrap();
    t.put(b"mine", b"y");
    t.commit().unwrap();
}
