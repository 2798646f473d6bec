//! Checkpoints from a thread of their own.
//!
//! In WAL mode a commit appends pages to the `-wal` file, and a checkpoint copies them
//! back into the database file and syncs it. By default the writer does that itself
//! after the commit that takes the WAL past `wal_autocheckpoint` pages, so every few
//! batches an ingest's store thread stops to copy tens of megabytes and wait for the
//! disk, and the workers wait for it. With [`SqliteStore::checkpoint_in_background`]
//! a second connection on a thread of its own does most of that copying: the writer's
//! WAL hook wakes the thread once the WAL holds the connection's `wal_autocheckpoint`
//! pages (the point at which it would have checkpointed itself), and the thread runs
//! `PASSIVE` checkpoints, which block neither the writer nor readers.
//!
//! The WAL starts over (is written again from its beginning) only when a write
//! transaction begins with every page already copied, and the writer keeps committing
//! while the thread copies, so the thread alone would rarely get there. Once the thread
//! has copied every commit but the last, the writer copies that one itself (a batch:
//! a fraction of what it copied before), which lets its next transaction start the WAL
//! over. Should the WAL still reach four times that many pages, the writer waits for
//! the thread's checkpoint to end and copies the rest; with the thread gone it
//! checkpoints as it would without one. The WAL stays bounded either way.
//!
//! [`SqliteStore::checkpoint_in_background`]: super::SqliteStore::checkpoint_in_background

use crate::{Error, Result};
use rusqlite::Connection;
use rusqlite::hooks::Wal;
use rusqlite::wal::CheckpointMode;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::mpsc::{self, TrySendError};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the writer's hook and the thread share.
#[derive(Debug, Default)]
struct Shared {
    stopping: AtomicBool,
    /// Held while either side checkpoints: SQLite turns a second checkpoint away at once
    /// (BUSY, whatever the busy timeout), so a writer that must checkpoint waits here.
    running: Mutex<()>,
    /// The WAL page the last checkpoint copied up to; 0 once the WAL has started over.
    copied: AtomicI32,
    by_thread: AtomicU64,
    by_writer: AtomicU64,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, ()> {
        self.running.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn try_lock(&self) -> Option<MutexGuard<'_, ()>> {
        match self.running.try_lock() {
            Ok(guard) => Some(guard),
            Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }
}

/// The background checkpoints of one writer connection; stopped when dropped.
#[derive(Debug)]
pub(crate) struct Checkpointer {
    shared: Arc<Shared>,
    wake: mpsc::SyncSender<()>,
    thread: Option<JoinHandle<Result<()>>>,
}

impl Checkpointer {
    /// Starts the thread and hooks `writer`'s commits to it, waking it at the writer's
    /// `wal_autocheckpoint` pages, so checkpoints are as frequent as before, only
    /// elsewhere. `None` for a database in memory (no WAL) or with automatic checkpoints
    /// off.
    pub(crate) fn start(writer: &mut Connection) -> Result<Option<Checkpointer>> {
        let Some(path) = writer.path().filter(|p| !p.is_empty()).map(PathBuf::from) else {
            return Ok(None);
        };
        let frames: i32 = writer.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
        if frames <= 0 {
            return Ok(None);
        }
        let conn = Connection::open(&path).map_err(|source| Error::Open { path: path.clone(), source })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Checkpoints read the WAL and write the database file: no page cache or mapping
        // to speak of (this connection's memory stays small).
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -1024; PRAGMA mmap_size = 0;")?;
        let (wake, woken) = mpsc::sync_channel::<()>(1);
        let shared = Arc::new(Shared::default());
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("fl-checkpoint".into())
            .spawn(move || run(&conn, &woken, &thread_shared))
            .map_err(Error::Io)?;
        let (hook_wake, hook_shared) = (wake.clone(), Arc::clone(&shared));
        // Replaces the automatic checkpoint (one hook per connection).
        let mut before = 0;
        writer.wal_hook(Some(move |wal: &mut Wal, pages: i32| {
            after_commit(wal, pages, before, frames, &hook_shared, &hook_wake);
            before = pages;
            Ok(())
        }))?;
        Ok(Some(Checkpointer { shared, wake, thread: Some(thread) }))
    }

    /// Waits for the thread's checkpoint, if one runs, and keeps the thread from starting
    /// another until the guard is dropped (SQLite would turn a second one away).
    pub(crate) fn hold(&self) -> MutexGuard<'_, ()> {
        self.shared.lock()
    }

    /// Checkpoints run so far: (by the thread, by the writer).
    #[cfg(test)]
    pub(crate) fn counts(&self) -> (u64, u64) {
        (self.shared.by_thread.load(Ordering::Relaxed), self.shared.by_writer.load(Ordering::Relaxed))
    }

