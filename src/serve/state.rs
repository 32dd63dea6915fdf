//! What the server shows right now: the last good site, the error of the last
//! build if it failed, and a generation number that changes with every build,
//! so open pages know when to reload.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::write::Output;

/// One consistent view of the state, cheap to take per request.
#[derive(Clone, Default)]
pub struct Snapshot {
    /// The last site that built; `None` until one did.
    pub site: Option<Arc<Output>>,
    /// The rendered problems of the last build, when it failed.
    pub error: Option<Arc<str>>,
    /// The rendered warnings of the last build (good or bad), one each.
    pub warnings: Arc<[String]>,
    /// Bumped after every build, good or bad.
    pub generation: u64,
}

/// The state shared by the request handlers and the rebuilding watcher.
#[derive(Default)]
pub struct Shared {
    current: Mutex<Current>,
    changed: Condvar,
}

#[derive(Default)]
struct Current {
    snapshot: Snapshot,
    stopping: bool,
}

impl Snapshot {
    /// What the banner on every page shows.
    pub fn banner(&self) -> super::reload::Banner<'_> {
        super::reload::Banner {
            error: self.error.as_deref(),
            warnings: &self.warnings,
        }
    }
}

impl Shared {
    pub fn snapshot(&self) -> Snapshot {
        self.lock().snapshot.clone()
    }

    /// A build succeeded: serve it, clear the error, show its warnings.
    pub fn publish_site(&self, site: Output, warnings: Vec<String>) {
        self.update(|s| {
            s.site = Some(Arc::new(site));
            s.error = None;
            s.warnings = warnings.into();
        });
    }

    /// A build failed: keep the last good site, show `error` (and the
    /// warnings of the same build) on every page.
    pub fn publish_error(&self, error: String, warnings: Vec<String>) {
        self.update(|s| {
            s.error = Some(error.into());
            s.warnings = warnings.into();
        });
    }

    fn update(&self, change: impl FnOnce(&mut Snapshot)) {
        let mut current = self.lock();
        change(&mut current.snapshot);
        current.snapshot.generation += 1;
        self.changed.notify_all();
    }

    /// Wait until the generation differs from `since`, the server stops or
    /// `timeout` passes; return the generation then (the long poll).
    pub fn wait_for_change(&self, since: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        let mut current = self.lock();
        while current.snapshot.generation == since && !current.stopping {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            current = self
                .changed
                .wait_timeout(current, left)
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .0;
        }
        current.snapshot.generation
    }

    /// Release every waiting long poll; the server is shutting down.
    pub fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }

    fn lock(&self) -> MutexGuard<'_, Current> {
        // A panic elsewhere must not take the preview down with it.
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_the_last_good_site() {
        let shared = Shared::default();
        let mut site = Output::default();
        site.add("index.html", "ok");
        shared.publish_site(site, vec!["content/x.md:2:1: warning: odd".into()]);
        assert_eq!(shared.snapshot().warnings.len(), 1);
        shared.publish_error("content/x.md:1:1: error: bad".into(), Vec::new());
        let s = shared.snapshot();
        assert_eq!(s.generation, 2);
        assert!(s.site.unwrap().contains("index.html".as_ref()));
        assert!(s.error.is_some() && s.warnings.is_empty());
        shared.publish_site(Output::default(), Vec::new());
        assert!(shared.snapshot().error.is_none());
    }

    #[test]
    fn long_poll_answers_at_once_when_behind() {
        let shared = Shared::default();
        shared.publish_error("x".into(), Vec::new());
        assert_eq!(shared.wait_for_change(0, Duration::from_secs(60)), 1);
        assert_eq!(shared.wait_for_change(1, Duration::from_millis(10)), 1);
    }

    #[test]
    fn long_poll_wakes_on_a_build() {
        let shared = Arc::new(Shared::default());
        let waiter = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || shared.wait_for_change(0, Duration::from_secs(30)))
        };
        std::thread::sleep(Duration::from_millis(20));
        shared.publish_site(Output::default(), Vec::new());
        assert_eq!(waiter.join().unwrap(), 1);
    }
}
