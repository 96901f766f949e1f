//! A database file for tests: a fresh path in the system's temporary folder, removed
//! (with its WAL files) when dropped.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh database path; the files are removed on drop.
#[derive(Debug)]
pub struct TempDb(PathBuf);

impl TempDb {
    /// A path no other `TempDb` of this process uses, named after `label`.
    pub fn new(label: &str) -> TempDb {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        TempDb(std::env::temp_dir().join(format!("scopec-{label}-{}-{n}.db", std::process::id())))
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}
