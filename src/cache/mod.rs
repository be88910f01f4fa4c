//! Incremental builds: the record of what every output page was made from, kept between
//! builds, and the decision of which pages must be rendered again.
//!
//! A page's output is a pure function of its inputs, so a page whose inputs all match the
//! record of the previous build has the same bytes as then; it is carried over instead of
//! rendered. Inputs are fingerprinted at the granularity they are read:
//! - the site as a whole (config, locales, every template, static file names, Stele itself);
//! - the page's own Markdown in its locale and along its fallback chain, and whether each
//!   locale has it translated (alternates, hreflang and the sitemap show that);
//! - each data value the page's templates can read ([`crate::load::template_deps`]), at the path
//!   read: `data.facts[page.extra.fact]` on page `p1` is the value `facts.item_1`;
//! - each message it formatted, in its locale and in every locale of its fallback chain;
//! - the list of pages (`site.pages`) in its locale, when its templates read it;
//! - the pages its `url()` calls pointed at.
//!
//! The record lives in `.stele-cache/` beside the site's sources, tied to one output folder
//! by a build id written into that folder's manifest; a record that does not match the
//! output folder is ignored and the build starts clean.

pub(crate) mod data_edit;
pub(crate) mod links;
pub(crate) mod plan;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::check::links::LinkFacts;
use crate::check::qa::inconsistency::FileSegments;
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::load::data::PATH_SEPARATOR;
use crate::load::fluent;
use crate::load::locales::Locales;
use crate::load::pages::{Page, PageText, TextOutline};
use crate::load::site::Site;
use crate::load::yaml::{Node, NodeValue};
use crate::util::digest::{Digest, Fingerprint, digest};
use crate::util::stamp::{FileStamp, RACY_NANOS, now_nanos};

/// The folder, below the site root, that keeps build records.
pub(crate) const CACHE_DIR: &str = ".stele-cache";

/// Bumped whenever the record's layout or meaning changes; an older record is ignored.
const FORMAT: u32 = 7;

/// A YAML value as the record stores it (the tree's own type deserializes from YAML only).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredNode {
    line: u32,
    column: u32,
    value: StoredValue,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
enum StoredValue {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    List(Vec<StoredNode>),
    Map(Vec<(String, StoredNode)>),
}

impl From<&Node> for StoredNode {
    fn from(node: &Node) -> StoredNode {
        let value = match &node.value {
            NodeValue::Null => StoredValue::Null,
            NodeValue::Bool(b) => StoredValue::Bool(*b),
            NodeValue::Integer(i) => StoredValue::Integer(*i),
            NodeValue::Float(f) => StoredValue::Float(*f),
            NodeValue::String(s) => StoredValue::String(s.clone()),
            NodeValue::List(items) => StoredValue::List(items.iter().map(Into::into).collect()),
            NodeValue::Map(entries) => StoredValue::Map(
                entries
                    .iter()
                    .map(|(key, value)| (key.clone(), value.into()))
                    .collect(),
            ),
        };
        StoredNode {
            line: node.line,
            column: node.column,
            value,
        }
    }
}

impl From<&StoredNode> for Node {
    fn from(node: &StoredNode) -> Node {
        let value = match &node.value {
            StoredValue::Null => NodeValue::Null,
            StoredValue::Bool(b) => NodeValue::Bool(*b),
            StoredValue::Integer(i) => NodeValue::Integer(*i),
            StoredValue::Float(f) => NodeValue::Float(*f),
            StoredValue::String(s) => NodeValue::String(s.clone()),
            StoredValue::List(items) => NodeValue::List(items.iter().map(Into::into).collect()),
            StoredValue::Map(entries) => NodeValue::Map(
                entries
                    .iter()
                    .map(|(key, value)| (key.clone(), value.into()))
                    .collect(),
            ),
        };
        Node {
            value,
            line: node.line,
            column: node.column,
        }
    }
}

/// A data tree in [`StoredNode`]'s encoding, written straight from the tree (a large data
/// file is tens of thousands of nodes, not worth copying only to encode them) and read back
/// as a [`StoredNode`].
#[derive(Debug)]
pub(crate) enum NodeCoding<'a> {
    Borrowed(&'a Node),
    Read(StoredNode),
}

impl NodeCoding<'_> {
    /// The tree, moving what was read instead of copying it.
    pub(crate) fn into_node(self) -> Node {
        match self {
            NodeCoding::Borrowed(node) => node.clone(),
            NodeCoding::Read(stored) => stored.into_node(),
        }
    }
}

impl StoredNode {
    fn into_node(self) -> Node {
        let value = match self.value {
            StoredValue::Null => NodeValue::Null,
            StoredValue::Bool(b) => NodeValue::Bool(b),
            StoredValue::Integer(i) => NodeValue::Integer(i),
            StoredValue::Float(f) => NodeValue::Float(f),
            StoredValue::String(s) => NodeValue::String(s),
            StoredValue::List(items) => {
                NodeValue::List(items.into_iter().map(StoredNode::into_node).collect())
            }
            StoredValue::Map(entries) => NodeValue::Map(
                entries
                    .into_iter()
                    .map(|(key, value)| (key, value.into_node()))
                    .collect(),
            ),
        };
        Node {
            value,
            line: self.line,
            column: self.column,
        }
    }
}

impl Serialize for NodeCoding<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            NodeCoding::Borrowed(node) => NodeAsStored(node).serialize(serializer),
            NodeCoding::Read(stored) => stored.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for NodeCoding<'_> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        StoredNode::deserialize(deserializer).map(NodeCoding::Read)
    }
}

/// Serializes a [`Node`] exactly as the [`StoredNode`] made from it serializes.
struct NodeAsStored<'a>(&'a Node);

