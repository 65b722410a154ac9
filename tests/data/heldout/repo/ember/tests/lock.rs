use ember::{Db, Error, Options};

#[test]
fn second_open_fails() {
    let dir = tempfile::tempdir().unwrap();
    let _a = Db::open(dir.path(), Options::default()).unwrap();
    match Db::open(dir.path(), Options::default()) {
        Err(Error::Locked { pid, .. }) => assert_eq!(pid, std::process::id()),
        other => panic!("expected Locked, got {:?}", other.err()),
    }
}

#[test]
fn lock_released_on_drop() {
    let dir = tempfile::tempdir().unwrap();
    drop(Db::open(dir.path(), Options::default()).unwrap());
    Db::open(dir.path(), Options::default()).unwrap();
}

#[test]
fn read_only_alongside_reader() {
    let dir = tempfile::tempdir().unwrap();
    drop(Db::open(dir.path(), Options::default()).unwrap());
    let ro = Options {
        read_only: true,
        ..Options::default()
    };
    let _a = Db::open(dir.path(), ro.clone()).unwrap();
    let _b = Db::open(dir.path(), ro).unwrap();
}
