//! Owner-only repositories: case files hold personal data. A folder made by
//! `git init`, a clone, or files copied in keep the usual 0644/0755 modes;
//! every open makes them owner-only. Two `stat`s when all is well; the walk
//! over every file happens only the one time something was open to others.

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Removes group and world access under `root` when the repository folder
/// or its `.git` allows any; returns how many modes changed.
pub fn tighten(root: &Path) -> io::Result<usize> {
    let open = |p: &Path| {
        fs::symlink_metadata(p).map(|m| m.is_dir() && m.permissions().mode() & 0o077 != 0)
    };
    if !open(root)? && !open(&root.join(".git")).unwrap_or(false) {
        return Ok(0);
    }
    let mut changed = 0;
    walk(root, &mut changed)?;
    Ok(changed)
}

fn walk(path: &Path, changed: &mut usize) -> io::Result<()> {
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Ok(()); // its own mode means nothing, and it is not followed
    }
    let mode = meta.permissions().mode();
    if mode & 0o077 != 0 {
        fs::set_permissions(path, fs::Permissions::from_mode(mode & 0o7700))?;
        *changed += 1;
    }
    if meta.is_dir() {
        for e in fs::read_dir(path)? {
            walk(&e?.path(), changed)?;
        }
    }
    Ok(())
}

/// [`tighten`], saying so the one time modes change, and refreshing git's
/// index: chmod changed every file's ctime, and the index's stat data
/// (which the parse cache trusts) must hold again.
pub fn tighten_repo(root: &Path, notice: &dyn Fn(&str)) {
    use crate::i18n::t;
    match tighten(root) {
        Ok(0) => {}
        Ok(n) => {
            let _ = git2::Repository::open(root).and_then(|g| {
                let mut index = g.index()?;
                index.update_all(["*"], None)?;
                index.write()
            });
            notice(&format!(
                "{}: {n} {}",
                t("let op", "note"),
                t(
                    "bestanden en mappen waren leesbaar voor anderen; nu alleen voor de eigenaar",
                    "files and folders were readable by others; now by the owner only"
                )
            ));
        }
        Err(e) => notice(&format!("{}: {e}", t("let op", "warning"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_world_readable_repository_becomes_owner_only_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join(".git/objects")).unwrap();
        fs::write(root.join("cases.toml"), "x").unwrap();
        for (p, m) in [
            (".git/objects", 0o755),
            (".git", 0o755),
            ("", 0o755),
            ("cases.toml", 0o644),
        ] {
            fs::set_permissions(root.join(p), fs::Permissions::from_mode(m)).unwrap();
        }
        assert_eq!(tighten(root).unwrap(), 4);
        let mode = |p: &str| fs::metadata(root.join(p)).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            (mode(""), mode(".git/objects"), mode("cases.toml")),
            (0o700, 0o700, 0o600)
        );
        assert_eq!(tighten(root).unwrap(), 0);
    }
}
