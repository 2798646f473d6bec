//! Store access from async handlers: every store call runs on a blocking thread, with
//! that thread's own reader connection.
//!
//! SQLite connections are not `Sync`, and a query blocks. So handlers never touch the
//! store on the async runtime: [`Readers::run`] moves the call to tokio's blocking pool,
//! where each thread keeps one [`SqliteStore::open_reader`] connection per served
//! database in a thread-local, opened on first use. The database is in WAL mode, so
//! readers never block each other or an ingest writing at the same time.

use crate::error::{Error, Result};
use faultline_store::SqliteStore;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Weak};

thread_local! {
    /// This thread's reader connections, one per live [`Readers`] (a process may serve
    /// several databases, as the tests do). Entries of dropped `Readers` are closed on
    /// the next call.
    static CONNECTIONS: RefCell<Vec<(Weak<PathBuf>, SqliteStore)>> = const { RefCell::new(Vec::new()) };
}

/// Reader connections to one database, one per blocking thread.
#[derive(Clone, Debug)]
pub struct Readers {
    path: Arc<PathBuf>,
}

impl Readers {
    /// Checks that `path` is a faultline database at the current schema version, and
    /// makes the connection source. A database of an older schema is migrated once (by a
    /// short-lived writer connection).
    pub fn open(path: &Path) -> Result<Readers> {
        if !path.exists() {
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "{}: no such database (run `faultline ingest` or `faultline demo` first)",
                    path.display()
                ),
            )));
        }
        match SqliteStore::open_reader(path) {
            Ok(_) => {}
            Err(faultline_store::Error::TooOld { .. }) => {
                drop(SqliteStore::open(path)?);
                SqliteStore::open_reader(path)?;
            }
            Err(err) => return Err(err.into()),
        }
        Ok(Readers { path: Arc::new(path.to_path_buf()) })
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with a reader connection on a blocking thread.
    pub async fn run<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> Result<T> + Send + 'static,
    {
        let key = Arc::downgrade(&self.path);
        let path = Arc::clone(&self.path);
        tokio::task::spawn_blocking(move || {
            CONNECTIONS.with(|cell| {
                let mut connections = cell.borrow_mut();
                connections.retain(|(owner, _)| owner.strong_count() > 0);
                let index = match connections.iter().position(|(owner, _)| owner.ptr_eq(&key)) {
                    Some(index) => index,
                    None => {
                        connections.push((key, SqliteStore::open_reader(path.as_path())?));
                        connections.len() - 1
                    }
                };
                f(&connections[index].1)
            })
        })
        .await
        .map_err(|err| Error::Internal(format!("store task failed: {err}")))?
    }
}