    /// Stops the thread and returns its first error, if it had one.
    pub(crate) fn stop(&mut self) -> Result<()> {
        self.shared.stopping.store(true, Ordering::Release);
        // Wakes the thread if it waits (fails only if it has already ended).
        let _ = self.wake.send(());
        match self.thread.take() {
            Some(thread) => thread.join().unwrap_or(Ok(())),
            None => Ok(()),
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

/// The writer's side, after each commit with `pages` pages in the WAL, `before` of them
/// from earlier commits: wakes the thread, or copies what is left itself (see the
/// module's documentation for when).
fn after_commit(
    wal: &mut Wal,
    pages: i32,
    before: i32,
    frames: i32,
    shared: &Shared,
    wake: &mpsc::SyncSender<()>,
) {
    let mut copied = shared.copied.load(Ordering::Relaxed);
    if pages < copied {
        // Fewer pages than were copied: the WAL has started over.
        copied = 0;
        shared.copied.store(0, Ordering::Relaxed);
    }
    if pages < frames {
        return;
    }
    let urgent = pages >= frames.saturating_mul(4);
    if !urgent && copied < before {
        match wake.try_send(()) {
            // The thread is gone: checkpoint here, as SQLite would.
            Err(TrySendError::Disconnected(())) => {}
            Ok(()) | Err(TrySendError::Full(())) => return,
        }
    }
    let running = if urgent { Some(shared.lock()) } else { shared.try_lock() };
    let Some(_running) = running else {
        // The thread is at it: the next commit looks again.
        return;
    };
    shared.by_writer.fetch_add(1, Ordering::Relaxed);
    // The commit has happened whatever this returns, and an error returned from the hook
    // would be reported as the commit's own; a checkpoint that fails is tried again after
    // the next commit.
    if let Ok((_, done)) = wal.checkpoint_v2(CheckpointMode::PASSIVE) {
        shared.copied.store(done, Ordering::Relaxed);
    }
}

/// The thread: a passive checkpoint each time the writer's hook wakes it. When the thread
/// ends, its end of the channel goes with it and the hook checkpoints in the writer.
fn run(conn: &Connection, woken: &mpsc::Receiver<()>, shared: &Shared) -> Result<()> {
    while woken.recv().is_ok() {
        if shared.stopping.load(Ordering::Acquire) {
            break;
        }
        let _running = shared.lock();
        shared.by_thread.fetch_add(1, Ordering::Relaxed);
        let copied: i32 = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(2))?;
        shared.copied.store(copied, Ordering::Relaxed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WAL database in `dir` with a table of blobs.
    fn wal_db(dir: &std::path::Path) -> Connection {
        let conn = Connection::open(dir.join("ck.db")).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 64; CREATE TABLE blobs(b BLOB);",
        )
        .unwrap();
        conn
    }

    /// Commits `n` transactions of about three pages each.
    fn write(conn: &Connection, n: usize) {
        for _ in 0..n {
            conn.execute("INSERT INTO blobs VALUES (zeroblob(10000))", []).unwrap();
        }
    }

    /// Whether the thread has started a checkpoint within a few seconds (it is woken,
    /// not waited for, and a busy machine may not have run it yet).
    fn thread_ran(ck: &Checkpointer) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while ck.counts().0 == 0 {
            if std::time::Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        true
    }

    fn wal_pages(dir: &std::path::Path) -> u64 {
        // A WAL frame is a 24-byte header and a 4,096-byte page, after a 32-byte header.
        std::fs::metadata(dir.join("ck.db-wal")).map_or(0, |m| m.len().saturating_sub(32) / (24 + 4096))
    }

    #[test]
    fn the_thread_checkpoints_and_the_wal_stays_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = wal_db(dir.path());
        let mut ck = Checkpointer::start(&mut conn).unwrap().expect("a file has a WAL");
        write(&conn, 600);
        assert!(thread_ran(&ck), "the thread never checkpointed");
        // Without checkpoints 600 commits leave ~1,800 pages; the writer steps in at 256.
        let pages = wal_pages(dir.path());
        assert!(pages <= 256 + 8, "the WAL grew to {pages} pages");
        ck.stop().unwrap();
        let rows: i64 = conn.query_row("SELECT count(*) FROM blobs", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 600);
    }

    #[test]
    fn the_writer_checkpoints_once_the_thread_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = wal_db(dir.path());
        let mut ck = Checkpointer::start(&mut conn).unwrap().unwrap();
        ck.stop().unwrap();
        write(&conn, 600);
        let (by_thread, by_writer) = ck.counts();
        assert_eq!(by_thread, 0);
        assert!(by_writer > 0, "nobody checkpointed");
        let pages = wal_pages(dir.path());
        // Checkpointing from 64 pages on, the WAL restarts long before 256.
        assert!(pages <= 64 + 8, "the WAL grew to {pages} pages");
    }

    #[test]
    fn a_store_truncates_its_wal_with_the_thread_running() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        let mut store = super::super::SqliteStore::open(&path).unwrap();
        store.checkpoint_in_background().unwrap();
        store.checkpoint_in_background().unwrap();
        assert!(store.checkpointer.is_some());
        store.conn.execute_batch("CREATE TABLE blobs(b BLOB);").unwrap();
        // 100 MB: past the writer's 4,000 16 KB pages, so the thread has checkpointed.
        for _ in 0..1000 {
            store.conn.execute("INSERT INTO blobs VALUES (zeroblob(100000))", []).unwrap();
        }
        assert!(thread_ran(store.checkpointer.as_ref().unwrap()), "the thread never checkpointed");
        store.checkpoint().unwrap();
        let wal = std::fs::metadata(dir.path().join("store.db-wal")).unwrap().len();
        assert_eq!(wal, 0, "the WAL was not truncated");
        drop(store);
        let store = super::super::SqliteStore::open(&path).unwrap();
        let rows: i64 = store.conn.query_row("SELECT count(*) FROM blobs", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 1000);
    }

    #[test]
    fn a_database_in_memory_or_without_autocheckpoints_has_no_checkpointer() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert!(Checkpointer::start(&mut conn).unwrap().is_none());
        // Nor one whose automatic checkpoints are off: it checkpoints when it is told to.
        let dir = tempfile::tempdir().unwrap();
        let mut conn = wal_db(dir.path());
        conn.execute_batch("PRAGMA wal_autocheckpoint = 0;").unwrap();
        assert!(Checkpointer::start(&mut conn).unwrap().is_none());
    }
}
