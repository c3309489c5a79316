//! Sealed values (issue 15): one field of one event encrypted on its own
//! with XChaCha20-Poly1305, bound to the case id, the field's path and the
//! key id, padded so its length says little, and written as one TOML
//! string `vz1:<kid>:<base64>`. Pure: the key bytes and the nonce are
//! parameters (the store brings the randomness). No file-wide MAC and no
//! timestamp, so an unchanged value stays byte-for-byte the same and the
//! merge by meaning works on ciphertext.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

/// The prefix of every sealed value (format version 1).
pub const PREFIX: &str = "vz1:";
/// Bytes of a data key and of a nonce.
pub const KEY_LEN: usize = 32;
pub const NONCE_LEN: usize = 24;

/// Why a sealed value did not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("not a sealed value")]
    NotSealed,
    #[error("sealed value does not open (wrong key, or moved to another field or case)")]
    Open,
}

/// Whether a stored string is a sealed value.
pub fn is_sealed(value: &str) -> bool {
    value.starts_with(PREFIX)
}

/// The key id a sealed value names.
pub fn key_id(value: &str) -> Option<&str> {
    value.strip_prefix(PREFIX)?.split_once(':').map(|(k, _)| k)
}

/// The path a value is bound to: `events.<event id>.<field>`.
pub fn field_path(event_id: &str, field: &str) -> String {
    format!("events.{event_id}.{field}")
}

/// The additional data: which case, which field, which key.
fn aad(case_id: &str, path: &str, kid: &str) -> Vec<u8> {
    format!("verzuim-seal-v1\0{case_id}\0{path}\0{kid}").into_bytes()
}

/// The padded length for `n` bytes of text plus its 4-byte length: 64,
/// 128, 256, ... up to 4096, then whole multiples of 4096.
fn padded_len(n: usize) -> usize {
    let need = n + 4;
    if need > 4096 {
        return need.div_ceil(4096) * 4096;
    }
    need.next_power_of_two().max(64)
}

/// Seals `plain` for `path` of case `case_id` under key `kid`.
pub fn seal(
    key: &[u8; KEY_LEN],
    kid: &str,
    case_id: &str,
    path: &str,
    plain: &str,
    nonce: [u8; NONCE_LEN],
) -> String {
    let mut framed = Zeroizing::new(vec![0u8; padded_len(plain.len())]);
    let len = u32::try_from(plain.len()).unwrap_or(u32::MAX);
    framed[..4].copy_from_slice(&len.to_le_bytes());
    framed[4..4 + plain.len()].copy_from_slice(plain.as_bytes());
    let cipher = XChaCha20Poly1305::new(key.into());
    let aad = aad(case_id, path, kid);
    // Encryption with a valid key and nonce cannot fail for these sizes.
    let ct = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &framed,
                aad: &aad,
            },
        )
        .unwrap_or_default();
    let mut bytes = nonce.to_vec();
    bytes.extend_from_slice(&ct);
    format!("{PREFIX}{kid}:{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Opens a sealed value with its key; fails when the key, the case, the
/// path or the key id differ from those it was sealed with.
pub fn open(
    key: &[u8; KEY_LEN],
    case_id: &str,
    path: &str,
    sealed: &str,
) -> Result<Zeroizing<String>, SealError> {
    let rest = sealed.strip_prefix(PREFIX).ok_or(SealError::NotSealed)?;
    let (kid, body) = rest.split_once(':').ok_or(SealError::NotSealed)?;
    let bytes = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| SealError::NotSealed)?;
    if bytes.len() < NONCE_LEN + 16 + 4 {
        return Err(SealError::NotSealed);
    }
    let (nonce, ct) = bytes.split_at(NONCE_LEN);
    let cipher = XChaCha20Poly1305::new(key.into());
    let framed = Zeroizing::new(
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: &aad(case_id, path, kid),
                },
            )
            .map_err(|_| SealError::Open)?,
    );
    let mut len = [0u8; 4];
    len.copy_from_slice(&framed[..4]);
    let len = u32::from_le_bytes(len) as usize;
    let text = framed.get(4..4 + len).ok_or(SealError::Open)?;
    String::from_utf8(text.to_vec())
        .map(Zeroizing::new)
        .map_err(|_| SealError::Open)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7; 32];
    const NONCE: [u8; 24] = [9; 24];

    #[test]
    fn a_value_round_trips_and_hides_its_text_and_length() {
        let path = field_path("e1", "note");
        let s = seal(&KEY, "k1", "c1", &path, "buikpijn, angst", NONCE);
        assert!(is_sealed(&s) && !s.contains("buikpijn"));
        assert_eq!(key_id(&s), Some("k1"));
        assert_eq!(&*open(&KEY, "c1", &path, &s).unwrap(), "buikpijn, angst");
        let short = seal(&KEY, "k1", "c1", &path, "a", NONCE);
        let longer = seal(&KEY, "k1", "c1", &path, &"b".repeat(50), NONCE);
        assert_eq!(short.len(), longer.len(), "both in the 64-byte bucket");
    }

    #[test]
    fn a_value_moved_to_another_field_case_or_key_does_not_open() {
        let path = field_path("e1", "note");
        let s = seal(&KEY, "k1", "c1", &path, "geheim", NONCE);
        assert_eq!(
            open(&KEY, "c1", &field_path("e2", "note"), &s),
            Err(SealError::Open)
        );
        assert_eq!(open(&KEY, "c2", &path, &s), Err(SealError::Open));
        assert_eq!(open(&[8; 32], "c1", &path, &s), Err(SealError::Open));
        let relabelled = s.replacen("vz1:k1:", "vz1:k2:", 1);
        assert_eq!(open(&KEY, "c1", &path, &relabelled), Err(SealError::Open));
        assert_eq!(open(&KEY, "c1", &path, "plain"), Err(SealError::NotSealed));
    }

    #[test]
    fn padding_buckets() {
        assert_eq!(padded_len(0), 64);
        assert_eq!(padded_len(60), 64);
        assert_eq!(padded_len(61), 128);
        assert_eq!(padded_len(5000), 8192);
    }
}
