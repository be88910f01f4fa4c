//! BLAKE3 fingerprints: of inputs, to know what changed since the last build, and of
//! output files, for the manifest.

/// A 128-bit BLAKE3 fingerprint: collisions are not a practical concern at this width.
pub type Digest = u128;

pub fn digest(bytes: &[u8]) -> Digest {
    let hash = blake3::hash(bytes);
    let mut first = [0u8; 16];
    first.copy_from_slice(&hash.as_bytes()[..16]);
    u128::from_le_bytes(first)
}

/// Builds a fingerprint from parts; each part is length-prefixed so `("ab", "c")` and
/// `("a", "bc")` differ.
#[derive(Default)]
pub struct Fingerprint(blake3::Hasher);

impl Fingerprint {
    pub fn new() -> Fingerprint {
        Fingerprint::default()
    }

    pub fn add(&mut self, part: impl AsRef<[u8]>) -> &mut Fingerprint {
        let part = part.as_ref();
        self.0.update(&(part.len() as u64).to_le_bytes());
        self.0.update(part);
        self
    }

    pub fn add_digest(&mut self, value: Digest) -> &mut Fingerprint {
        self.0.update(&value.to_le_bytes());
        self
    }

    pub fn finish(&self) -> Digest {
        let hash = self.0.finalize();
        let mut first = [0u8; 16];
        first.copy_from_slice(&hash.as_bytes()[..16]);
        u128::from_le_bytes(first)
    }
}

/// The hash of a file's contents as the manifest records it.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..32].to_string()
}
