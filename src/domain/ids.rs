//! Identifiers for cases and events that stay unique across machines
//! without coordination: 80 random bits in lower-case Crockford base32.
//! Two people adding events offline cannot realistically collide (the
//! birthday bound is around 2^40 ids), and prefixes are short and typeable.

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
pub const ID_LEN: usize = 16;

/// The id made of 10 random bytes. Pure: the bytes come from the caller
/// (`store::ids::fresh` draws them from the OS; the import hashes a key).
pub fn from_random_bytes(bytes: [u8; 10]) -> String {
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    (0..ID_LEN)
        .rev()
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// Whether `text` has the shape of an id (so it is safe as a file name).
pub fn is_valid(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Ids of cases, events and actions: distinct types, so one cannot be
/// passed where another is meant. Each reads as a `&str` (`Deref`,
/// `Borrow<str>` for map lookups by text), prints as itself and is written
/// in files and JSON as a plain string.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $inner:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name($inner);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.into())
            }
        }
        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s.into())
            }
        }
        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.into()
            }
        }
        impl From<&String> for $name {
            fn from(s: &String) -> Self {
                $name(s.as_str().into())
            }
        }
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.as_str()
            }
        }
        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_str()
            }
        }
    };
}

id_type!(
    /// An event's id, the key of `Case::events`: inline up to 24 bytes (ids
    /// are 16), so a caseload's hundreds of thousands of events need no
    /// allocation for their keys.
    EventId,
    compact_str::CompactString
);

id_type!(
    /// A case's id, also its file's name (`cases/<id>.toml`).
    CaseId,
    String
);

id_type!(
    /// An action's id within its case: the rule id plus what triggered it
    /// (`jgz-uitnodiging-2025-09-01`), or `actie-<event id>` for a hand action.
    ActionId,
    String
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_of_the_bytes_given_and_file_safe() {
        let a = from_random_bytes([1; 10]);
        assert_ne!(a, from_random_bytes([2; 10]));
        assert_eq!(a.len(), ID_LEN);
        assert!(is_valid(&a));
        assert!(!is_valid("../etc"));
        assert_eq!(from_random_bytes([0; 10]), "0000000000000000");
        assert_eq!(from_random_bytes([0xff; 10]), "zzzzzzzzzzzzzzzz");
    }

    #[test]
    fn id_types_read_as_text_and_are_written_as_plain_strings() {
        let mut events = std::collections::BTreeMap::new();
        events.insert(EventId::from("e1"), 1);
        assert_eq!(events.get("e1"), Some(&1));
        let a = ActionId::from("jgz-uitnodiging-2025-09-01");
        assert_eq!(a, "jgz-uitnodiging-2025-09-01");
        assert!(a.starts_with("jgz-"));
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            "\"jgz-uitnodiging-2025-09-01\""
        );
        let back: EventId = serde_json::from_str("\"e2\"").unwrap();
        assert_eq!(back.to_string(), "e2");
    }
}
