//! BLAKE3 fingerprints: of inputs, to know what changed since the last build, of output
//! files, for the manifest, and of reviewed texts, for the review locks. Every fingerprint
//! is a [`Digest`]; this is the only module that calls BLAKE3. [`text_key`] is the one
//! exception, for keys compared within one locale and never kept past a Stele version.

/// A 128-bit BLAKE3 fingerprint: collisions are not a practical concern at this width.
pub(crate) type Digest = u128;

/// The first 16 bytes of a BLAKE3 hash, as a [`Digest`].
fn truncated(hash: blake3::Hash) -> Digest {
    let mut first = [0u8; 16];
    first.copy_from_slice(&hash.as_bytes()[..16]);
    u128::from_le_bytes(first)
}

pub(crate) fn digest(bytes: &[u8]) -> Digest {
    truncated(blake3::hash(bytes))
}

/// The digest's bytes in hex, in the order BLAKE3 gives them (so the text starts as
/// `b3sum`'s does for the same bytes): 32 digits.
pub(crate) fn hex(value: Digest) -> String {
    // By table, not `format!` per byte: every output file's hash is written this way.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(32);
    for byte in value.to_le_bytes() {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    text
}

/// A 64-bit key of `bytes` for telling texts apart within one run's comparison (the
/// inconsistency check's normalized texts, a key per unit of every page). foldhash's
/// quality hash with a fixed seed: the same bytes give the same key in every process of
/// one build of Stele (a build record keeps keys, and is read only by the version that
/// wrote it), spread as evenly as a 64-bit hash needs for a locale's units, and about a
/// tenth of BLAKE3's time on texts this short, where its fixed cost per call dominates.
pub(crate) fn text_key(bytes: &[u8]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    const SEED: u64 = 0x5354_454c_455f_4b45;
    let mut hasher = foldhash::quality::FixedState::with_seed(SEED).build_hasher();
    hasher.write(bytes);
    hasher.finish()
}

/// Builds a fingerprint from parts; each part is length-prefixed so `("ab", "c")` and
/// `("a", "bc")` differ.
#[derive(Default)]
pub(crate) struct Fingerprint(blake3::Hasher);

impl Fingerprint {
    pub(crate) fn new() -> Fingerprint {
        Fingerprint::default()
    }

    pub(crate) fn add(&mut self, part: impl AsRef<[u8]>) -> &mut Fingerprint {
        let part = part.as_ref();
        self.0.update(&(part.len() as u64).to_le_bytes());
        self.0.update(part);
        self
    }

    pub(crate) fn add_digest(&mut self, value: Digest) -> &mut Fingerprint {
        self.0.update(&value.to_le_bytes());
        self
    }

    pub(crate) fn finish(&self) -> Digest {
        truncated(self.0.finalize())
    }
}

/// The [`digest`] of bytes that arrive in pieces (a file as it is written), equal to the
/// digest of all of them at once.
#[derive(Default)]
pub(crate) struct Streamed(blake3::Hasher);

impl Streamed {
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub(crate) fn finish(&self) -> Digest {
        truncated(self.0.finalize())
    }
}

/// The hash of a file's contents as the manifest records it: the digest in hex.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    hex(digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Build records keep text keys and are read back by the same Stele version only; a
    /// key that changed within one (a foldhash update) would mix two kinds of key in one
    /// comparison. If this fails, bump `cache::FORMAT` and write the new value here.
    #[test]
    fn a_text_key_is_the_same_in_every_build() {
        assert_eq!(text_key(b"move the mailboxes"), 14_333_829_884_069_612_107);
        assert_ne!(
            text_key(b"move the mailboxes"),
            text_key(b"move the mailbox")
        );
        assert_ne!(text_key(b""), text_key(b" "));
    }

    #[test]
    fn hex_reads_as_blake3_writes_it() {
        // b3sum of the empty input starts af1349b9f5f9a1a6a0404dea36dcc949.
        assert_eq!(hex(digest(b"")), "af1349b9f5f9a1a6a0404dea36dcc949");
        let every_byte = u128::from_le_bytes(std::array::from_fn(|i| (i as u8) * 17));
        let by_format: String = every_byte
            .to_le_bytes()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        assert_eq!(hex(every_byte), by_format);
    }

    #[test]
    fn streamed_equals_all_at_once() {
        let mut streamed = Streamed::default();
        streamed.update(b"stele ");
        streamed.update(b"build");
        assert_eq!(streamed.finish(), digest(b"stele build"));
        assert_ne!(streamed.finish(), digest(b"stele"));
    }
}
