//! The history rewrite: every commit reachable from every ref, parents
//! before children, rebuilt with trees that no longer hold the destroyed
//! case files or events. Authors, committers, dates and messages are kept
//! and nothing else goes into a commit, so two clones rewriting the same
//! history get the same commit ids. Works on sealed (encrypted) values
//! too: only whole files and whole event tables are removed.

use super::files::Target;
use crate::store::Result;
use crate::store::load::CASES_DIR;
use git2::{ObjectType, Oid, Repository, Sort};
use std::collections::{BTreeSet, HashMap};

const CONFLICTS_DIR: &str = "conflicts";

/// What a rewrite did.
#[derive(Debug, Default)]
pub struct Rewritten {
    /// Old commit id -> new commit id, for every commit that changed.
    pub commits: HashMap<Oid, Oid>,
    /// Blobs that held destroyed data: none may remain afterwards.
    pub purged: BTreeSet<Oid>,
    /// Refs moved: (name, old, new).
    pub refs: Vec<(String, Oid, Oid)>,
}

struct Rewriter<'a> {
    repo: &'a Repository,
    target: &'a Target,
    trees: HashMap<Oid, Oid>,
    blobs: HashMap<(String, Oid), Option<Oid>>,
    purged: BTreeSet<Oid>,
}

/// Rewrites every commit reachable from any ref and moves the refs.
pub fn rewrite_all(repo: &Repository, target: &Target) -> Result<Rewritten> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    let refs = direct_refs(repo)?;
    for (_, oid) in &refs {
        if repo.find_commit(*oid).is_ok() {
            walk.push(*oid)?;
        }
    }
    let mut rw = Rewriter {
        repo,
        target,
        trees: HashMap::new(),
        blobs: HashMap::new(),
        purged: BTreeSet::new(),
    };
    let mut commits: HashMap<Oid, Oid> = HashMap::new();
    for oid in walk {
        let oid = oid?;
        let commit = repo.find_commit(oid)?;
        let tree = rw.root(commit.tree_id())?;
        let parents: Vec<Oid> = commit
            .parent_ids()
            .map(|p| *commits.get(&p).unwrap_or(&p))
            .collect();
        if tree == commit.tree_id()
            && parents
                .iter()
                .eq(commit.parent_ids().collect::<Vec<_>>().iter())
        {
            continue;
        }
        let new = recommit(repo, &commit, tree, &parents)?;
        commits.insert(oid, new);
    }
    let mut moved = Vec::new();
    for (name, old) in refs {
        if let Some(new) = commits.get(&old) {
            repo.reference(&name, *new, true, "retention: history rewritten")?;
            moved.push((name, old, *new));
        }
    }
    // Blobs still used by a new tree were not purged (say, identical text).
    let keep = still_used(repo, &moved, &rw)?;
    let purged = rw.purged.difference(&keep).copied().collect();
    Ok(Rewritten {
        commits,
        purged,
        refs: moved,
    })
}

/// Every ref that points at an object directly (HEAD follows its branch).
fn direct_refs(repo: &Repository) -> Result<Vec<(String, Oid)>> {
    let mut out = Vec::new();
    for r in repo.references()? {
        let r = r?;
        if let (Ok(name), Some(oid)) = (r.name(), r.target()) {
            out.push((name.to_string(), oid));
        }
    }
    // A detached HEAD is a ref of its own.
    if let Ok(head) = repo.find_reference("HEAD")
        && let Some(oid) = head.target()
    {
        out.push(("HEAD".into(), oid));
    }
    Ok(out)
}