impl Serialize for NodeAsStored<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};
        struct Value<'a>(&'a NodeValue);
        struct Items<'a>(&'a [Node]);
        struct Entries<'a>(&'a [(String, Node)]);
        impl Serialize for Items<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
                for item in self.0 {
                    seq.serialize_element(&NodeAsStored(item))?;
                }
                seq.end()
            }
        }
        impl Serialize for Entries<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
                for (key, value) in self.0 {
                    seq.serialize_element(&(key, NodeAsStored(value)))?;
                }
                seq.end()
            }
        }
        impl Serialize for Value<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                // Variant indexes and names as in `StoredValue`.
                const NAME: &str = "StoredValue";
                match self.0 {
                    NodeValue::Null => serializer.serialize_unit_variant(NAME, 0, "Null"),
                    NodeValue::Bool(b) => serializer.serialize_newtype_variant(NAME, 1, "Bool", b),
                    NodeValue::Integer(i) => {
                        serializer.serialize_newtype_variant(NAME, 2, "Integer", i)
                    }
                    NodeValue::Float(f) => {
                        serializer.serialize_newtype_variant(NAME, 3, "Float", f)
                    }
                    NodeValue::String(text) => {
                        serializer.serialize_newtype_variant(NAME, 4, "String", text)
                    }
                    NodeValue::List(items) => {
                        serializer.serialize_newtype_variant(NAME, 5, "List", &Items(items))
                    }
                    NodeValue::Map(entries) => {
                        serializer.serialize_newtype_variant(NAME, 6, "Map", &Entries(entries))
                    }
                }
            }
        }
        let mut node = serializer.serialize_struct("StoredNode", 3)?;
        node.serialize_field("line", &self.0.line)?;
        node.serialize_field("column", &self.0.column)?;
        node.serialize_field("value", &Value(&self.0.value))?;
        node.end()
    }
}

/// What the record keeps of one Markdown file: enough to list, link and key the page
/// without reading the file again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PageFileRecord {
    pub(crate) stamp: FileStamp,
    pub(crate) digest: Digest,
    pub(crate) front: StoredNode,
    pub(crate) title: Option<String>,
    pub(crate) headings: Vec<(u8, String, String)>,
    pub(crate) links: Vec<crate::util::markdown_extras::SourceLink>,
    pub(crate) body_links: Vec<crate::util::markdown_extras::BodyLink>,
    pub(crate) prose: bool,
    pub(crate) words: usize,
}

impl PageFileRecord {
    pub(crate) fn of(text: &PageText, stamp: FileStamp) -> PageFileRecord {
        PageFileRecord {
            stamp,
            digest: text.digest,
            front: (&text.front).into(),
            title: text.title.clone(),
            headings: text.headings.clone(),
            links: text.links.clone(),
            body_links: text.body_links.clone(),
            prose: text.prose,
            words: text.words,
        }
    }

    /// What the record knows of the file, to hand back to loading.
    pub(crate) fn carried(&self) -> TextOutline {
        TextOutline {
            front: (&self.front).into(),
            title: self.title.clone(),
            headings: self.headings.clone(),
            links: self.links.clone(),
            body_links: self.body_links.clone(),
            prose: self.prose,
            words: self.words,
            digest: self.digest,
        }
    }
}

/// The page files of one build as the cache sees them: each stamped as loading asks about
/// it (before reading it, so an edit during the build shows as a changed stamp next time,
/// never as an unchanged one), and handed back from the `previous` build's record when the
/// stamp proves it unchanged.
pub(crate) struct PageFiles<'a> {
    root: &'a Path,
    previous: Option<&'a BuildRecord>,
    stamps: std::sync::Mutex<HashMap<PathBuf, FileStamp>>,
}

impl<'a> PageFiles<'a> {
    pub(crate) fn new(root: &'a Path, previous: Option<&'a BuildRecord>) -> PageFiles<'a> {
        PageFiles {
            root,
            previous,
            stamps: Default::default(),
        }
    }

    /// The stamps of the files loading asked about, for the record of this build.
    pub(crate) fn into_stamps(self) -> HashMap<PathBuf, FileStamp> {
        self.stamps
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl crate::load::pages::PageReuse for PageFiles<'_> {
    fn carried(&self, file: &Path) -> Option<TextOutline> {
        let stamp = FileStamp::of(&self.root.join(file))?;
        self.stamps
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(file.to_path_buf(), stamp);
        Some(self.previous?.unchanged_stamp(file, stamp)?.carried())
    }
}

/// A diagnostic as the record stores it, caret span included.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredDiagnostic {
    error: bool,
    code: Code,
    file: PathBuf,
    line: u32,
    column: u32,
    locale: Option<String>,
    id: Option<String>,
    message: String,
    help: Option<String>,
    span: Option<(usize, usize)>,
}

impl From<&Diagnostic> for StoredDiagnostic {
    fn from(d: &Diagnostic) -> StoredDiagnostic {
        StoredDiagnostic {
            error: d.is_error(),
            code: d.code,
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            locale: d.locale.clone(),
            id: d.id.clone(),
            message: d.message.clone(),
            help: d.help.clone(),
            span: d.span.as_ref().map(|s| (s.start, s.end)),
        }
    }
}

impl StoredDiagnostic {
    pub(crate) fn restore(&self) -> Diagnostic {
        Diagnostic {
            severity: if self.error {
                Severity::Error
            } else {
                Severity::Warning
            },
            code: self.code,
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            locale: self.locale.clone(),
            id: self.id.clone(),
            message: self.message.clone(),
            help: self.help.clone(),
            span: self.span.map(|(start, end)| start..end),
        }
    }
}

/// What one output page was made from, and what it offers the link check.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct OutputRecord {
    /// Content hash of the file, as in the output folder's manifest.
    pub(crate) hash: String,
    pub(crate) slug: String,
    pub(crate) locale: String,
    pub(crate) template: String,
    pub(crate) page_key: Digest,
    /// Fingerprint of `site.pages` in the locale, when the templates read it.
    pub(crate) listing: Option<Digest>,
    /// Data paths (segments joined by [`PATH_SEPARATOR`]) with the fingerprint of the value.
    pub(crate) data: Vec<(String, Digest)>,
    /// Message ids with their fingerprint in this locale.
    pub(crate) messages: Vec<(String, Digest)>,
    /// Page slugs the page's `url()` calls pointed at.
    pub(crate) url_slugs: Vec<String>,
    /// Message ids shown in the source language, with the file they belong in.
    pub(crate) fallbacks: Vec<(String, PathBuf)>,
    pub(crate) links: Encoded<LinkFacts>,
    /// [`OutputRecord::compute_shape`], kept so the express path can compare without
    /// decoding the link facts.
    pub(crate) shape: Digest,
}

