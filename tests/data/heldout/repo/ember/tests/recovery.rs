use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};

use ember::{Db, Options, WalRecoveryMode};

fn opts() -> Options {
    Options {
        wal_segment_size: 1 << 16,
        ..Options::default()
    }
}

#[test]
fn reopen_after_clean_close() {
    let dir = tempfile::tempdir().unwrap();
    {
        let db = Db::open(dir.path(), opts()).unwrap();
        for i in 0..1000u32 {
            db.put(&i.to_be_bytes(), b"v").unwrap();
        }
    }
    let db = Db::open(dir.path(), opts()).unwrap();
    assert_eq!(
        db.get(&7u32.to_be_bytes()).unwrap().as_deref(),
        Some(&b"v"[..])
    );
}

#[test]
fn torn_tail_is_clean_eof() {
    let dir = tempfile::tempdir().unwrap();
    {
        let db = Db::open(dir.path(), opts()).unwrap();
        db.put(b"a", b"1").unwrap();
        db.put(b"b", b"2").unwrap();
    }
    // chop the last record in half
    let seg = dir.path().join("000001.log");
    let len = std::fs::metadata(&seg).unwrap().len();
    OpenOptions::new()
        .write(true)
        .open(&seg)
        .unwrap()
        .set_len(len - 3)
        .unwrap();
    let db = Db::open(dir.path(), opts()).unwrap();
    assert_eq!(db.get(b"a").unwrap().as_deref(), Some(&b"1"[..]));
}

#[test]
fn flipped_byte_is_reported_in_strict_mode() {
    let dir = tempfile::tempdir().unwrap();
    {
        let db = Db::open(dir.path(), opts()).unwrap();
        db.put(b"key", b"value").unwrap();
    }
    let seg = dir.path().join("000001.log");
    let mut f = OpenOptions::new().write(true).open(&seg).unwrap();
    f.seek(SeekFrom::Start(12)).unwrap();
    f.write_all(&[0xff]).unwrap();
    let strict = Options {
        wal_recovery_mode: WalRecoveryMode::AbsoluteConsistency,
        ..opts()
    };
    let err = Db::open(dir.path(), strict).err().expect("should fail");
    assert!(err.to_string().contains("checksum mismatch in WAL record"));
}

#[test]
fn recycled_segment_with_old_records() {
    let dir = tempfile::tempdir().unwrap();
    let o = Options {
        wal_recycle: true,
        ..opts()
    };
    {
        let db = Db::open(dir.path(), o.clone()).unwrap();
        for i in 0..5000u32 {
            db.put(&i.to_be_bytes(), &[0u8; 100]).unwrap();
        }
    }
    let db = Db::open(dir.path(), o).unwrap();
    assert!(db.get(&4999u32.to_be_bytes()).unwrap().is_some());
}
