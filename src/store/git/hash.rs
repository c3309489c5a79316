//! Object ids computed as git computes them: SHA-1 of `"<kind> <len>\0"`
//! followed by the bytes. libgit2 hashes with the collision-detecting
//! SHA-1 (sha1dc, several times slower); git's object format only needs the
//! SHA-1 value, which any correct implementation gives. Here the RustCrypto
//! `sha1` crate, which uses the CPU's SHA instructions where present. The
//! ids hashed here are of bytes this program writes or reads from its own
//! working tree (case files, the trees and commits it builds): collision
//! detection guards against crafted objects fetched from others, which
//! libgit2 still hashes with sha1dc when it reads or fetches them.

use git2::{ObjectType, Oid};
use sha1::{Digest, Sha1};

/// The id git gives `data` as an object of `kind`.
pub fn object_id(kind: ObjectType, data: &[u8]) -> Oid {
    let mut h = Sha1::new();
    h.update(kind.str().as_bytes());
    h.update(b" ");
    h.update(data.len().to_string().as_bytes());
    h.update([0u8]);
    h.update(data);
    let digest: [u8; 20] = h.finalize().into();
    Oid::from_bytes(&digest).expect("20 bytes are an oid")
}

/// The SHA-1 of `data` (the trailing checksum of git's index).
pub fn sha1(data: &[u8]) -> [u8; 20] {
    Sha1::digest(data).into()
}

/// The blob id of the file at `path`, as `git hash-object` gives it.
pub fn file_blob_id(path: &std::path::Path) -> std::io::Result<Oid> {
    Ok(object_id(ObjectType::Blob, &std::fs::read(path)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_equal_libgit2s_for_every_kind_and_size() {
        let big: Vec<u8> = (0..200_003u32).map(|i| (i * 7 % 251) as u8).collect();
        for kind in [ObjectType::Blob, ObjectType::Tree, ObjectType::Commit] {
            for data in [&b""[..], b"hello", b"a\0b\n", &big[..63], &big[..64], &big] {
                assert_eq!(object_id(kind, data), Oid::hash_object(kind, data).unwrap());
            }
        }
    }

    #[test]
    fn a_file_hashes_as_git_hash_object() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        std::fs::write(&path, "id = \"x\"\n").unwrap();
        assert_eq!(
            file_blob_id(&path).unwrap(),
            Oid::hash_file(ObjectType::Blob, &path).unwrap()
        );
    }
}