impl OutputRecord {
    /// Fingerprint of everything the record says but the output's bytes, the data it read
    /// and where its links sit: two renders of a page with the same shape differ only in
    /// data values, so they use the same messages, fall back in the same places, and offer
    /// and follow the same links.
    pub(crate) fn compute_shape(&self) -> Digest {
        let facts = self.links.get();
        let mut print = Fingerprint::new();
        print
            .add(&self.slug)
            .add(&self.locale)
            .add(&self.template)
            .add_digest(self.page_key)
            .add([self.listing.is_some() as u8]);
        for (id, message) in &self.messages {
            print.add(id).add_digest(*message);
        }
        print.add(b"|");
        for slug in &self.url_slugs {
            print.add(slug);
        }
        print.add(b"|");
        for (id, file) in &self.fallbacks {
            print.add(id).add(file.to_string_lossy().as_bytes());
        }
        print.add(b"|");
        for id in &facts.ids {
            print.add(id);
        }
        print.add(b"|");
        for link in &facts.links {
            print.add(&link.target);
        }
        print.finish()
    }
}

/// A value of the record kept as its encoded bytes until first read. Link facts are a
/// third of a record, and a build after a small edit reads only those of the pages it
/// renders and of the pages their anchors point into; the others pass from one record to
/// the next as bytes, never decoded or encoded again.
#[derive(Clone)]
pub(crate) struct Encoded<T> {
    /// Set when read from a record, or when first saved.
    bytes: OnceLock<Box<[u8]>>,
    /// Set when made by this build, or when first read.
    value: OnceLock<T>,
}

impl<T: Serialize + serde::de::DeserializeOwned + Default> Encoded<T> {
    pub(crate) fn new(value: T) -> Encoded<T> {
        Encoded {
            bytes: OnceLock::new(),
            value: OnceLock::from(value),
        }
    }

    pub(crate) fn get(&self) -> &T {
        self.value.get_or_init(|| {
            // The record's checksum was verified when it was read, so these bytes are the
            // ones this type wrote.
            self.bytes
                .get()
                .and_then(|bytes| postcard::from_bytes(bytes).ok())
                .unwrap_or_default()
        })
    }

    fn bytes(&self) -> &[u8] {
        self.bytes.get_or_init(|| {
            let value = self
                .value
                .get()
                .expect("an Encoded holds its bytes or its value");
            postcard::to_stdvec(value)
                .unwrap_or_default()
                .into_boxed_slice()
        })
    }
}

impl<T: Serialize + serde::de::DeserializeOwned + Default> Serialize for Encoded<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.bytes())
    }
}

impl<'de, T> Deserialize<'de> for Encoded<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Encoded<T>, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = Box<[u8]>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("encoded bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Box<[u8]>, E> {
                Ok(bytes.into())
            }
        }
        let bytes = deserializer.deserialize_bytes(Bytes)?;
        Ok(Encoded {
            bytes: OnceLock::from(bytes),
            value: OnceLock::new(),
        })
    }
}

impl<T: std::fmt::Debug + Serialize + serde::de::DeserializeOwned + Default> std::fmt::Debug
    for Encoded<T>
{
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// The record of a successful build.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BuildRecord {
    pub(crate) format: u32,
    pub(crate) stele_version: String,
    /// Written into the output folder's manifest by the same build.
    pub(crate) build_id: String,
    /// When the build started looking at files (nanoseconds since the epoch).
    pub(crate) started: i128,
    pub(crate) global: Digest,
    /// Markdown files by site-relative path.
    pub(crate) page_files: HashMap<PathBuf, PageFileRecord>,
    /// Page drift found per page (by slug), with the fingerprint of the texts checked.
    pub(crate) page_checks: HashMap<String, (Digest, Vec<StoredDiagnostic>)>,
    /// Each page's segments for the locale-wide inconsistency check (by slug), valid while
    /// its `page_checks` entry is.
    pub(crate) page_segments: HashMap<String, Vec<FileSegments>>,
    pub(crate) outputs: HashMap<String, Arc<OutputRecord>>,
    /// The files around the pages (chooser, 404, sitemap, static files) with their link
    /// facts, so a page's links can be checked against the site without rebuilding it.
    pub(crate) other_files: BTreeMap<String, LinkFacts>,
    /// Fingerprint of the translation states the health page showed, and the page's hash:
    /// while those states and every page's messages are unchanged, the page is too.
    pub(crate) status_key: Digest,
    pub(crate) status_hash: String,
    /// Fingerprint of the pages the search index was made from, and the index's files
    /// (path, hash): while the pages are unchanged, the index is too.
    pub(crate) search_key: Digest,
    pub(crate) search_files: Vec<(String, String)>,
}

impl crate::check::links::Targets for BuildRecord {
    fn has_file(&self, path: &str) -> bool {
        self.outputs.contains_key(path) || self.other_files.contains_key(path)
    }

    fn ids(&self, path: &str) -> Option<&BTreeSet<String>> {
        match self.outputs.get(path) {
            Some(record) => Some(&record.links.get().ids),
            None => self.other_files.get(path).map(|facts| &facts.ids),
        }
    }
}

impl BuildRecord {
    /// The record of a build that started at `started` (nanoseconds since the epoch), of
    /// its page files and drift checks; the caller adds the outputs.
    pub(crate) fn new(
        started: i128,
        global: Digest,
        pages: &[Page],
        stamps: &HashMap<PathBuf, FileStamp>,
        page_checks: HashMap<String, (Digest, Vec<Diagnostic>)>,
    ) -> BuildRecord {
        let page_files = pages
            .par_iter()
            .flat_map_iter(|page| page.texts.values())
            .filter_map(|text| {
                let stamp = *stamps.get(&text.file)?;
                Some((text.file.clone(), PageFileRecord::of(text, stamp)))
            })
            .collect();
        BuildRecord {
            format: FORMAT,
            stele_version: env!("CARGO_PKG_VERSION").to_string(),
            build_id: new_build_id(),
            started,
            global,
            page_files,
            page_checks: page_checks
                .into_par_iter()
                .map(|(slug, (key, found))| (slug, (key, found.iter().map(Into::into).collect())))
                .collect(),
            page_segments: HashMap::new(),
            // The outputs are added by the caller once it has laid out the files.
            outputs: HashMap::new(),
            other_files: BTreeMap::new(),
            status_key: 0,
            status_hash: String::new(),
            search_key: 0,
            search_files: Vec::new(),
        }
    }

