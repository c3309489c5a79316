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
}
