//! Nothing left behind. A build writes into `.<out>.tmp-PID` beside its
//! target (and a bundle into `.<name>.zip.tmp-PID`); this module removes
//! them when the process is stopped by SIGINT, SIGTERM or SIGHUP (Ctrl-C on
//! Windows), and removes the ones an earlier, killed process (SIGKILL, power
//! loss) left — recognised by their name and a PID that no longer runs.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// Paths to remove if the process is stopped now.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set when a stop signal came: writers stop writing.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Exit code after a stop signal (128 + SIGINT, as shells report it).
const STOPPED: i32 = 130;

/// Remove every registered staging path when a stop signal arrives, then
/// exit with 130. Call once, early, in commands that write (`build`, `pdf`,
/// `bundle`); `serve` writes nothing and has a handler of its own.
pub fn on_stop_signal() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let installed = ctrlc::set_handler(|| {
            STOPPING.store(true, Ordering::SeqCst);
            // Let writes already under way finish, so none lands after the removal.
            std::thread::sleep(Duration::from_millis(100));
            remove_pending();
            eprintln!("afbrudt: intet skrevet, midlertidige filer fjernet");
            std::process::exit(STOPPED);
        });
        if let Err(e) = installed {
            eprintln!("warning: cannot catch stop signals ({e}); a stopped build may leave a temporary folder, which the next build removes");
        }
    });
}

/// Whether a stop signal came (writers should stop writing).
pub fn stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}

/// Remove `path` (a file or folder) if the process is stopped before [`forget`].
pub fn register(path: &Path) {
    if let Ok(mut p) = PENDING.lock() {
        p.push(path.to_path_buf());
    }
}

/// `path` is committed or removed: a stop no longer concerns it.
pub fn forget(path: &Path) {
    if let Ok(mut p) = PENDING.lock() {
        p.retain(|q| q != path);
    }
}

fn remove_pending() {
    let paths = PENDING.lock().map(|p| p.clone()).unwrap_or_default();
    for path in paths {
        remove(&path);
    }
}

fn remove(path: &Path) {
    if path.is_dir() {
        let _ = std::fs::remove_dir_all(path);
    } else {
        let _ = std::fs::remove_file(path);
    }
}

/// Remove what earlier processes left in `dir` under `.<name>.tmp-PID` or
/// `.<name>.old-PID` whose PID no longer runs. Returns what was removed.
pub fn remove_stale(dir: &Path, name: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let Some(pid) = staging_pid(file, name) else {
            continue;
        };
        if pid != std::process::id() && !running(pid, &entry.path()) {
            remove(&entry.path());
            removed.push(entry.path());
        }
    }
    removed.sort();
    removed
}

/// The PID in `.<name>.tmp-PID` or `.<name>.old-PID`.
fn staging_pid(file: &str, name: &str) -> Option<u32> {
    let rest = file.strip_prefix('.')?.strip_prefix(name)?;
    let pid = rest
        .strip_prefix(".tmp-")
        .or_else(|| rest.strip_prefix(".old-"))?;
    pid.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| pid.parse().ok())?
}

/// Whether process `pid` may still be writing `path`.
fn running(pid: u32, path: &Path) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        // No /proc: only what has not changed for a day counts as left behind.
        let age = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        age.is_none_or(|a| a < Duration::from_secs(24 * 3600))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_a_pid() {
        assert_eq!(staging_pid(".site.tmp-123", "site"), Some(123));
        assert_eq!(staging_pid(".site.old-9", "site"), Some(9));
        assert_eq!(staging_pid(".site.tmp-", "site"), None);
        assert_eq!(staging_pid(".site.tmp-12x", "site"), None);
        assert_eq!(staging_pid(".other.tmp-12", "site"), None);
        assert_eq!(staging_pid("site.tmp-12", "site"), None);
    }

    #[test]
    fn removes_only_what_dead_processes_left() {
        let dir = tempfile::tempdir().unwrap();
        // PIDs above the kernel's maximum (4194304) never run.
        let dead = dir.path().join(".site.tmp-4294967");
        std::fs::create_dir_all(dead.join("a")).unwrap();
        let mine = dir.path().join(format!(".site.tmp-{}", std::process::id()));
        std::fs::create_dir(&mine).unwrap();
        let zip = dir.path().join(".s.zip.tmp-4294968");
        std::fs::write(&zip, "x").unwrap();
        let foreign = dir.path().join(".siteX.tmp-1");
        std::fs::create_dir(&foreign).unwrap();
        if cfg!(target_os = "linux") {
            assert_eq!(remove_stale(dir.path(), "site"), vec![dead.clone()]);
            assert_eq!(remove_stale(dir.path(), "s.zip"), vec![zip.clone()]);
            assert!(!dead.exists() && !zip.exists());
        }
        assert!(mine.exists() && foreign.exists());
    }
}