    /// Whether `file` with `stamp` is certainly unchanged since this record was made
    /// (without reading it).
    pub(crate) fn unchanged_stamp(&self, file: &Path, stamp: FileStamp) -> Option<&PageFileRecord> {
        let known = self.page_files.get(file)?;
        (known.stamp == stamp && stamp.modified < self.started - RACY_NANOS).then_some(known)
    }

    /// The record's page drift diagnostics for a page whose texts have fingerprint `key`.
    pub(crate) fn page_check(&self, slug: &str, key: Digest) -> Option<Vec<Diagnostic>> {
        let (known_key, stored) = self.page_checks.get(slug)?;
        if *known_key != key {
            return None;
        }
        Some(stored.iter().map(StoredDiagnostic::restore).collect())
    }

    /// The record's inconsistency segments of a page whose texts have fingerprint `key`.
    pub(crate) fn page_segments(&self, slug: &str, key: Digest) -> Option<&[FileSegments]> {
        let (known_key, _) = self.page_checks.get(slug)?;
        if *known_key != key {
            return None;
        }
        self.page_segments.get(slug).map(Vec::as_slice)
    }
}

/// Where the record for output folder `out` of the site at `root` lives: one record per
/// output folder, so `--out` elsewhere does not invalidate the default's, and one for every
/// name of that folder (`public`, `../site/public`, a link to it).
pub(crate) fn record_path(root: &Path, out: &Path) -> PathBuf {
    let out = crate::util::real_path(out);
    let key = digest(out.to_string_lossy().as_bytes());
    root.join(CACHE_DIR)
        .join(format!("build-{:08x}.bin", (key as u32)))
}

/// Reads the record at `path`; any problem (none yet, another version, damage) means no
/// record, and the build starts clean. A patch the express path wrote for this record
/// (see [`RecordPatch`]) is applied.
pub(crate) fn load_record(path: &Path) -> Option<BuildRecord> {
    let mut record: BuildRecord = read_checked(path)?;
    if record.format != FORMAT || record.stele_version != env!("CARGO_PKG_VERSION") {
        return None;
    }
    if let Some(patch) = load_patch(path).filter(|patch| patch.base == record.build_id) {
        record.build_id = patch.build_id;
        for (output, made) in patch.outputs {
            record.outputs.insert(output, Arc::new(made));
        }
    }
    Some(record)
}

/// Reads a file [`write_checked`] (or [`save_record`]) wrote; `None` when it is missing,
/// damaged or does not decode.
pub(crate) fn read_checked<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = read_own(path)?;
    postcard::from_bytes(checked_body(&bytes)?).ok()
}

/// The bytes of a file Stele wrote into its cache folder; `None` for a link (Stele writes
/// none there, so it is not one of its files and is not read through).
pub(crate) fn read_own(path: &Path) -> Option<Vec<u8>> {
    std::fs::symlink_metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)?;
    std::fs::read(path).ok()
}

/// The body of a file [`write_checked`] wrote, when its checksum matches: a value that
/// borrows from it decodes from there.
pub(crate) fn checked_body(bytes: &[u8]) -> Option<&[u8]> {
    // A checksum first: parts of the record are decoded only when read (see [`Encoded`]),
    // so damage must be found here, not when a page's links are checked.
    let (checksum, body) = bytes.split_at_checked(16)?;
    (checksum == digest(body).to_le_bytes()).then_some(body)
}

/// Writes `value` with a checksum, atomically (a temporary file renamed over the old one).
pub(crate) fn write_checked<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let body = postcard::to_stdvec(value).map_err(std::io::Error::other)?;
    let mut bytes = Vec::with_capacity(body.len() + 16);
    bytes.extend_from_slice(&digest(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    make_cache_folder(path)?;
    // Its own temporary name: the record and the snapshot are saved at the same time.
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = Path::new(&temporary);
    {
        use std::io::Write;
        create_fresh(temporary)
            .and_then(|mut file| file.write_all(&bytes))
            .map_err(|error| crate::util::with_path(error, "cannot write", temporary))?;
    }
    std::fs::rename(temporary, path)
}

/// A new, empty file at `path`, whatever was there before: a file left by a killed build
/// goes, and so does a link (committed, or put there by someone else), which is removed
/// as a link. `create_new` then fails rather than follow a link made meanwhile, so a
/// cache file is never written where a link leads.
pub(crate) fn create_fresh(path: &Path) -> std::io::Result<std::fs::File> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            return Err(crate::util::with_path(error, "cannot remove", path));
        }
        _ => {}
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

fn make_cache_folder(path: &Path) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
        // `create_dir_all` accepts a link to a folder; the build refused one before it
        // started (`pipeline::build_keeping`), and one made since is not written through.
        if !std::fs::symlink_metadata(folder).is_ok_and(|metadata| metadata.is_dir()) {
            return Err(crate::util::with_path(
                std::io::Error::other("it is a link, not a folder; remove it"),
                "cannot use the cache folder",
                folder,
            ));
        }
        // The cache is Stele's own; tools that honour CACHEDIR.TAG (backups, tar) skip it.
        let tag = folder.join("CACHEDIR.TAG");
        if !std::fs::symlink_metadata(&tag).is_ok_and(|metadata| metadata.is_file()) {
            use std::io::Write;
            create_fresh(&tag)?.write_all(
                b"Signature: 8a477f597d28d172789f06886806bc55\n# Stele's build records; safe to delete.\n",
            )?;
        }
    }
    Ok(())
}

