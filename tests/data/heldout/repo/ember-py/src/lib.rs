use std::path::PathBuf;
use std::sync::Arc;

use parking_lot_shim::Mutex;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use ember::{Db, DbIterator, Options, ReadOptions, SyncMode};

mod parking_lot_shim {
    pub use std::sync::Mutex;
}

create_exception!(_ember, EmberError, PyException);
create_exception!(_ember, ConflictError, EmberError);
create_exception!(_ember, CorruptionError, EmberError);

fn to_py(e: ember::Error) -> PyErr {
    match e {
        ember::Error::Conflict { .. } => ConflictError::new_err(e.to_string()),
        e if e.is_corruption() => CorruptionError::new_err(e.to_string()),
        e => EmberError::new_err(e.to_string()),
    }
}

#[pyclass(name = "Db", module = "ember")]
struct PyDb {
    db: Arc<Mutex<Option<Db>>>,
}

fn with_db<T>(db: &Mutex<Option<Db>>, f: impl FnOnce(&Db) -> ember::Result<T>) -> PyResult<T> {
    let guard = db.lock().unwrap();
    match guard.as_ref() {
        Some(d) => f(d).map_err(to_py),
        None => Err(EmberError::new_err("database is closed")),
    }
}

#[pymethods]
impl PyDb {
    fn put(&self, key: &[u8], value: &[u8]) -> PyResult<()> {
        with_db(&self.db, |d| d.put(key, value))
    }

    fn get<'py>(&self, py: Python<'py>, key: &[u8]) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let v = with_db(&self.db, |d| d.get(key))?;
        Ok(v.map(|v| PyBytes::new_bound(py, &v)))
    }

    fn delete(&self, key: &[u8]) -> PyResult<()> {
        with_db(&self.db, |d| d.delete(key))
    }

    #[pyo3(signature = (prefix=None, start=None, stop=None, reverse=false))]
    fn scan(
        &self,
        prefix: Option<Vec<u8>>,
        start: Option<Vec<u8>>,
        stop: Option<Vec<u8>>,
        reverse: bool,
    ) -> PyResult<PyIter> {
        let ro = ReadOptions {
            prefix,
            lower_bound: start,
            upper_bound: stop,
            ..Default::default()
        };
        let mut it = with_db(&self.db, |d| Ok(d.iter(ro)))?;
        if reverse {
            it.seek_for_prev(&[0xff; 64]);
        } else {
            it.seek_to_first();
        }
        Ok(PyIter {
            _db: self.db.clone(),
            it,
            reverse,
        })
    }

    fn __iter__(&self) -> PyResult<PyIter> {
        self.scan(None, None, None, false)
    }

    #[pyo3(signature = (start=None, end=None))]
    fn compact_range(
        &self,
        py: Python<'_>,
        start: Option<Vec<u8>>,
        end: Option<Vec<u8>>,
    ) -> PyResult<()> {
        let db = self.db.clone();
        py.allow_threads(move || {
            with_db(&db, |d| d.compact_range(start.as_deref(), end.as_deref()))
        })
    }

    fn flush(&self, py: Python<'_>) -> PyResult<()> {
        let db = self.db.clone();
        py.allow_threads(move || with_db(&db, |d| d.flush()))
    }

    fn checkpoint(&self, dest: PathBuf) -> PyResult<()> {
        with_db(&self.db, |d| d.checkpoint(&dest))
    }

    fn close(&self) {
        self.db.lock().unwrap().take();
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __exit__(&self, _t: PyObject, _v: PyObject, _tb: PyObject) {
        self.close();
    }
}

/// Holds the database alive for as long as the iterator exists.
#[pyclass(name = "Iterator", module = "ember", unsendable)]
struct PyIter {
    _db: Arc<Mutex<Option<Db>>>,
    it: DbIterator,
    reverse: bool,
}

#[pymethods]
impl PyIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(
        &mut self,
        py: Python<'py>,
    ) -> Option<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
        if !self.it.valid() {
            return None;
        }
        let item = (
            PyBytes::new_bound(py, self.it.key()),
            PyBytes::new_bound(py, self.it.value()),
        );
        if self.reverse {
            self.it.prev();
        } else {
            self.it.next();
        }
        Some(item)
    }
}

#[pyfunction]
#[pyo3(signature = (path, *, create_if_missing=true, read_only=false, sync=false))]
fn open(path: PathBuf, create_if_missing: bool, read_only: bool, sync: bool) -> PyResult<PyDb> {
    let opts = Options {
        create_if_missing,
        read_only,
        sync: if sync { SyncMode::Full } else { SyncMode::None },
        ..Options::default()
    };
    let db = Db::open(&path, opts).map_err(to_py)?;
    Ok(PyDb {
        db: Arc::new(Mutex::new(Some(db))),
    })
}

#[pymodule]
fn _ember(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(open, m)?)?;
    m.add_class::<PyDb>()?;
    m.add_class::<PyIter>()?;
    m.add("EmberError", m.py().get_type_bound::<EmberError>())?;
    m.add("ConflictError", m.py().get_type_bound::<ConflictError>())?;
    m.add(
        "CorruptionError",
        m.py().get_type_bound::<CorruptionError>(),
    )?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
