//! Fresh ids from the operating system's random source. The domain only
//! turns bytes into an id (`domain::ids::from_random_bytes`); drawing the
//! bytes is a side effect, so it lives here, with the other IO.

use crate::domain::ids;

/// A fresh random case or event id (80 bits from the OS).
pub fn fresh() -> String {
    let mut bytes = [0u8; 10];
    rand::fill(&mut bytes);
    ids::from_random_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_are_distinct_and_file_safe() {
        let a = fresh();
        let b = fresh();
        assert_ne!(a, b);
        assert_eq!(a.len(), ids::ID_LEN);
        assert!(ids::is_valid(&a));
    }
}