/// Writes the record atomically (a temporary file renamed over the old one), so a killed
/// build leaves either the old record or the new one. A patch of the record before it no
/// longer applies and is removed.
pub(crate) fn save_record(path: &Path, record: &BuildRecord) -> std::io::Result<()> {
    use std::io::{Seek, Write};
    make_cache_folder(path)?;
    let temporary = path.with_extension("tmp");
    let mut file = create_fresh(&temporary)?;
    // Streamed to the file rather than encoded into memory first: on a large site the
    // record is tens of megabytes, and the build's peak memory is reached while saving it.
    let failed = |error: std::io::Error| crate::util::with_path(error, "cannot write", &temporary);
    file.write_all(&[0; 16]).map_err(failed)?;
    let write_error = std::sync::Arc::default();
    let hashing = Hashing {
        file,
        hasher: crate::util::digest::Streamed::default(),
        failed: std::sync::Arc::clone(&write_error),
    };
    let writer = std::io::BufWriter::with_capacity(1 << 18, hashing);
    let writer = postcard::to_io(record, writer).map_err(|error| {
        let disk = write_error.lock().ok().and_then(|mut found| found.take());
        failed(disk.unwrap_or_else(|| std::io::Error::other(error)))
    })?;
    let Hashing {
        mut file, hasher, ..
    } = writer.into_inner().map_err(|e| failed(e.into_error()))?;
    // The checksum of what follows it, as `read_checked` computes it.
    file.seek(std::io::SeekFrom::Start(0))?;
    file.write_all(&hasher.finish().to_le_bytes())?;
    drop(file);
    std::fs::rename(&temporary, path)?;
    match std::fs::remove_file(patch_path(path)) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// The warning of a build whose output is complete but whose record at `record` could not
/// be saved: only the next build's head start is lost.
pub(crate) fn record_not_saved(record: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::warning(
        Code::IoError,
        record,
        format!("cannot save the build record: {error}"),
    )
    .help("the next build renders every page; check that .stele-cache/ is writable")
}

/// What the express path ([`crate::pipeline::express`]) changed since the record `base` was saved:
/// the outputs it rendered again and the build id of the output folder it wrote. Saving
/// the whole record again would take longer than the express build itself.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct RecordPatch {
    pub(crate) base: String,
    pub(crate) build_id: String,
    pub(crate) outputs: Vec<(String, OutputRecord)>,
}

/// Where the patch of the record at `record` lives.
pub(crate) fn patch_path(record: &Path) -> PathBuf {
    record.with_extension("patch")
}

/// Where the time of the last check that found the output intact is kept, beside the
/// record at `record` (see [`crate::output::Manifest::assume_verified_at`]): in the cache,
/// not in the output folder, which a build that writes nothing leaves untouched.
fn verified_path(record: &Path) -> PathBuf {
    record.with_extension("verified")
}

/// When the output folder written by `build_id` was last found intact, as nanoseconds
/// since the epoch; `None` when no check of that folder is on record.
pub(crate) fn verified_at(record: &Path, build_id: &str) -> Option<u64> {
    let (id, nanos): (String, u64) = read_checked(&verified_path(record))?;
    (id == build_id).then_some(nanos)
}

/// Records that a check that started at `nanos` found the output folder written by
/// `build_id` intact.
pub(crate) fn save_verified_at(record: &Path, build_id: &str, nanos: u64) -> std::io::Result<()> {
    write_checked(&verified_path(record), &(build_id, nanos))
}

/// The patch of the record at `record`, if there is one and it is intact.
pub(crate) fn load_patch(record: &Path) -> Option<RecordPatch> {
    read_checked(&patch_path(record))
}

/// A writer that fingerprints what it writes.
struct Hashing {
    file: std::fs::File,
    hasher: crate::util::digest::Streamed,
    /// The last write error: the encoder reports any as "buffer full", which would hide a
    /// full disk.
    failed: std::sync::Arc<std::sync::Mutex<Option<std::io::Error>>>,
}

impl std::io::Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.file.write(bytes).inspect_err(|error| {
            if let Ok(mut failed) = self.failed.lock() {
                *failed = Some(std::io::Error::new(error.kind(), error.to_string()));
            }
        })?;
        self.hasher.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// A new build id: unique enough to tell one build's output folder from another's.
pub(crate) fn new_build_id() -> String {
    let mut print = Fingerprint::new();
    print
        .add(now_nanos().to_le_bytes())
        .add(std::process::id().to_le_bytes());
    format!("{:032x}", print.finish())
}

/// Fingerprints of the data tree's values by path: all of them computed once (a full
/// build compares every page's reads), or each when first asked for (after a data edit,
/// only the pages rendered again need theirs).
pub(crate) struct DataDigests<'a> {
    by_path: Option<HashMap<String, Digest>>,
    root: Option<&'a Node>,
    asked: std::sync::Mutex<HashMap<String, Digest>>,
}

/// The fingerprint recorded for a path that does not exist: adding it later changes it.
const ABSENT: Digest = 0;

impl DataDigests<'_> {
    pub(crate) fn new(root: &Node) -> DataDigests<'static> {
        let mut by_path = HashMap::new();
        let mut path = String::new();
        value_digest(root, &mut path, &mut by_path);
        DataDigests {
            by_path: Some(by_path),
            root: None,
            asked: Default::default(),
        }
    }

    pub(crate) fn lazy(root: &Node) -> DataDigests<'_> {
        DataDigests {
            by_path: None,
            root: Some(root),
            asked: Default::default(),
        }
    }

    /// The fingerprint of the value at `path` (segments joined by [`PATH_SEPARATOR`]).
    pub(crate) fn get(&self, path: &str) -> Digest {
        if let Some(by_path) = &self.by_path {
            return by_path.get(path).copied().unwrap_or(ABSENT);
        }
        let Some(root) = self.root else {
            return ABSENT;
        };
        let mut asked = self.asked.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = asked.get(path) {
            return *known;
        }
        let value = match node_at(root, path) {
            Some(node) => value_digest(node, &mut String::new(), &mut HashMap::new()),
            None => ABSENT,
        };
        asked.insert(path.to_string(), value);
        value
    }
}

