use ember::{Db, Options, ReadOptions};

fn db_with(keys: &[&[u8]]) -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(dir.path(), Options::default()).unwrap();
    for k in keys {
        db.put(k, b"x").unwrap();
    }
    (dir, db)
}

#[test]
fn forward_with_upper_bound() {
    let (_d, db) = db_with(&[b"a", b"b", b"c"]);
    let mut it = db.iter(ReadOptions {
        upper_bound: Some(b"c".to_vec()),
        ..Default::default()
    });
    it.seek_to_first();
    let mut seen = vec![];
    while it.valid() {
        seen.push(it.key().to_vec());
        it.next();
    }
    assert_eq!(seen, vec![b"a".to_vec(), b"b".to_vec()]);
}

#[test]
fn seek_for_prev_missing_key() {
    let (_d, db) = db_with(&[b"a", b"c"]);
    let mut it = db.iter(ReadOptions::default());
    it.seek_for_prev(b"b");
    assert!(it.valid());
    assert_eq!(it.key(), b"a");
}

#[test]
fn prefix_with_ff() {
    let (_d, db) = db_with(&[b"\x01\xff", b"\x01\xff\x00", b"\x02"]);
    let mut it = db.iter(ReadOptions::with_prefix(b"\x01\xff"));
    it.seek_to_first();
    let mut n = 0;
    while it.valid() {
        n += 1;
        it.next();
    }
    assert_eq!(n, 2);
}

#[test]
fn deleted_keys_are_hidden() {
    let (_d, db) = db_with(&[b"a", b"b"]);
    db.delete(b"a").unwrap();
    let mut it = db.iter(ReadOptions::default());
    it.seek_to_first();
    assert_eq!(it.key(), b"b");
}
