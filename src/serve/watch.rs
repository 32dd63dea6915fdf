//! Watching a project's inputs: `content/`, `data/`, `templates/` and
//! `maalrapport.toml`. Bursts of events (an editor's save is several) are
//! debounced into one change; editor temp files, lock files and reads are
//! ignored, so neither a swap file nor the build's own reading sets off a build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{Event, RecursiveMode, Watcher as _};

/// How long the files must stay quiet before a change counts as one.
const QUIET: Duration = Duration::from_millis(100);

/// The folders watched recursively (when they exist).
const FOLDERS: [&str; 3] = ["content", "data", "templates"];

/// The project's config file, watched through the root folder so an editor
/// that saves by renaming a new file into place is still seen.
const CONFIG: &str = "maalrapport.toml";

/// Watch the project in `root` on a thread of its own; call `on_change` with
/// the changed paths (relative to `root`) after every burst of changes.
/// The watching lasts as long as the process.
pub fn spawn(
    root: &Path,
    mut on_change: impl FnMut(&[PathBuf]) + Send + 'static,
) -> notify::Result<()> {
    let root = std::fs::canonicalize(root)?;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    let mut folders = Folders::default();
    folders.refresh(&mut watcher, &root);
    std::thread::Builder::new()
        .name("maalrapport-watch".into())
        .spawn(move || {
            while let Some(changed) = next_burst(&rx, &root) {
                folders.refresh(&mut watcher, &root);
                on_change(&changed);
            }
        })?;
    Ok(())
}

/// Block for the first relevant event, then collect until [`QUIET`] passes
/// without one. `None` when the watcher is gone.
fn next_burst(rx: &mpsc::Receiver<notify::Result<Event>>, root: &Path) -> Option<Vec<PathBuf>> {
    let mut changed = BTreeSet::new();
    while changed.is_empty() {
        collect(rx.recv().ok()?, root, &mut changed);
    }
    loop {
        match rx.recv_timeout(QUIET) {
            Ok(event) => collect(event, root, &mut changed),
            Err(mpsc::RecvTimeoutError::Timeout) => return Some(changed.into_iter().collect()),
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
}

fn collect(event: notify::Result<Event>, root: &Path, changed: &mut BTreeSet<PathBuf>) {
    let event = match event {
        Ok(event) => event,
        // The watcher lost track (e.g. an overflowing queue): rebuild to be safe.
        Err(_) => {
            changed.insert(PathBuf::from(CONFIG));
            return;
        }
    };
    if !counts(&event.kind) {
        return;
    }
    let relevant = event
        .paths
        .iter()
        .filter_map(|p| p.strip_prefix(root).ok())
        .filter(|rel| relevant(rel));
    changed.extend(relevant.map(Path::to_path_buf));
}

/// Whether an event kind can change a build: not reads and opens (the build's
/// own reading causes them), but writes, creations, removals and renames.
fn counts(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether a path (relative to the root) is an input of the build.
fn relevant(rel: &Path) -> bool {
    let mut parts = rel
        .components()
        .map(|c| c.as_os_str().to_str().unwrap_or_default());
    let Some(first) = parts.next() else {
        return false;
    };
    let input = first == CONFIG || FOLDERS.contains(&first);
    input
        && rel
            .components()
            .all(|c| !temp_file(c.as_os_str().to_str().unwrap_or("~")))
}

/// Names editors, office programs and the OS leave behind while saving.
fn temp_file(name: &str) -> bool {
    name.starts_with('.') // .file.swp, .#file (Emacs lock), .~lock.file# (LibreOffice), .DS_Store
        || name.starts_with('#') // #file# (Emacs autosave)
        || name.starts_with("~$") // ~$values.xlsx (Excel lock)
        || name.ends_with('~') // file~ (backup)
        || name == "4913" // Vim's write test
        || [".swp", ".swo", ".swx", ".tmp", ".part", ".crdownload", ".bak"]
            .iter()
            .any(|ext| name.to_ascii_lowercase().ends_with(ext))
}

/// The input folders currently watched; folders created or removed while
/// serving (a new `templates/`) are picked up after the next change.
#[derive(Default)]
struct Folders {
    watched: BTreeSet<&'static str>,
}

impl Folders {
    fn refresh(&mut self, watcher: &mut impl notify::Watcher, root: &Path) {
        for name in FOLDERS {
            let dir = root.join(name);
            if dir.is_dir() {
                if !self.watched.contains(name)
                    && watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
                {
                    self.watched.insert(name);
                }
            } else if self.watched.remove(name) {
                let _ = watcher.unwatch(&dir);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_relevant() {
        for p in [
            "maalrapport.toml",
            "content/seminars/s/index.md",
            "data/values/v.csv",
            "templates/base.html",
            "content",
        ] {
            assert!(relevant(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn outputs_and_temp_files_are_not() {
        for p in [
            "site/index.html",
            "target/debug/x",
            "Cargo.toml",
            "content/seminars/s/.index.md.swp",
            "content/seminars/s/index.md~",
            "content/seminars/s/4913",
            "content/.#index.md",
            "content/#index.md#",
            "data/values/~$v.xlsx",
            "data/values/.~lock.v.csv#",
            "content/x.md.tmp",
            ".git/index",
            "",
        ] {
            assert!(!relevant(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn reads_do_not_count() {
        use notify::event::{CreateKind, ModifyKind};
        assert!(!counts(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!counts(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(counts(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(counts(&EventKind::Modify(ModifyKind::Any)));
        assert!(counts(&EventKind::Create(CreateKind::File)));
    }
}