fn node_at<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    let mut node = root;
    if path.is_empty() {
        return Some(node);
    }
    for part in path.split(PATH_SEPARATOR) {
        node = match &node.value {
            NodeValue::Map(entries) => &entries.iter().find(|(key, _)| key == part)?.1,
            NodeValue::List(items) => items.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Whether a page that read `read` can see a change at `changed`: one contains the other.
pub(crate) fn paths_overlap(read: &str, changed: &str) -> bool {
    let within = |outer: &str, inner: &str| {
        outer.is_empty()
            || inner == outer
            || (inner.starts_with(outer) && inner[outer.len()..].starts_with(PATH_SEPARATOR))
    };
    within(read, changed) || within(changed, read)
}

/// Fingerprints a value from its contents only: where it was written does not change
/// what a page shows.
fn value_digest(node: &Node, path: &mut String, into: &mut HashMap<String, Digest>) -> Digest {
    let mut print = Fingerprint::new();
    match &node.value {
        NodeValue::Null => {
            print.add(b"n");
        }
        NodeValue::Bool(b) => {
            print.add(b"b").add([*b as u8]);
        }
        NodeValue::Integer(i) => {
            print.add(b"i").add(i.to_le_bytes());
        }
        NodeValue::Float(f) => {
            print.add(b"f").add(f.to_bits().to_le_bytes());
        }
        NodeValue::String(s) => {
            print.add(b"s").add(s.as_bytes());
        }
        NodeValue::List(items) => {
            print.add(b"l");
            for (index, item) in items.iter().enumerate() {
                let child = child_digest(item, path, &index.to_string(), into);
                print.add_digest(child);
            }
        }
        NodeValue::Map(entries) => {
            print.add(b"m");
            for (key, value) in entries {
                let child = child_digest(value, path, key, into);
                print.add(key.as_bytes()).add_digest(child);
            }
        }
    }
    let value = print.finish();
    into.insert(path.clone(), value);
    value
}

fn child_digest(
    node: &Node,
    path: &mut String,
    key: &str,
    into: &mut HashMap<String, Digest>,
) -> Digest {
    let length = path.len();
    if !path.is_empty() {
        path.push(PATH_SEPARATOR);
    }
    path.push_str(key);
    let value = value_digest(node, path, into);
    path.truncate(length);
    value
}

/// Fingerprints of messages per locale: a message's own text in the locale and in each
/// locale of its fallback chain (the source last), the messages it refers to, and every
/// term of them all (terms are few and shared).
pub(crate) struct MessageDigests {
    by_locale: HashMap<String, HashMap<String, Digest>>,
}

/// The strongly connected components of the graph whose node `n` has the edges `edges[n]`,
/// each listed after every component it reaches (Tarjan's algorithm, without recursion, so
/// a chain of any length fits in the stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut order = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut components = Vec::new();
    let mut next = 0;
    for root in 0..count {
        if order[root] != UNSEEN {
            continue;
        }
        calls.push((root, 0));
        while let Some(&(node, edge)) = calls.last() {
            if edge == 0 && order[node] == UNSEEN {
                order[node] = next;
                low[node] = next;
                next += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&other) = edges[node].get(edge) {
                if let Some(call) = calls.last_mut() {
                    call.1 += 1;
                }
                if order[other] == UNSEEN {
                    calls.push((other, 0));
                } else if on_stack[other] {
                    low[node] = low[node].min(order[other]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(caller, _)) = calls.last() {
                low[caller] = low[caller].min(low[node]);
            }
            if low[node] == order[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

/// A locale's own messages (their text and the messages they refer to) and the fingerprint
/// of its terms.
type LocaleTexts = (HashMap<String, (Vec<u8>, BTreeSet<String>)>, Digest);

/// A message or term as it is fingerprinted: its syntax tree encoded field by field (the
/// `Debug` text would change with the crate's formatting, not only with the message).
fn entry_bytes<T: Serialize>(entry: &T) -> Vec<u8> {
    // The tree holds only strings, vectors, options and tagged structs, all of which
    // postcard encodes: no message text can make this fail.
    postcard::to_stdvec(entry).expect("a Fluent syntax tree always encodes")
}

/// The texts a locale writes itself (see [`LocaleTexts`]).
fn locale_texts(locale: &crate::load::locales::Locale) -> LocaleTexts {
    let mut own = HashMap::new();
    for (id, written) in fluent::messages(locale) {
        let mut refers = BTreeSet::new();
        for (_, pattern) in fluent::patterns(written.entry) {
            refers.extend(fluent::references(pattern).messages);
        }
        own.insert(id.to_string(), (entry_bytes(written.entry), refers));
    }
    let mut terms = Fingerprint::new();
    for (id, written) in fluent::terms(locale) {
        terms.add(id).add(entry_bytes(written.entry));
    }
    (own, terms.finish())
}

/// The fingerprint of each message (by index) from the fingerprints of their `contents` and
/// the `edges` of their references: everything reachable through references counts.
/// Messages that refer to each other in a circle share one fingerprint of all of them, and
/// each group takes in those of the groups it refers to: linear in the messages and
/// references, however long the chains.
fn reachable_digests(contents: &[Digest], edges: &[Vec<usize>]) -> Vec<Digest> {
    let mut group_of = vec![0usize; contents.len()];
    let mut group_digests: Vec<Digest> = Vec::new();
    for group in strongly_connected(edges) {
        let number = group_digests.len();
        for &member in &group {
            group_of[member] = number;
        }
        let mut members: Vec<Digest> = group.iter().map(|&m| contents[m]).collect();
        members.sort_unstable();
        let mut beyond: Vec<Digest> = group
            .iter()
            .flat_map(|&member| &edges[member])
            .filter(|&&other| group_of[other] != number)
            .map(|&other| group_digests[group_of[other]])
            .collect();
        beyond.sort_unstable();
        beyond.dedup();
        let mut print = Fingerprint::new();
        for digest in members.iter().chain(&[0]).chain(&beyond) {
            print.add_digest(*digest);
        }
        group_digests.push(print.finish());
    }
    group_of.iter().map(|&group| group_digests[group]).collect()
}

impl MessageDigests {
    pub(crate) fn new(locales: &Locales) -> MessageDigests {
        let texts: HashMap<&str, LocaleTexts> = locales
            .list
            .iter()
            .map(|locale| (locale.tag.as_str(), locale_texts(locale)))
            .collect();
        let mut by_locale = HashMap::new();
        for locale in &locales.list {
            // The locale's own texts, then those of its fallback chain (which ends in the
            // source): a message it shows from a parent changes when the parent's does.
            let tables: Vec<&LocaleTexts> = std::iter::once(locale.tag.as_str())
                .chain(locale.chain.iter().map(String::as_str))
                .filter_map(|tag| texts.get(tag))
                .collect();
            let ids: Vec<&String> = tables
                .iter()
                .flat_map(|(own, _)| own.keys())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let index_of: HashMap<&str, usize> = ids
                .iter()
                .enumerate()
                .map(|(index, id)| (id.as_str(), index))
                .collect();
            // A message's own part, in every locale it may read in, and the messages it
            // refers to.
            let mut contents = Vec::with_capacity(ids.len());
            let mut edges = Vec::with_capacity(ids.len());
            for id in &ids {
                let mut content = Fingerprint::new();
                let mut refers = Vec::new();
                for (table, _) in &tables {
                    content.add(id);
                    match table.get(*id) {
                        Some((text, referred)) => {
                            content.add(text);
                            refers.extend(
                                referred
                                    .iter()
                                    .filter_map(|name| index_of.get(name.as_str()).copied()),
                            );
                        }
                        None => {
                            content.add(b"-");
                        }
                    }
                }
                contents.push(content.finish());
                edges.push(refers);
            }
            let reachable = reachable_digests(&contents, &edges);
            let mut digests = HashMap::new();
            for (index, id) in ids.iter().enumerate() {
                let mut print = Fingerprint::new();
                for (_, terms) in &tables {
                    print.add_digest(*terms);
                }
                print.add(id).add_digest(reachable[index]);
                digests.insert((*id).clone(), print.finish());
            }
            by_locale.insert(locale.tag.clone(), digests);
        }
        MessageDigests { by_locale }
    }

    /// The fingerprint of message `id` (or `id.attribute`) in locale `tag`.
    pub(crate) fn get(&self, tag: &str, id: &str) -> Digest {
        let message = id.split('.').next().unwrap_or(id);
        self.by_locale
            .get(tag)
            .and_then(|digests| digests.get(message))
            .copied()
            .unwrap_or(ABSENT)
    }
}

/// The page's own inputs in one locale: what it is, its templates, its Markdown in this
/// locale and the source locale, and in which locales it reads translated (alternates show
/// that).
pub(crate) fn page_key(
    page: &Page,
    templates: Digest,
    tag: &str,
    chain: &[String],
    source_tag: &str,
    translated: &[bool],
) -> Digest {
    let mut print = Fingerprint::new();
    print
        .add_digest(templates)
        .add(page.kind.as_str())
        .add(&page.slug)
        .add(&page.template)
        .add(page.weight.to_le_bytes());
    let chain = chain.iter().map(String::as_str);
    for wanted in [source_tag, tag].into_iter().chain(chain) {
        match page.texts.get(wanted) {
            Some(text) => print.add(b"t").add_digest(text.digest),
            None => print.add(b"-"),
        };
    }
    // Which locales the page is a translation in: its hreflang links and sitemap entries.
    for flag in translated {
        print.add([*flag as u8]);
    }
    if let Some((name, key, _)) = &page.collection {
        print.add(name).add(key);
        // The entry itself is `page.item`; its data path is recorded with the data reads.
    }
    print.finish()
}

/// Fingerprint of `site.pages` and `site.collections` in one locale: which pages and
/// entries are listed, in which order, named how.
pub(crate) fn listing_key(site: &Site, tag: &str, chain: &[String]) -> Digest {
    let mut print = Fingerprint::new();
    for page in crate::load::pages::listed(&site.pages) {
        let (title, title_id) = crate::render::page_nav_title(site, page, tag, chain);
        print.add(&page.slug).add(&title).add(&title_id);
    }
    for collection in crate::render::listed_collections(site) {
        print
            .add(b"\0collection")
            .add(collection.name)
            .add(&collection.label_id);
        for entry in collection.entries {
            print
                .add(&entry.page.slug)
                .add(entry.key)
                .add(&entry.title)
                .add(&entry.title_id);
        }
    }
    print.finish()
}

/// The fingerprint of what the drift check reads for a page: its texts, and the seals of
/// its blocks in every locale's review lock, and the `context` of every page check
/// ([`crate::check::pages::PageChecks::fingerprint`]).
pub(crate) fn page_check_key(
    page: &Page,
    source_tag: &str,
    locks: &BTreeMap<String, crate::load::lock::ReviewLock>,
    context: Digest,
) -> Digest {
    let mut print = Fingerprint::new();
    print.add_digest(context);
    for (tag, text) in &page.texts {
        print.add(tag).add_digest(text.digest);
    }
    let source_file = page
        .texts
        .get(source_tag)
        .map(|text| crate::load::discover::slash_path(&text.file));
    for (tag, lock) in locks {
        print.add(tag);
        let seals = source_file.as_ref().and_then(|file| lock.pages.get(file));
        for seal in seals.into_iter().flatten() {
            match seal {
                Some(seal) => print
                    .add(&seal.source)
                    .add(seal.translation.as_deref().unwrap_or("-")),
                None => print.add(b"\0"),
            };
        }
        print.add(b"|");
    }
    print.finish()
}

/// Which recorded outputs are still valid, given this build's fingerprints.
pub(crate) struct Validity<'r, 'b> {
    pub(crate) record: &'r BuildRecord,
    pub(crate) data: &'b DataDigests<'b>,
    pub(crate) messages: &'b MessageDigests,
    pub(crate) listings: &'b BTreeMap<String, Digest>,
    pub(crate) slugs: &'b std::collections::HashSet<String>,
}

impl<'r> Validity<'r, '_> {
    /// The recorded output at `path` when it can be carried over: same page inputs, and
    /// every data value, message, listing and link target it used unchanged.
    pub(crate) fn carried(&self, path: &str, page_key: Digest) -> Option<&'r Arc<OutputRecord>> {
        let known = self.record.outputs.get(path)?;
        let fresh = known.page_key == page_key
            && known
                .listing
                .is_none_or(|listing| self.listings.get(&known.locale) == Some(&listing))
            && known
                .data
                .iter()
                .all(|(data_path, value)| self.data.get(data_path) == *value)
            && known
                .messages
                .iter()
                .all(|(id, value)| self.messages.get(&known.locale, id) == *value)
            && known.url_slugs.iter().all(|slug| self.slugs.contains(slug));
        fresh.then_some(known)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn components_come_after_those_they_reach() {
        use super::{Path, strongly_connected};
        let _ = Path::new("");
        // 0 → 1 ⇄ 2 → 3, 4 alone, 5 → 5.
        let edges = vec![vec![1], vec![2], vec![1, 3], vec![], vec![], vec![5]];
        let mut components = strongly_connected(&edges);
        for component in &mut components {
            component.sort();
        }
        let position = |node: usize| {
            components
                .iter()
                .position(|component| component.contains(&node))
                .unwrap()
        };
        assert_eq!(components.len(), 5);
        assert_eq!(components[position(1)], vec![1, 2]);
        assert!(position(3) < position(1) && position(1) < position(0));
        assert_eq!(components[position(5)], vec![5]);
        // A chain of a million, one long circle of a million: no recursion to overflow.
        let chain: Vec<Vec<usize>> = (0..1_000_000)
            .map(|n| {
                if n + 1 < 1_000_000 {
                    vec![n + 1]
                } else {
                    vec![]
                }
            })
            .collect();
        let found = strongly_connected(&chain);
        assert_eq!(found.len(), 1_000_000);
        assert_eq!(found[0], vec![999_999]);
        let circle: Vec<Vec<usize>> = (0..1_000_000).map(|n| vec![(n + 1) % 1_000_000]).collect();
        assert_eq!(strongly_connected(&circle).len(), 1);
    }

    #[test]
    fn a_tree_encodes_as_its_stored_node_does() {
        let text = "a: 1\nb: [x, 2.5, true, ~]\nc: {d: \"e\"}\n";
        let node = crate::load::yaml::parse_tree(text, Path::new("t.yaml"), 0).expect("parses");
        let stored: StoredNode = (&node).into();
        let direct = postcard::to_stdvec(&NodeCoding::Borrowed(&node)).expect("encodes");
        assert_eq!(direct, postcard::to_stdvec(&stored).expect("encodes"));
        let back: NodeCoding = postcard::from_bytes(&direct).expect("decodes");
        assert_eq!(format!("{:?}", back.into_node()), format!("{node:?}"));
    }
    use super::*;

    fn tree(yaml: &str) -> Node {
        crate::load::yaml::parse_tree(yaml, Path::new("x.yaml"), 0).unwrap()
    }

    #[test]
    fn data_digests_follow_values_not_positions() {
        let one = DataDigests::new(&tree("a:\n  b: 1\n  c: two\n"));
        let moved = DataDigests::new(&tree("\n\na:\n    b: 1\n    c: two\n"));
        let changed = DataDigests::new(&tree("a:\n  b: 2\n  c: two\n"));
        let sep = PATH_SEPARATOR;
        assert_eq!(one.get(""), moved.get(""));
        assert_eq!(
            one.get(&format!("a{sep}c")),
            changed.get(&format!("a{sep}c"))
        );
        assert_ne!(
            one.get(&format!("a{sep}b")),
            changed.get(&format!("a{sep}b"))
        );
        assert_ne!(one.get("a"), changed.get("a"));
        assert_eq!(one.get("missing"), ABSENT);
    }

    #[test]
    fn lazy_digests_equal_full_ones() {
        let node = tree("a:\n  b: [1, {c: x}]\n  d: two\n");
        let full = DataDigests::new(&node);
        let lazy = DataDigests::lazy(&node);
        let sep = PATH_SEPARATOR;
        for path in [
            String::new(),
            "a".to_string(),
            format!("a{sep}b"),
            format!("a{sep}b{sep}1{sep}c"),
            format!("a{sep}missing"),
        ] {
            assert_eq!(full.get(&path), lazy.get(&path), "{path:?}");
        }
        assert!(paths_overlap("a", &format!("a{sep}b")));
        assert!(paths_overlap(&format!("a{sep}b"), "a"));
        assert!(paths_overlap("", "a"));
        assert!(!paths_overlap(&format!("a{sep}b"), &format!("a{sep}bc")));
        assert!(!paths_overlap(&format!("a{sep}b"), &format!("a{sep}d")));
    }

    #[test]
    fn fingerprint_parts_do_not_run_together() {
        let mut one = Fingerprint::new();
        one.add("ab").add("c");
        let mut two = Fingerprint::new();
        two.add("a").add("bc");
        assert_ne!(one.finish(), two.finish());
    }

    #[test]
    fn records_survive_a_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CACHE_DIR).join("build-x.bin");
        let record = BuildRecord {
            format: FORMAT,
            stele_version: env!("CARGO_PKG_VERSION").to_string(),
            build_id: new_build_id(),
            ..BuildRecord::default()
        };
        save_record(&path, &record).unwrap();
        let back = load_record(&path).unwrap();
        assert_eq!(back.build_id, record.build_id);
        std::fs::write(&path, b"garbage").unwrap();
        assert!(load_record(&path).is_none());
    }

    fn record_with_links() -> (BuildRecord, LinkFacts) {
        let facts = LinkFacts {
            ids: ["intro".to_string()].into(),
            links: vec![crate::check::links::FoundLink {
                target: "../p2/index.html#intro".to_string(),
                line: 3,
                column: 7,
            }],
        };
        let output = OutputRecord {
            hash: "00".to_string(),
            slug: "p1".to_string(),
            locale: "en".to_string(),
            template: "page.html".to_string(),
            page_key: 1,
            listing: None,
            data: Vec::new(),
            messages: Vec::new(),
            url_slugs: Vec::new(),
            fallbacks: Vec::new(),
            links: Encoded::new(facts.clone()),
            shape: 0,
        };
        let mut record = BuildRecord {
            format: FORMAT,
            stele_version: env!("CARGO_PKG_VERSION").to_string(),
            build_id: new_build_id(),
            ..BuildRecord::default()
        };
        record
            .outputs
            .insert("en/p1/index.html".to_string(), Arc::new(output));
        (record, facts)
    }

    #[test]
    fn encoded_link_facts_pass_through_records_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("build-x.bin");
        let (record, facts) = record_with_links();
        save_record(&path, &record).unwrap();
        // Carried from record to record without being read, then read.
        let carried = load_record(&path).unwrap();
        save_record(&path, &carried).unwrap();
        let back = load_record(&path).unwrap();
        assert_eq!(back.outputs["en/p1/index.html"].links.get(), &facts);
    }

    #[test]
    fn a_damaged_record_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("build-x.bin");
        save_record(&path, &record_with_links().0).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        // A flipped byte inside the encoded link facts, which are decoded only when read.
        let target = bytes
            .windows(4)
            .position(|w| w == b"p2/i")
            .expect("the link target is in the record");
        bytes[target] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(load_record(&path).is_none());
    }
}