/// The same commit with a new tree and parents: author, committer (names,
/// times, offsets) and message unchanged; no signature.
fn recommit(repo: &Repository, c: &git2::Commit, tree: Oid, parents: &[Oid]) -> Result<Oid> {
    let tree = repo.find_tree(tree)?;
    let parents: Vec<git2::Commit> = parents
        .iter()
        .map(|p| repo.find_commit(*p))
        .collect::<std::result::Result<_, _>>()?;
    let refs: Vec<&git2::Commit> = parents.iter().collect();
    let message = String::from_utf8_lossy(c.message_raw_bytes()).into_owned();
    let buf = repo.commit_create_buffer(&c.author(), &c.committer(), &message, &tree, &refs)?;
    Ok(repo.odb()?.write(ObjectType::Commit, &buf)?)
}

impl Rewriter<'_> {
    fn root(&mut self, tree: Oid) -> Result<Oid> {
        if let Some(t) = self.trees.get(&tree) {
            return Ok(*t);
        }
        let old = self.repo.find_tree(tree)?;
        let mut b = self.repo.treebuilder(Some(&old))?;
        for dir in [CASES_DIR, CONFLICTS_DIR] {
            if let Some(e) = old
                .get_name(dir)
                .filter(|e| e.kind() == Some(ObjectType::Tree))
            {
                let new = self.folder(dir, e.id())?;
                if new != e.id() {
                    b.insert(dir, new, e.filemode())?;
                }
            }
        }
        let new = b.write()?;
        self.trees.insert(tree, new);
        Ok(new)
    }

    /// `cases/` or `conflicts/` without destroyed files, with expired
    /// events removed from case files.
    fn folder(&mut self, dir: &str, tree: Oid) -> Result<Oid> {
        let old = self.repo.find_tree(tree)?;
        let mut b = self.repo.treebuilder(Some(&old))?;
        for e in old.iter() {
            let Ok(name) = e.name() else { continue };
            let Some(id) = name.strip_suffix(".toml") else {
                continue;
            };
            if self.target.cases.contains(id) {
                self.purged.insert(e.id());
                b.remove(name)?;
            } else if dir == CASES_DIR
                && let Some(events) = self.target.events.get(id)
            {
                match self.without_events(id, e.id(), events)? {
                    Some(new) if new != e.id() => {
                        self.purged.insert(e.id());
                        b.insert(name, new, e.filemode())?;
                    }
                    _ => {}
                }
            }
        }
        Ok(b.write()?)
    }

    /// A case file's blob without the named event tables. A blob that does
    /// not parse stays as it is (the verification then names it).
    fn without_events(
        &mut self,
        case: &str,
        blob: Oid,
        events: &BTreeSet<String>,
    ) -> Result<Option<Oid>> {
        let key = (case.to_string(), blob);
        if let Some(done) = self.blobs.get(&key) {
            return Ok(*done);
        }
        let text = String::from_utf8_lossy(self.repo.find_blob(blob)?.content()).into_owned();
        let new = match text.parse::<toml_edit::DocumentMut>() {
            Ok(mut doc) => {
                let mut removed = false;
                if let Some(table) = doc.get_mut("events").and_then(|t| t.as_table_like_mut()) {
                    for ev in events {
                        removed |= table.remove(ev).is_some();
                    }
                }
                if removed {
                    Some(self.repo.blob(doc.to_string().as_bytes())?)
                } else {
                    Some(blob)
                }
            }
            Err(_) => None,
        };
        self.blobs.insert(key, new);
        Ok(new)
    }
}

/// Purged blobs that a rewritten tip still holds (the same bytes under a
/// path that was not destroyed): they stay.
fn still_used(
    repo: &Repository,
    moved: &[(String, Oid, Oid)],
    rw: &Rewriter,
) -> Result<BTreeSet<Oid>> {
    let mut keep = BTreeSet::new();
    if rw.purged.is_empty() {
        return Ok(keep);
    }
    for (_, _, new) in moved {
        let tree = repo.find_commit(*new)?.tree()?;
        tree.walk(git2::TreeWalkMode::PreOrder, |_, e| {
            if rw.purged.contains(&e.id()) {
                keep.insert(e.id());
            }
            git2::TreeWalkResult::Ok
        })?;
    }
    Ok(keep)
}
