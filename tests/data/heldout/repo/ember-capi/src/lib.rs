//! C API. See include/ember.h for the documented contract.

#![allow(clippy::missing_safety_doc)]

use std::cell::RefCell;
use std::ffi::{c_char, c_int, CStr, CString};
use std::ptr;

use ember::{Db, DbIterator, Error, Options, ReadOptions, SyncMode};

pub const EMBER_OK: c_int = 0;
pub const EMBER_ERR_NOT_FOUND: c_int = 5;

thread_local! {
    static LAST_ERROR: RefCell<Option<CString>> = const { RefCell::new(None) };
}

fn set_error(e: &Error) -> c_int {
    let msg = CString::new(e.to_string()).unwrap_or_else(|_| CString::new("error").unwrap());
    LAST_ERROR.with(|l| *l.borrow_mut() = Some(msg));
    e.code()
}

pub struct ember_options_t(Options);
pub struct ember_db_t(Db);
pub struct ember_iter_t(DbIterator);

#[no_mangle]
pub extern "C" fn ember_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char
}

#[no_mangle]
pub extern "C" fn ember_last_error() -> *const c_char {
    LAST_ERROR.with(|l| l.borrow().as_ref().map_or(ptr::null(), |s| s.as_ptr()))
}

#[no_mangle]
pub extern "C" fn ember_options_new() -> *mut ember_options_t {
    Box::into_raw(Box::new(ember_options_t(Options::default())))
}

#[no_mangle]
pub unsafe extern "C" fn ember_options_set_sync(o: *mut ember_options_t, mode: c_int) {
    (*o).0.sync = match mode {
        2 => SyncMode::Full,
        1 => SyncMode::DataOnly,
        _ => SyncMode::None,
    };
}

#[no_mangle]
pub unsafe extern "C" fn ember_options_free(o: *mut ember_options_t) {
    if !o.is_null() {
        drop(Box::from_raw(o));
    }
}

#[no_mangle]
pub unsafe extern "C" fn ember_open(
    path: *const c_char,
    opts: *const ember_options_t,
    out: *mut *mut ember_db_t,
) -> c_int {
    let path = match CStr::from_ptr(path).to_str() {
        Ok(p) => p,
        Err(_) => return set_error(&Error::InvalidArgument("path is not valid UTF-8".into())),
    };
    let o = if opts.is_null() {
        Options::default()
    } else {
        (*opts).0.clone()
    };
    match Db::open(path, o) {
        Ok(db) => {
            *out = Box::into_raw(Box::new(ember_db_t(db)));
            EMBER_OK
        }
        Err(e) => {
            *out = ptr::null_mut();
            set_error(&e)
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn ember_close(db: *mut ember_db_t) {
    if !db.is_null() {
        drop(Box::from_raw(db));
    }
}

#[no_mangle]
pub unsafe extern "C" fn ember_put(
    db: *mut ember_db_t,
    key: *const u8,
    key_len: usize,
    val: *const u8,
    val_len: usize,
) -> c_int {
    let k = std::slice::from_raw_parts(key, key_len);
    let v = std::slice::from_raw_parts(val, val_len);
    match (*db).0.put(k, v) {
        Ok(()) => EMBER_OK,
        Err(e) => set_error(&e),
    }
}

/// On success `*val` is allocated with malloc; release it with `ember_free`.
#[no_mangle]
pub unsafe extern "C" fn ember_get(
    db: *mut ember_db_t,
    key: *const u8,
    key_len: usize,
    val: *mut *mut u8,
    val_len: *mut u32,
) -> c_int {
    let k = std::slice::from_raw_parts(key, key_len);
    match (*db).0.get(k) {
        Ok(Some(v)) => {
            let p = libc::malloc(v.len().max(1)) as *mut u8;
            ptr::copy_nonoverlapping(v.as_ptr(), p, v.len());
            *val = p;
            *val_len = v.len() as u32;
            EMBER_OK
        }
        Ok(None) => EMBER_ERR_NOT_FOUND,
        Err(e) => set_error(&e),
    }
}

#[no_mangle]
pub unsafe extern "C" fn ember_delete(
    db: *mut ember_db_t,
    key: *const u8,
    key_len: usize,
) -> c_int {
    match (*db).0.delete(std::slice::from_raw_parts(key, key_len)) {
        Ok(()) => EMBER_OK,
        Err(e) => set_error(&e),
    }
}

#[no_mangle]
pub unsafe extern "C" fn ember_free(p: *mut u8) {
    libc::free(p as *mut libc::c_void);
}

/// The iterator must be freed before the database is closed.
#[no_mangle]
pub unsafe extern "C" fn ember_iter_new(db: *mut ember_db_t) -> *mut ember_iter_t {
    Box::into_raw(Box::new(ember_iter_t((*db).0.iter(ReadOptions::default()))))
}

#[no_mangle]
pub unsafe extern "C" fn ember_iter_seek(it: *mut ember_iter_t, key: *const u8, key_len: usize) {
    (*it).0.seek(std::slice::from_raw_parts(key, key_len));
}

#[no_mangle]
pub unsafe extern "C" fn ember_iter_seek_to_first(it: *mut ember_iter_t) {
    (*it).0.seek_to_first();
}

#[no_mangle]
pub unsafe extern "C" fn ember_iter_valid(it: *const ember_iter_t) -> c_int {
    (*it).0.valid() as c_int
}

#[no_mangle]
pub unsafe extern "C" fn ember_iter_next(it: *mut ember_iter_t) {
    (*it).0.next();
}

#[no_mangle]
pub unsafe extern "C" fn ember_iter_key(it: *const ember_iter_t, len: *mut usize) -> *const u8 {
    let k = (*it).0.key();
    *len = k.len();
    k.as_ptr()
}

#[no_mangle]
pub unsafe extern "C" fn ember_iter_value(it: *const ember_iter_t, len: *mut usize) -> *const u8 {
    let v = (*it).0.value();
    *len = v.len();
    v.as_ptr()
}

#[no_mangle]
pub unsafe extern "C" fn ember_iter_free(it: *mut ember_iter_t) {
    if !it.is_null() {
        drop(Box::from_raw(it));
    }
}
