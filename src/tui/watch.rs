//! Watching the repository for changes made outside this TUI (the CLI, a
//! sync in another terminal): HEAD, its branch and the index, read cheaply.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// How often the worker looks for changes made outside this TUI.
pub const WATCH_EVERY: Duration = Duration::from_millis(400);

/// What moves when anyone commits or syncs: HEAD, the branch it points
/// to, and the index. Modification times and contents, read cheaply.
pub struct Watch {
    git_dir: PathBuf,
    last: Vec<(Option<SystemTime>, Vec<u8>)>,
}

impl Watch {
    pub fn new(root: &std::path::Path) -> Watch {
        let mut w = Watch {
            git_dir: root.join(".git"),
            last: Vec::new(),
        };
        w.last = w.state();
        w
    }

    fn state(&self) -> Vec<(Option<SystemTime>, Vec<u8>)> {
        let head = std::fs::read(self.git_dir.join("HEAD")).unwrap_or_default();
        let branch = String::from_utf8_lossy(&head)
            .strip_prefix("ref: ")
            .map(|r| self.git_dir.join(r.trim()));
        let read = |p: &std::path::Path, content: bool| {
            let mtime = std::fs::metadata(p).and_then(|m| m.modified()).ok();
            let bytes = if content {
                std::fs::read(p).unwrap_or_default()
            } else {
                Vec::new()
            };
            (mtime, bytes)
        };
        let mut out = vec![
            (None, head.clone()),
            read(&self.git_dir.join("index"), false),
            read(&self.git_dir.join("packed-refs"), false),
        ];
        if let Some(b) = branch {
            out.push(read(&b, true));
        }
        out
    }

    /// Whether anything moved since the last call.
    pub fn changed(&mut self) -> bool {
        let now = self.state();
        let moved = now != self.last;
        self.last = now;
        moved
    }
}
