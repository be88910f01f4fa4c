//! Stage 5, write: the rendered pages plus what a site needs around them (language chooser,
//! 404 page, sitemap with hreflang alternates, static files) into a staging folder beside
//! `--out`, swapped in only when everything is written. A failed or killed build leaves
//! the previous output as it was.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub(crate) mod search;
pub mod status;
pub(crate) mod verify;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::discover::slash_path;
use crate::load::site::Site;
use crate::render::{self, Content, OutputFile};
use crate::util::{real_path, with_path};

/// Written into every output folder, so a later build knows the folder is its own to replace.
pub(crate) const MARKER: &str = ".stele-output";

/// The files around the pages: chooser (`themed_chooser` when the theme has one), 404
/// pages (see [`not_found_pages`]), sitemap, static assets.
pub(crate) fn files_around_pages(
    site: &Site,
    themed_404: &[OutputFile],
    themed_chooser: Option<&str>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut outputs = vec![
        OutputFile::new(
            "index.html".to_string(),
            themed_chooser
                .map(str::to_string)
                .unwrap_or_else(|| chooser_html(site))
                .into_bytes(),
        ),
        OutputFile::new("sitemap.xml".to_string(), sitemap_xml(site).into_bytes()),
    ];
    outputs.extend(not_found_pages(site, themed_404));
    outputs.push(OutputFile::new(
        MARKER.to_string(),
        b"Built by stele; `stele build` replaces this folder as a whole.\n".to_vec(),
    ));
    let static_root = PathBuf::from(crate::load::discover::THEMES_DIR)
        .join(&site.config.theme)
        .join("static");
    let mut problems = Vec::new();
    for file in &site.files.statics {
        let path = match file.strip_prefix(&static_root) {
            Ok(relative) => format!("static/{}", slash_path(relative)),
            Err(_) => {
                let relative = file
                    .strip_prefix(crate::load::discover::SITE_STATIC_DIR)
                    .unwrap_or(file);
                let path = slash_path(relative);
                if let Some(owner) = reserved_output(site, &path) {
                    problems.push(
                        Diagnostic::error(
                            Code::IoError,
                            file,
                            format!("this file would replace {owner} at `{path}` in the output"),
                        )
                        .help("rename or move it; files in static/ are copied to the output root as they are"),
                    );
                    continue;
                }
                path
            }
        };
        match std::fs::read(site.root.join(file)) {
            Ok(bytes) => outputs.push(OutputFile::new(path, bytes)),
            Err(error) => problems.push(Diagnostic::error(
                Code::IoError,
                file,
                format!("cannot read this static file: {error}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(outputs)
    } else {
        Err(problems)
    }
}

/// What Stele itself writes at `path` of the output root, if anything: a file of the site's
/// own `static/` folder may not replace it.
fn reserved_output(site: &Site, path: &str) -> Option<String> {
    let first = path.split('/').next().unwrap_or(path);
    if let Some(locale) = site.locales.list.iter().find(|l| l.tag == first) {
        return Some(format!("the pages of locale `{}`", locale.tag));
    }
    match first {
        "index.html" => Some("the language chooser".to_string()),
        "sitemap.xml" => Some("the sitemap".to_string()),
        "404.html" => Some("the 404 page".to_string()),
        "static" => Some("the theme's static files".to_string()),
        "_status" => Some("the translation health page".to_string()),
        search::BUNDLE_DIR => Some("the search index".to_string()),
        _ if first == MARKER => Some("Stele's marker file".to_string()),
        _ => None,
    }
}

/// HTML-escapes text for element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut buffer = Vec::with_capacity(text.len() + 8);
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(text, &mut buffer);
    String::from_utf8(buffer).unwrap_or_default()
}

/// The root page: every language, and a script that follows the browser's preference.
fn chooser_html(site: &Site) -> String {
    let source = site.locales.source();
    let title = site
        .locales
        .format(source, &site.config.title, None)
        .map(|f| f.text)
        .unwrap_or_else(|_| site.config.title.clone());
    let mut links = String::new();
    let mut targets = String::from("{");
    for (index, locale) in site.locales.list.iter().enumerate() {
        let href = site.links.page_path(&locale.tag, "");
        let _ = writeln!(
            links,
            "      <li><a href=\"{}\" hreflang=\"{}\" lang=\"{}\" dir=\"{}\">{}</a></li>",
            escape(&href),
            escape(&locale.tag),
            escape(&locale.tag),
            locale.dir(),
            escape(&locale.name)
        );
        if index > 0 {
            targets.push(',');
        }
        let _ = write!(
            targets,
            "{}:{}",
            json_string(&locale.tag.to_lowercase()),
            json_string(&href)
        );
    }
    targets.push('}');
    let mut alternates = String::new();
    for locale in &site.locales.list {
        let _ = writeln!(
            alternates,
            "  <link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
            escape(&locale.tag),
            escape(&render::absolute_url(site, &locale.tag, ""))
        );
    }
    let _ = writeln!(
        alternates,
        "  <link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">",
        escape(&site.config.base_url)
    );
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}" dir="{dir}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
{alternates}  <style>
    body {{ font-family: system-ui, "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; }}
    ul {{ list-style: none; padding: 0; }}
    li a {{ display: block; padding: .75rem 1rem; margin: .5rem 0; border: 1px solid #ccd; border-radius: .5rem; text-decoration: none; font-size: 1.25rem; }}
    li a:hover, li a:focus {{ background: #eef; }}
  </style>
</head>
<body>
  <main>
    <h1>{title}</h1>
    <ul>
{links}    </ul>
  </main>
  <script>
    (function () {{
      var targets = {targets};
      try {{
        var chosen = localStorage.getItem("stele-locale");
        if (chosen && targets[chosen]) {{ location.replace(targets[chosen]); return; }}
      }} catch (e) {{}}
      var wanted = navigator.languages || [navigator.language || ""];
      for (var i = 0; i < wanted.length; i++) {{
        var tag = String(wanted[i]).toLowerCase();
        while (tag) {{
          if (targets[tag]) {{ location.replace(targets[tag]); return; }}
          var cut = tag.lastIndexOf("-");
          tag = cut > 0 ? tag.slice(0, cut) : "";
        }}
      }}
    }})();
    document.querySelectorAll("a[hreflang]").forEach(function (a) {{
      a.addEventListener("click", function () {{
        try {{ localStorage.setItem("stele-locale", a.getAttribute("hreflang").toLowerCase()); }} catch (e) {{}}
      }});
    }});
  </script>
</body>
</html>
"#,
        lang = escape(&source.tag),
        dir = source.dir(),
        title = escape(&title),
    )
}

fn json_string(text: &str) -> String {
    // `</script>` inside a string would end the script element early.
    crate::load::theme::script_safe_json(
        &serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string()),
    )
}

/// `sitemap.xml` with an `xhtml:link` alternate per locale and `x-default`; a page in a
/// locale where it is shown entirely from a fallback is no translation and not listed.
fn sitemap_xml(site: &Site) -> String {
    let source = &site.config.source_locale;
    let tags: Vec<String> = site
        .locales
        .list
        .iter()
        .map(|locale| escape(&locale.tag))
        .collect();
    // One entry per page and locale, each listing every locale's address: each page's
    // addresses are made once, and pages are independent.
    let entries: Vec<String> = site
        .pages
        .par_iter()
        .filter(|page| !page.draft)
        .map(|page| {
            let (tags, urls): (Vec<&String>, Vec<String>) = site
                .locales
                .list
                .iter()
                .zip(&tags)
                .filter(|(locale, _)| render::reads_translated(site, page, locale))
                .map(|(locale, tag)| {
                    (
                        tag,
                        escape(&render::absolute_url(site, &locale.tag, &page.slug)),
                    )
                })
                .unzip();
            let default = escape(&render::absolute_url(site, source, &page.slug));
            let mut xml = String::new();
            for url in &urls {
                let _ = writeln!(xml, "  <url>\n    <loc>{url}</loc>");
                for (tag, other) in tags.iter().zip(&urls) {
                    let _ = writeln!(
                        xml,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{tag}\" href=\"{other}\"/>"
                    );
                }
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{default}\"/>\n  </url>"
                );
            }
            xml
        })
        .collect();
    let mut xml = String::with_capacity(entries.iter().map(String::len).sum::<usize>() + 256);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in &entries {
        xml.push_str(entry);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The 404 pages: the theme's as the render stage made them, or one plain page listing
/// every language's home, with links from the base path.
pub(crate) fn not_found_pages(site: &Site, themed: &[OutputFile]) -> Vec<OutputFile> {
    if themed.is_empty() {
        vec![OutputFile::new(
            "404.html".to_string(),
            plain_not_found(site).into_bytes(),
        )]
    } else {
        themed.to_vec()
    }
}

fn plain_not_found(site: &Site) -> String {
    let source = site.locales.source();
    let mut links = String::new();
    for locale in &site.locales.list {
        let _ = writeln!(
            links,
            "<li><a href=\"{}{}\" lang=\"{}\">{}</a></li>",
            escape(&site.links.base_path),
            escape(&site.links.page_path(&locale.tag, "")),
            escape(&locale.tag),
            escape(&locale.name)
        );
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>404</title></head>\n<body>\n<h1>404</h1>\n<ul>\n{links}</ul>\n</body>\n</html>\n",
        escape(&source.tag)
    )
}

/// Why an output folder cannot be used.
#[derive(Debug)]
pub(crate) struct RefusedOutput(pub String);

/// Refuses output folders a build would destroy something in: the site itself, a folder
/// that contains it, its source folders, or a non-empty folder Stele did not make.
pub(crate) fn check_output_folder(site_root: &Path, out: &Path) -> Result<(), RefusedOutput> {
    let site = real_path(site_root);
    let target = real_path(out);
    if target.parent().is_none() {
        return Err(RefusedOutput(format!(
            "refusing to write the site into `{}`: it is the file system root",
            out.display()
        )));
    }
    if site.starts_with(&target) {
        return Err(RefusedOutput(format!(
            "refusing to write into `{}`: it contains the site itself, which the build would replace",
            out.display()
        )));
    }
    for source in ["content", "locales", "themes", "src", ".git"] {
        if target.starts_with(site.join(source)) {
            return Err(RefusedOutput(format!(
                "refusing to write into `{}`: it is inside the site's {source}/ folder",
                out.display()
            )));
        }
    }
    if target.is_dir() {
        let mut entries = std::fs::read_dir(&target)
            .map_err(|e| RefusedOutput(format!("cannot read `{}`: {e}", out.display())))?;
        let empty = entries.next().is_none();
        if !empty && !target.join(MARKER).is_file() {
            return Err(RefusedOutput(format!(
                "refusing to replace `{}`: it is not empty and was not made by `stele build`; \
                 remove it or choose another --out",
                out.display()
            )));
        }
    } else if target.exists() {
        return Err(RefusedOutput(format!(
            "`{}` exists and is not a folder",
            out.display()
        )));
    }
    Ok(())
}

/// Refuses a link, or anything else that is not what Stele keeps there, at the paths a build
/// writes, renames or removes beside the output folder `out`: its staging and previous
/// trees (folders) and its lock (a file); and, when `out` was not given (`default_out`,
/// the site's own `public`), a link at `public` itself. A link there would make the build
/// empty and fill, or swap in, whatever folder it leads to, outside the site; so it is
/// refused before anything is opened, written or removed. An `--out` typed as a link is
/// the user's own choice and is judged where it leads ([`check_output_folder`]).
pub(crate) fn check_own_paths(out: &Path, default_out: bool) -> Result<(), RefusedOutput> {
    if default_out {
        refuse_link(out, Kind::Folder, "the output folder")?;
    }
    let out = real_path(out);
    refuse_link(
        &beside(&out, ".stele-staging"),
        Kind::Folder,
        "the staging tree",
    )?;
    refuse_link(
        &beside(&out, ".stele-previous"),
        Kind::Folder,
        "the previous output",
    )?;
    refuse_link(&beside(&out, ".stele-lock"), Kind::File, "the build lock")
}

/// What Stele itself keeps at a path it checks with [`refuse_link`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Folder,
    File,
}

/// `Ok` when nothing is at `path` yet, or a plain folder or file (as `kind` says); a
/// refusal naming `path` and what to do otherwise. Looked at with `symlink_metadata`, so
/// a link is seen as a link, never as what it leads to.
pub(crate) fn refuse_link(path: &Path, kind: Kind, what: &str) -> Result<(), RefusedOutput> {
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => {
            return Err(RefusedOutput(format!(
                "cannot inspect `{}` ({what}): {error}",
                path.display()
            )));
        }
    };
    if metadata.file_type().is_symlink() {
        let target = std::fs::read_link(path)
            .map(|target| format!(" to `{}`", target.display()))
            .unwrap_or_default();
        return Err(RefusedOutput(format!(
            "refusing to build: `{}` ({what}) is a symbolic link{target}; Stele never follows \
             links where it writes or removes files, as the build would empty and replace \
             what the link leads to. Remove the link (`rm {}`) and build again; Stele makes \
             what it needs there itself",
            path.display(),
            path.display()
        )));
    }
    let fits = match kind {
        Kind::Folder => metadata.is_dir(),
        Kind::File => metadata.is_file(),
    };
    if !fits {
        let expected = match kind {
            Kind::Folder => "a folder",
            Kind::File => "a plain file",
        };
        return Err(RefusedOutput(format!(
            "refusing to build: `{}` ({what}) is not {expected}; remove it and build again",
            path.display()
        )));
    }
    Ok(())
}

/// Inside every output tree: the hash of each file Stele wrote there, so the next build
/// into that tree rewrites only what changed.
pub(crate) const MANIFEST: &str = ".stele-manifest";

/// A carried-over file was missing from the current output folder, or its contents were
/// no longer what the build wrote there (someone deleted or edited it): the caller builds
/// again without carrying anything.
#[derive(Debug)]
pub(crate) struct CarriedFileMissing(pub String);

impl std::fmt::Display for CarriedFileMissing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is missing from the output folder or was changed there",
            self.0
        )
    }
}

/// A file's (or folder's) size, modification time and inode as a manifest records them: a
/// file whose stamp still matches holds the bytes the build wrote (see [`verify`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) size: u64,
    /// Nanoseconds since the Unix epoch.
    pub(crate) modified: u64,
    /// 0 where the system has no inode numbers.
    pub(crate) inode: u64,
}

impl Stamp {
    pub(crate) fn of_metadata(metadata: &std::fs::Metadata) -> Stamp {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |since| since.as_nanos() as u64);
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(metadata);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp {
            size: metadata.len(),
            modified,
            inode,
        }
    }

    /// The stamp of the file at `path`; `None` when it is not a file (or not there).
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        std::fs::symlink_metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|metadata| Stamp::of_metadata(&metadata))
    }
}

/// Writes `bytes` into a new file at `target` and returns its stamp once written.
fn write_file(target: &Path, bytes: &[u8]) -> std::io::Result<Stamp> {
    use std::io::Write;
    let mut file = std::fs::File::create(target)?;
    file.write_all(bytes)
        .map_err(|error| with_path(error, "cannot write", target))?;
    Ok(Stamp::of_metadata(&file.metadata()?))
}

/// Whether the file at `path` of `tree` still holds what `manifest` says: its stamp is
/// unchanged, or (after a touch or a copy) its bytes still hash as recorded. Its stamp now
/// when so.
pub(crate) fn verify(tree: &Path, manifest: &Manifest, path: &str) -> Option<Stamp> {
    let (hash, recorded) = manifest.entry(path)?;
    let target = tree.join(path);
    let now = Stamp::of(&target)?;
    if recorded == Some(now) {
        return Some(now);
    }
    let bytes = std::fs::read(&target).ok()?;
    (crate::util::digest::content_hash(&bytes) == hash).then_some(now)
}

/// Whether `tree` holds every file `manifest` lists as the build wrote it and nothing else
/// (see [`verify::check_tree`]).
pub(crate) fn verify_tree(tree: &Path, manifest: &Manifest) -> bool {
    verify::check_tree(tree, manifest).intact()
}

/// As [`verify_tree`]; when the tree is intact, also the time this check started if it
/// proved folders that their stamps alone could not prove (stamped within a file system tick of
/// the manifest's writing, so listed) and that a later check, told of this one
/// ([`Manifest::assume_verified_at`]), proves by their stamps alone. Git refreshes its
/// index for the same reason; the tree itself is not written to.
pub(crate) fn verify_tree_settling(tree: &Path, manifest: &Manifest) -> (bool, Option<u64>) {
    let started = u64::try_from(crate::util::stamp::now_nanos()).unwrap_or(0);
    let intact = verify_tree(tree, manifest);
    let settles = intact && manifest.settles_at(started);
    (intact, settles.then_some(started))
}

impl std::error::Error for CarriedFileMissing {}

/// The tree the next output is built in, beside `--out`.
///
/// Two trees take turns: the output, and beside it the output of the build before
/// (`.<out>.stele-previous`). A build updates the older tree in place into the staging
/// folder, writing only files whose bytes changed (creating and deleting thousands of files
/// costs far more than rendering them), then swaps it with the output. The output itself is
/// never written to, so a failed or killed build leaves it as it was. Files carried over
/// are hard links to (or, where links are not possible, copies of) the output's own.
///
/// Neither tree is trusted blindly: each manifest records every file's and folder's stamp
/// ([`verify`] says why that proves enough). The staging tree is checked before anything
/// is written into it; what its manifest does not list goes, a file whose stamp changed
/// (edited by hand, or through a hard link shared with the other tree) is written again,
/// and a file to be carried from the output whose bytes changed makes the build start over
/// without carrying anything.
///
/// Pages may be written while they render ([`Staging::stage`]), so a large site never holds
/// all of its pages in memory; the swap happens only in [`Staging::finish`], after every
/// check passed.
pub(crate) struct Staging {
    out: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    /// Path → hash of what the staging tree holds, when its manifest said so.
    known: Option<Manifest>,
    /// The staging tree checked against `known`, before anything is written into it.
    checked: std::sync::OnceLock<Option<verify::TreeCheck>>,
    /// The output's manifest, read when a file is first carried from it.
    current: std::sync::OnceLock<Option<Manifest>>,
    /// Stamps of the files [`Staging::stage`] wrote (`true`) or found in place.
    staged: std::sync::Mutex<std::collections::HashMap<String, (Stamp, bool)>>,
    /// Whether the tree held anything: then files are replaced (unlinked, then written),
    /// never written into, because they may be hard links shared with the output.
    replace: bool,
    unmanifested: std::sync::Once,
}

/// `.<name><suffix>` beside the output folder `out` (absolute).
fn beside(out: &Path, suffix: &str) -> PathBuf {
    let parent = out
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string());
    parent.join(format!(".{name}{suffix}"))
}

/// An exclusive hold on an output folder and the trees beside it, released when dropped
/// (or when the process ends, however it ends).
pub(crate) struct OutputLock {
    _file: std::fs::File,
}

/// Takes the lock of the output folder `out`, so that no other `stele build` reads or
/// writes it (or its staging and previous trees) until this one is done. When another
/// build holds it, calls `waiting` once and waits for it.
pub(crate) fn lock_output(out: &Path, waiting: impl FnOnce()) -> std::io::Result<OutputLock> {
    let out = real_path(out);
    let path = beside(&out, ".stele-lock");
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|error| with_path(error, "cannot create", parent))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    // A link put at the lock's path after [`check_own_paths`] looked is not followed
    // either: opening it fails instead of creating a file where it leads.
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NOFOLLOW.bits() as i32,
    );
    let file = options
        .open(&path)
        .map_err(|error| with_path(error, "cannot open the lock file", &path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock()
                .map_err(|error| with_path(error, "cannot lock", &path))?;
        }
        Err(std::fs::TryLockError::Error(error)) => {
            return Err(with_path(error, "cannot lock", &path));
        }
    }
    Ok(OutputLock { _file: file })
}

impl Staging {
    /// Readies the staging tree for the output folder `out`.
    pub(crate) fn prepare(out: &Path) -> std::io::Result<Staging> {
        let out = real_path(out);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        let staging = beside(&out, ".stele-staging");
        let previous = beside(&out, ".stele-previous");
        // Checked again here (the build checked before taking its lock): a link at either
        // path would be renamed, emptied and written through (see [`check_own_paths`]).
        for (path, what) in [
            (&staging, "the staging tree"),
            (&previous, "the previous output"),
        ] {
            refuse_link(path, Kind::Folder, what)
                .map_err(|refused| std::io::Error::other(refused.0))?;
        }
        remove_stale(&parent, &name);
        // A swap interrupted between its two renames left the output only as `previous`.
        if std::fs::symlink_metadata(&out).is_err() && previous.join(MANIFEST).is_file() {
            std::fs::rename(&previous, &out)?;
        }
        if is_plain_folder(&previous) {
            if std::fs::symlink_metadata(&staging).is_ok() {
                std::fs::remove_dir_all(&staging)?;
            }
            std::fs::rename(&previous, &staging)?;
        }
        let known = Manifest::read(&staging);
        // A tree without a manifest (a build killed while writing it, or a folder Stele did
        // not make) holds nothing this build can trust or keep, and may hold links that
        // writing a page would follow (`en -> elsewhere`): it goes as a whole, links
        // removed as links, never followed.
        if known.is_none() && std::fs::symlink_metadata(&staging).is_ok() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        let replace = std::fs::read_dir(&staging)?.next().is_some();
        Ok(Staging {
            out,
            staging,
            previous,
            known,
            checked: std::sync::OnceLock::new(),
            current: std::sync::OnceLock::new(),
            staged: std::sync::Mutex::default(),
            replace,
            unmanifested: std::sync::Once::new(),
        })
    }

    /// The bytes of an output file of this build that are not in memory: from the staging
    /// tree when the build `staged` it there, else from the output, which it is carried from.
    pub(crate) fn read(&self, path: &str, staged: bool) -> std::io::Result<Vec<u8>> {
        let tree = if staged { &self.staging } else { &self.out };
        std::fs::read(tree.join(path))
    }

    /// Removes the manifest before the first write: from then on, until the new manifest
    /// is written, the tree's contents are unknown. A build that fails before writing
    /// anything leaves the tree and its manifest as they were.
    fn forget_manifest(&self) -> std::io::Result<()> {
        let mut result = Ok(());
        self.unmanifested.call_once(|| {
            if let Err(error) = std::fs::remove_file(self.staging.join(MANIFEST))
                && error.kind() != std::io::ErrorKind::NotFound
            {
                result = Err(error);
            }
        });
        result
    }

    /// Writes one file now unless the tree already holds these bytes. `Ok(false)` when it
    /// cannot be written before the tree is tidied (a file stands where its folder must
    /// go); [`Staging::finish`] writes it then.
    pub(crate) fn stage(&self, path: &str, hash: &str, bytes: &[u8]) -> std::io::Result<bool> {
        if let Some(stamp) = self.held(path, hash) {
            self.note_staged(path, stamp, false);
            return Ok(true);
        }
        self.forget_manifest()?;
        let target = self.staging.join(path);
        if self.replace {
            match std::fs::remove_file(&target) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Ok(false),
                _ => {}
            }
        }
        let written = match write_file(&target, bytes) {
            // Its folder is not there yet ([`Staging::make_folders`] made the others).
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                match target.parent().map(std::fs::create_dir_all) {
                    Some(Ok(())) => write_file(&target, bytes),
                    _ => return Ok(false),
                }
            }
            other => other,
        };
        match written {
            Ok(stamp) => {
                self.note_staged(path, stamp, true);
                Ok(true)
            }
            Err(_) => Ok(false),
        }
    }

    fn note_staged(&self, path: &str, stamp: Stamp, wrote: bool) {
        self.staged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path.to_string(), (stamp, wrote));
    }

    /// Makes the folders of the files about to be staged, level by level in parallel. A
    /// folder that cannot be made now (a file stands there) is left to [`Staging::finish`].
    pub(crate) fn make_folders<'a>(&self, paths: impl Iterator<Item = &'a str>) {
        self.check();
        let paths: Vec<&str> = paths.collect();
        // Room for each file's stamp up front, so the map is not grown under its lock.
        self.staged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .reserve(paths.len());
        let _ = make_folders(&self.staging, paths.into_iter());
    }

    /// Checks the staging tree now (see [`Staging::check`]), so that a caller with other
    /// work to do meanwhile does not wait for it in [`Staging::finish`].
    pub(crate) fn check_ahead(&self) {
        self.check();
    }

    /// The staging tree as its manifest knows it, checked once before this build writes
    /// anything into it (every write comes after a [`Staging::held`] or in
    /// [`Staging::make_folders`], which ask for it first). What the check finds that the
    /// manifest does not list goes at once, before this build may write a file or folder of
    /// its own at the same place.
    fn check(&self) -> Option<&verify::TreeCheck> {
        self.checked
            .get_or_init(|| {
                let known = self.known.as_ref()?;
                let mut check = verify::check_tree(&self.staging, known);
                verify::remove_strays(&self.staging, &mut check);
                Some(check)
            })
            .as_ref()
    }

    /// The stamp of the staging tree's file at `path` when it holds the bytes of `hash` as
    /// its manifest recorded them, untouched since.
    fn held(&self, path: &str, hash: &str) -> Option<Stamp> {
        self.held_at(self.known.as_ref()?.index_of(path), hash)
    }

    /// [`Staging::held`] for the file at `index` of the staging tree's manifest.
    fn held_at(&self, index: Option<usize>, hash: &str) -> Option<Stamp> {
        let known = self.known.as_ref()?;
        let index = index?;
        if known.line(index).1 != hash {
            return None;
        }
        self.check()?.files[index]
    }

    /// The output's manifest, for files carried from it.
    fn current(&self) -> Option<&Manifest> {
        self.current
            .get_or_init(|| Manifest::read(&self.out))
            .as_ref()
    }

    /// Writes the rest of `files`, removes what the new output does not have, writes the
    /// manifest naming `build_id`, and swaps the tree in.
    pub(crate) fn finish(self, files: &[OutputFile], build_id: &str) -> std::io::Result<()> {
        let staged = std::mem::take(
            &mut *self
                .staged
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        // Checked before the manifest goes (a staging tree without one is walked instead).
        let timer = crate::util::timing::Timer::start();
        let check = self.check().filter(|check| !check.unreadable);
        timer.lap("finish: check staging tree");
        let known_at = match &self.known {
            Some(known) => known.positions(false, files.iter().map(|file| file.path.as_str())),
            None => vec![None; files.len()],
        };
        let mut stamps: Vec<Option<Stamp>> = files
            .par_iter()
            .zip(&known_at)
            .map(|(file, at)| match file.content {
                Content::Staged => staged
                    .get(&file.path)
                    .map(|(stamp, _)| *stamp)
                    .or_else(|| Stamp::of(&self.staging.join(&file.path))),
                _ => self.held_at(*at, &file.hash),
            })
            .collect();
        let changed: Vec<usize> = (0..files.len())
            .filter(|&index| {
                stamps[index].is_none() && !matches!(files[index].content, Content::Staged)
            })
            .collect();
        let folders = folders_of(files);
        timer.lap("finish: held files");
        self.forget_manifest()?;
        // Removing first frees names a new build may need as folders (a page that became a
        // section: `a/b` the file, then `a/b/index.html`). A tree that was empty holds only
        // what this build staged, all of it wanted.
        let removed = match (self.replace, &self.known, check) {
            (false, _, _) => Some(Vec::new()),
            (true, Some(known), Some(_)) => {
                Some(remove_unlisted(&self.staging, known, files, &folders)?)
            }
            (true, _, _) => {
                remove_others(&self.staging, files)?;
                None
            }
        };
        timer.lap("finish: remove");
        let written = self.write_all(files, &changed)?;
        timer.lap("finish: write");
        for (index, stamp) in changed.iter().zip(written) {
            stamps[*index] = Some(stamp);
        }
        // Only the folders this build changed an entry of are stamped again; the others
        // keep the stamp the check proved. After a walk, every folder is stamped.
        let touched = removed.map(|removed| {
            let written_now = changed
                .iter()
                .map(|&index| files[index].path.as_str())
                .chain(
                    staged
                        .iter()
                        .filter(|(_, (_, wrote))| *wrote)
                        .map(|(path, _)| path.as_str()),
                );
            self.touched_folders(written_now.chain(removed.iter().map(String::as_str)))
        });
        let folder_stamps = self.folder_stamps(&folders, touched.as_ref());
        timer.lap("finish: stamp folders");
        self.write_manifest(files, &stamps, &folders, &folder_stamps, build_id)?;
        timer.lap("finish: manifest");
        if self.out.exists() {
            if exchange(&self.staging, &self.out) {
                // The output is the new tree already; a build killed before the rename
                // below finds the old one as its staging tree, which is as good.
                let _ = std::fs::rename(&self.staging, &self.previous);
                return Ok(());
            }
            std::fs::rename(&self.out, &self.previous)?;
            if let Err(error) = std::fs::rename(&self.staging, &self.out) {
                // Put the previous output back before reporting.
                let _ = std::fs::rename(&self.previous, &self.out);
                return Err(error);
            }
        } else {
            std::fs::rename(&self.staging, &self.out)?;
        }
        Ok(())
    }

    /// Streamed (on a large site the manifest is megabytes, and fresh memory costs time),
    /// and renamed into place only when whole: a manifest cut short by a kill would leave
    /// the files it no longer lists unaccounted for.
    fn write_manifest(
        &self,
        files: &[OutputFile],
        stamps: &[Option<Stamp>],
        folders: &[&str],
        folder_stamps: &[Option<Stamp>],
        build_id: &str,
    ) -> std::io::Result<()> {
        use std::io::Write;
        let path = self.staging.join(MANIFEST);
        let partial = self.staging.join(".stele-manifest.partial");
        let failed = |error| with_path(error, "cannot write", &partial);
        let mut manifest =
            std::io::BufWriter::new(std::fs::File::create(&partial).map_err(failed)?);
        // Later than every folder's last change: the folders are all made and stamped.
        let written = crate::util::stamp::now_nanos();
        writeln!(
            manifest,
            "{BUILD_LINE}{build_id}\n{STAMPS_LINE}\n{WRITTEN_LINE}{written}"
        )
        .map_err(failed)?;
        // Written field by field: a line each for tens of thousands of files and folders.
        let mut line = |start: [&str; 2], stamp: &Option<Stamp>, path: &str| {
            manifest.write_all(start[0].as_bytes())?;
            manifest.write_all(start[1].as_bytes())?;
            match stamp {
                Some(stamp) => {
                    let mut number = itoa::Buffer::new();
                    manifest.write_all(number.format(stamp.size).as_bytes())?;
                    manifest.write_all(b" ")?;
                    manifest.write_all(number.format(stamp.modified).as_bytes())?;
                    manifest.write_all(b" ")?;
                    manifest.write_all(number.format(stamp.inode).as_bytes())?;
                }
                None => manifest.write_all(b"- - -")?,
            }
            manifest.write_all(b" ")?;
            manifest.write_all(path.as_bytes())?;
            manifest.write_all(b"\n")
        };
        for (folder, stamp) in folders.iter().zip(folder_stamps) {
            line([FOLDER_LINE, ""], stamp, folder).map_err(failed)?;
        }
        for (file, stamp) in files.iter().zip(stamps) {
            line([&file.hash, " "], stamp, &file.path).map_err(failed)?;
        }
        manifest.into_inner().map_err(|e| failed(e.into_error()))?;
        std::fs::rename(&partial, &path)
            .map_err(|error| with_path(error, "cannot rename", &partial))
    }

    /// The folders whose entries changed when the files or folders at `paths` were written
    /// or removed: each one's folder, and up from there while a folder was not proven
    /// unchanged by the check (it may have been made by this build, which changed its
    /// parent).
    fn touched_folders<'a>(
        &self,
        paths: impl Iterator<Item = &'a str>,
    ) -> std::collections::HashSet<String> {
        let proven = |folder: &str| {
            let (Some(known), Some(check)) = (&self.known, self.check()) else {
                return false;
            };
            known
                .folder_index(folder)
                .is_some_and(|index| check.folders[index].is_some())
        };
        let mut touched = std::collections::HashSet::new();
        for path in paths {
            let mut at = path;
            while let Some((folder, _)) = at.rsplit_once('/') {
                if !touched.insert(folder.to_string()) || proven(folder) {
                    break;
                }
                at = folder;
            }
        }
        touched
    }

    /// The stamps of `folders` for the new manifest: the check's for those it proved and
    /// this build did not change (all are stamped again when `touched` is unknown).
    fn folder_stamps(
        &self,
        folders: &[&str],
        touched: Option<&std::collections::HashSet<String>>,
    ) -> Vec<Option<Stamp>> {
        let known_at = match &self.known {
            Some(known) => known.positions(true, folders.iter().copied()),
            None => vec![None; folders.len()],
        };
        let proven = |folder: &str, at: Option<usize>| -> Option<Stamp> {
            if touched?.contains(folder) {
                return None;
            }
            self.check()?.folders[at?]
        };
        let mut stamps: Vec<Option<Stamp>> = folders
            .iter()
            .zip(known_at)
            .map(|(folder, at)| proven(folder, at))
            .collect();
        let missing: Vec<&str> = folders
            .iter()
            .zip(&stamps)
            .filter(|(_, stamp)| stamp.is_none())
            .map(|(folder, _)| *folder)
            .collect();
        let mut found = verify::folder_stamps(&self.staging, &missing).into_iter();
        for stamp in stamps.iter_mut().filter(|stamp| stamp.is_none()) {
            *stamp = found.next().flatten();
        }
        stamps
    }

    /// Writes the files at `indexes` of `files` into the staging tree; their stamps, in
    /// the same order.
    fn write_all(&self, files: &[OutputFile], indexes: &[usize]) -> std::io::Result<Vec<Stamp>> {
        let root = &self.staging;
        make_folders(
            root,
            indexes.iter().map(|&index| files[index].path.as_str()),
        )?;
        indexes
            .par_iter()
            .map(|&index| {
                let file = &files[index];
                let target = root.join(&file.path);
                if self.replace {
                    match std::fs::remove_file(&target) {
                        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                            return Err(with_path(error, "cannot remove", &target));
                        }
                        _ => {}
                    }
                }
                match &file.content {
                    Content::Bytes(bytes) => write_file(&target, bytes)
                        .map_err(|error| with_path(error, "cannot write", &target)),
                    Content::Staged => Stamp::of(&target).ok_or_else(|| {
                        std::io::Error::other(CarriedFileMissing(file.path.clone()))
                    }),
                    Content::Carried => self.carry(file, &target),
                }
            })
            .collect()
    }

    /// Links (or copies) a file of the output into the staging tree, once it proved to hold
    /// what the output's manifest says.
    fn carry(&self, file: &OutputFile, target: &Path) -> std::io::Result<Stamp> {
        let lost = || std::io::Error::other(CarriedFileMissing(file.path.clone()));
        let current = self.current().ok_or_else(lost)?;
        if current.hash_of(&file.path) != Some(file.hash.as_str()) {
            return Err(lost());
        }
        let stamp = verify(&self.out, current, &file.path).ok_or_else(lost)?;
        let source = self.out.join(&file.path);
        if std::fs::hard_link(&source, target).is_ok() {
            return Ok(stamp);
        }
        match std::fs::copy(&source, target) {
            Ok(_) => Stamp::of(target).ok_or_else(lost),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(lost()),
            Err(error) => Err(with_path(error, "cannot copy into", target)),
        }
    }
}

/// Whether `path` is a folder itself, not a link to one.
fn is_plain_folder(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.is_dir())
}

/// A build that stops before its swap leaves no staging tree behind: a tree whose manifest
/// is still there (nothing was written into it yet) goes back to being the previous output,
/// ready for the next build; one whose manifest is gone holds half a build and is removed.
/// After a swap the staging path is empty, and this does nothing.
impl Drop for Staging {
    fn drop(&mut self) {
        if !is_plain_folder(&self.staging) {
            return;
        }
        let kept = self.staging.join(MANIFEST).is_file()
            && std::fs::symlink_metadata(&self.previous).is_err()
            && std::fs::rename(&self.staging, &self.previous).is_ok();
        if !kept {
            // Nothing to report to: the build already failed, and the next one clears
            // whatever is left here anyway.
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Swaps two folders in one step where the system can (Linux's `renameat2` with
/// `RENAME_EXCHANGE`), so that no instant passes with neither at `b`. `false` when it
/// cannot; nothing was moved then.
fn exchange(a: &Path, b: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        rustix::fs::renameat_with(
            rustix::fs::CWD,
            a,
            rustix::fs::CWD,
            b,
            rustix::fs::RenameFlags::EXCHANGE,
        )
        .is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        false
    }
}

/// Writes `files` into a staging folder next to `out`, then swaps it in (see [`Staging`]).
#[cfg(test)]
pub(crate) fn write_atomically(
    out: &Path,
    files: &[OutputFile],
    build_id: &str,
) -> std::io::Result<()> {
    Staging::prepare(out)?.finish(files, build_id)
}

/// The manifest's first line names the build that wrote the folder, which ties the folder
/// to that build's record.
const BUILD_LINE: &str = "#build ";

/// The id of the build that wrote the output folder `out`, if Stele wrote it completely.
pub(crate) fn build_id_of(out: &Path) -> Option<String> {
    use std::io::BufRead;
    // Only the first line: the manifest of a large site is megabytes.
    let file = std::fs::File::open(out.join(MANIFEST)).ok()?;
    let mut first = String::new();
    std::io::BufReader::new(file).read_line(&mut first).ok()?;
    first
        .trim_end_matches('\n')
        .strip_prefix(BUILD_LINE)
        .map(str::to_string)
}

/// The manifest's second line: its lines carry each file's [`Stamp`]. A manifest without
/// it (an older Stele's) proves nothing about the files and is not used.
const STAMPS_LINE: &str = "#stamps size modified inode";

/// Starts the line of a folder's [`Stamp`]: `#folder size modified inode path`.
const FOLDER_LINE: &str = "#folder ";

/// Starts the line with the time the manifest was written, in nanoseconds since the epoch:
/// a folder modified just before it proves nothing (see [`verify`]).
const WRITTEN_LINE: &str = "#written ";

/// A tree's manifest as read: its text, and where each line's path and hash sit in it,
/// sorted by path. A large site's manifest has tens of thousands of lines; looking them up
/// in place spares copying each into a map.
pub(crate) struct Manifest {
    text: String,
    lines: Vec<ManifestLine>,
    /// Every folder holding a file of the tree, sorted by path; `hash` unused.
    folders: Vec<ManifestLine>,
    build_id: Option<std::ops::Range<usize>>,
    written: Option<u64>,
    /// Whether the recorded times show fractions of a second ([`verify::fine_times`]).
    fine: bool,
}

/// One file of a manifest: byte ranges of its path and hash in the text, and its stamp.
struct ManifestLine {
    path: std::ops::Range<usize>,
    hash: std::ops::Range<usize>,
    stamp: Option<Stamp>,
}

impl ManifestLine {
    /// `content` (at `start` of the text): `hash size modified inode path`, or for a folder
    /// `size modified inode path`, a stamp of `-` fields when none was known. The path may
    /// hold spaces. Read byte by byte: a large site's manifest has tens of thousands of
    /// lines, read before its tree can be checked.
    fn parse(content: &str, start: usize, with_hash: bool) -> Option<ManifestLine> {
        let bytes = content.as_bytes();
        let hash_len = if with_hash {
            memchr::memchr(b' ', bytes)?
        } else {
            0
        };
        let mut at = if with_hash { hash_len + 1 } else { 0 };
        let mut field = || -> Option<Option<u64>> {
            let (number, len) = stamp_number(bytes.get(at..)?)?;
            at += len + 1;
            Some(number)
        };
        let (size, modified, inode) = (field()?, field()?, field()?);
        let stamp = match (size, modified, inode) {
            (Some(size), Some(modified), Some(inode)) => Some(Stamp {
                size,
                modified,
                inode,
            }),
            _ => None,
        };
        Some(ManifestLine {
            path: start + at..start + content.len(),
            hash: start..start + hash_len,
            stamp,
        })
    }
}

/// The first field of `rest` (up to a space), read as one number of a stamp, and its
/// length; the number is `None` for `-` or anything else that is no number; `None` when no
/// space ends the field. Digits are added up as they are passed.
fn stamp_number(rest: &[u8]) -> Option<(Option<u64>, usize)> {
    let mut number: u64 = 0;
    let mut digits_only = true;
    let mut len = 0;
    loop {
        match *rest.get(len)? {
            b' ' => break,
            byte @ b'0'..=b'9' => {
                number = number.wrapping_mul(10).wrapping_add(u64::from(byte - b'0'))
            }
            _ => digits_only = false,
        }
        len += 1;
    }
    // Up to 19 digits cannot overflow; anything else (no stamp, a longer number) is rare
    // and read as Rust reads numbers.
    if digits_only && (1..=19).contains(&len) {
        return Some((Some(number), len));
    }
    let number = std::str::from_utf8(&rest[..len])
        .ok()
        .and_then(|text| text.parse().ok());
    Some((number, len))
}

impl Manifest {
    /// The manifest of `tree`, or `None` when it has none (a fresh folder, or one whose
    /// update was interrupted).
    pub(crate) fn read(tree: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(tree.join(MANIFEST)).ok()?;
        let mut lines = Vec::new();
        let mut folders = Vec::new();
        let mut build_id = None;
        let mut written = None;
        let mut stamped = false;
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches('\n');
            if let Some(id) = content.strip_prefix(BUILD_LINE) {
                let at = start + BUILD_LINE.len();
                build_id = Some(at..at + id.len());
            } else if content == STAMPS_LINE {
                stamped = true;
            } else if let Some(time) = content.strip_prefix(WRITTEN_LINE) {
                written = Some(time.parse().ok()?);
            } else if let Some(folder) = content.strip_prefix(FOLDER_LINE) {
                let at = start + FOLDER_LINE.len();
                folders.push(ManifestLine::parse(folder, at, false)?);
            } else if !content.starts_with('#') {
                lines.push(ManifestLine::parse(content, start, true)?);
            }
            start += line.len();
        }
        if !stamped {
            return None;
        }
        for list in [&mut lines, &mut folders] {
            if !list.is_sorted_by(|a, b| text[a.path.clone()] <= text[b.path.clone()]) {
                list.sort_by(|a, b| text[a.path.clone()].cmp(&text[b.path.clone()]));
            }
        }
        let fine = verify::fine_times(
            folders
                .iter()
                .chain(&lines)
                .filter_map(|line| line.stamp.as_ref()),
        );
        Some(Manifest {
            text,
            lines,
            folders,
            build_id,
            written,
            fine,
        })
    }

    /// The path, hash and stamp of the file at `index` (in path order).
    fn line(&self, index: usize) -> (&str, &str, Option<Stamp>) {
        let line = &self.lines[index];
        (
            &self.text[line.path.clone()],
            &self.text[line.hash.clone()],
            line.stamp,
        )
    }

    /// The path and stamp of the folder at `index` (in path order).
    fn folder(&self, index: usize) -> (&str, Option<Stamp>) {
        let line = &self.folders[index];
        (&self.text[line.path.clone()], line.stamp)
    }

    /// Takes the tree as verified whole at `nanos` since the epoch (a check that found it
    /// intact started then): a folder whose stamp is a tick older than that and
    /// unchanged is proven by its stamp, as if the manifest had been written then. Any
    /// entry added or removed since that check changed the folder's stamp.
    pub(crate) fn assume_verified_at(&mut self, nanos: u64) {
        self.written = Some(self.written.map_or(nanos, |written| written.max(nanos)));
    }

    /// Whether a check started at `nanos` proves by their stamps folders the manifest's own
    /// writing time does not (see [`Self::assume_verified_at`]).
    fn settles_at(&self, nanos: u64) -> bool {
        let proven_at = |time: u64, folder: &ManifestLine| {
            folder
                .stamp
                .is_some_and(|stamp| verify::settled_by(&stamp, time, self.fine))
        };
        self.folders.iter().any(|folder| {
            proven_at(nanos, folder)
                && !self
                    .written
                    .is_some_and(|written| proven_at(written, folder))
        })
    }

    /// Where `path` is among the files.
    fn index_of(&self, path: &str) -> Option<usize> {
        self.lines
            .binary_search_by(|line| self.text[line.path.clone()].cmp(path))
            .ok()
    }

    /// Where each of `paths` is among the files (with `folders`, among the folders). Paths
    /// given in path order, as a build's are, are found in one walk along the manifest;
    /// any other is searched for.
    fn positions<'p>(
        &self,
        folders: bool,
        paths: impl Iterator<Item = &'p str>,
    ) -> Vec<Option<usize>> {
        let list = if folders { &self.folders } else { &self.lines };
        let path_of = |line: &ManifestLine| &self.text[line.path.clone()];
        let mut next = 0;
        paths
            .map(|path| {
                let at = if list.get(next).is_some_and(|line| path_of(line) == path) {
                    Some(next)
                } else {
                    list.binary_search_by(|line| path_of(line).cmp(path)).ok()
                };
                if let Some(at) = at {
                    next = at + 1;
                }
                at
            })
            .collect()
    }

    /// Where `path` is among the folders.
    fn folder_index(&self, path: &str) -> Option<usize> {
        self.folders
            .binary_search_by(|line| self.text[line.path.clone()].cmp(path))
            .ok()
    }

    /// The id of the build that wrote the tree.
    pub(crate) fn build_id(&self) -> Option<&str> {
        self.build_id.clone().map(|range| &self.text[range])
    }

    /// Every file with its hash, sorted by path.
    pub(crate) fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.lines
            .iter()
            .map(|line| (&self.text[line.path.clone()], &self.text[line.hash.clone()]))
    }

    pub(crate) fn hash_of(&self, path: &str) -> Option<&str> {
        self.entry(path).map(|(hash, _)| hash)
    }

    /// Whether some file the manifest lists is inside the folder `folder`.
    fn holds_folder(&self, folder: &str) -> bool {
        let prefix = format!("{folder}/");
        let at = self
            .lines
            .partition_point(|line| self.text[line.path.clone()] < *prefix.as_str());
        self.lines
            .get(at)
            .is_some_and(|line| self.text[line.path.clone()].starts_with(&prefix))
    }

    /// The hash and stamp recorded for `path`.
    fn entry(&self, path: &str) -> Option<(&str, Option<Stamp>)> {
        let (_, hash, stamp) = self.line(self.index_of(path)?);
        Some((hash, stamp))
    }
}

/// Every folder holding a file of `files` (sorted by path), sorted, the root left out.
fn folders_of(files: &[OutputFile]) -> Vec<&str> {
    let mut folders: Vec<&str> = Vec::new();
    for file in files {
        for (cut, _) in file.path.match_indices('/') {
            folders.push(&file.path[..cut]);
        }
    }
    folders.sort_unstable();
    folders.dedup();
    folders
}

/// Removes everything of the staging tree that the new build does not have, as its
/// manifest `known` and the `check` against it tell, without walking the tree (the check
/// removed what the manifest does not list): the files it lists that `files` do not have,
/// folders where a file of `files` goes, and folders left without a file of `files`
/// (`folders`).
/// The paths removed, relative to the tree.
fn remove_unlisted(
    tree: &Path,
    known: &Manifest,
    files: &[OutputFile],
    folders: &[&str],
) -> std::io::Result<Vec<String>> {
    // Both lists sorted (the build sorts its files; the manifest's are read sorted): one
    // merge instead of a set of tens of thousands of paths.
    let mut wanted: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    if !wanted.is_sorted() {
        wanted.sort_unstable();
    }
    let removed = std::sync::Mutex::new(Vec::new());
    let remove = |path: &Path| -> std::io::Result<()> {
        let target = tree.join(path);
        let result = match std::fs::symlink_metadata(&target) {
            Ok(metadata) if metadata.is_dir() => std::fs::remove_dir_all(&target),
            Ok(_) => std::fs::remove_file(&target),
            Err(error) => Err(error),
        };
        match result {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(with_path(error, "cannot remove", &target))
            }
            _ => {
                removed
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(slash_path(path));
                Ok(())
            }
        }
    };
    let unwanted: Vec<&str> = sorted_split(known.files().map(|(path, _)| path), &wanted)
        .1
        .into_iter()
        .filter(|path| *path != MANIFEST)
        .chain(
            sorted_split(
                (0..known.folders.len()).map(|index| known.folder(index).0),
                &wanted,
            )
            .0,
        )
        .collect();
    unwanted
        .par_iter()
        .try_for_each(|path| remove(Path::new(path)))?;
    // Deepest first, so that a folder's emptied folders are gone before it; one that still
    // holds something stays.
    let mut removed = removed
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let left = sorted_split(
        (0..known.folders.len()).map(|index| known.folder(index).0),
        folders,
    )
    .1;
    for folder in left.into_iter().rev() {
        if std::fs::remove_dir(tree.join(folder)).is_ok() {
            removed.push(folder.to_string());
        }
    }
    Ok(removed)
}

/// `paths` (sorted) split into those `sorted` holds and those it does not, each in order:
/// one pass over both lists.
fn sorted_split<'a>(
    paths: impl Iterator<Item = &'a str>,
    sorted: &[&str],
) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut held, mut others) = (Vec::new(), Vec::new());
    let mut at = 0;
    for path in paths {
        while sorted.get(at).is_some_and(|candidate| *candidate < path) {
            at += 1;
        }
        if sorted.get(at) == Some(&path) {
            held.push(path);
        } else {
            others.push(path);
        }
    }
    (held, others)
}

/// Removes everything of the staging tree that the new build does not have: files an older
/// build wrote, and files or folders put there by hand, which no manifest lists, so the
/// tree is walked rather than its manifest trusted. Folders left empty go too.
fn remove_others(tree: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    let wanted: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut folders = Vec::new();
    let mut walk = walkdir::WalkDir::new(tree).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(tree).to_path_buf();
            with_path(std::io::Error::other(error), "cannot read", &path)
        })?;
        let Ok(relative) = entry.path().strip_prefix(tree) else {
            continue;
        };
        let path = slash_path(relative);
        if path == MANIFEST {
            continue;
        }
        if entry.file_type().is_dir() {
            if wanted.contains(path.as_str()) {
                // A folder where this build writes a file.
                walk.skip_current_dir();
                std::fs::remove_dir_all(entry.path())
                    .map_err(|error| with_path(error, "cannot remove", entry.path()))?;
            } else {
                folders.push(entry.path().to_path_buf());
            }
        } else if !wanted.contains(path.as_str()) {
            match std::fs::remove_file(entry.path()) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                    return Err(with_path(error, "cannot remove", entry.path()));
                }
                _ => {}
            }
        }
    }
    // The walk lists a folder before what it holds: backwards, the deepest come first, and
    // a folder that still holds something stays.
    for folder in folders.iter().rev() {
        let _ = std::fs::remove_dir(folder);
    }
    Ok(())
}

/// Staging folders of older Stele versions, or of a build killed while it prepared its own,
/// are garbage; the output itself was never touched.
fn remove_stale(parent: &Path, name: &str) {
    let prefixes = [
        format!(".{name}.stele-staging-"),
        format!(".{name}.stele-old-"),
    ];
    if let Ok(entries) = std::fs::read_dir(parent) {
        for entry in entries.flatten() {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if prefixes.iter().any(|prefix| file_name.starts_with(prefix)) {
                // `remove_dir_all` removes a link as a link, never what it leads to.
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Makes every folder the files at `paths` need, ancestors included, by depth: a level can
/// only be made once the one above it exists, but the folders of one level are independent.
/// A site has a folder per page, and made one by one they are a large part of writing.
fn make_folders<'a>(root: &Path, paths: impl Iterator<Item = &'a str>) -> std::io::Result<()> {
    let mut levels: Vec<std::collections::BTreeSet<&str>> = Vec::new();
    for path in paths {
        for (depth, (cut, _)) in path.match_indices('/').enumerate() {
            if levels.len() <= depth {
                levels.push(std::collections::BTreeSet::new());
            }
            levels[depth].insert(&path[..cut]);
        }
    }
    for level in &levels {
        let level: Vec<&str> = level.iter().copied().collect();
        level
            .par_iter()
            .try_for_each(|folder| make_folder(&root.join(folder)))?;
    }
    Ok(())
}

/// `create_dir` that accepts a folder already there, as `create_dir_all` would; its
/// parent exists, so the walk up `create_dir_all` might do is not needed.
fn make_folder(folder: &Path) -> std::io::Result<()> {
    match std::fs::create_dir(folder) {
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && folder.is_dir() => {
            Ok(())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sorted_split_is_the_set_membership_of_each_path() {
        let sorted = ["a", "a/b", "b", "b/c/d", "c"];
        let paths = ["", "a", "a/a", "a/b", "a/c", "b/c/d", "c", "d"];
        let (held, others) = sorted_split(paths.iter().copied(), &sorted);
        assert_eq!(held, ["a", "a/b", "b/c/d", "c"]);
        assert_eq!(others, ["", "a/a", "a/c", "d"]);
        assert_eq!(sorted_split(paths.iter().copied(), &[]).1, paths);
    }
    use crate::util::digest::content_hash;

    #[test]
    fn escaped_values_cannot_leave_text_attributes_or_xml() {
        let hostile = "a&b<c>d\"e'f</loc><script>x</script>";
        let escaped = escape(hostile);
        assert_eq!(
            escaped,
            "a&amp;b&lt;c&gt;d&quot;e&#39;f&lt;/loc&gt;&lt;script&gt;x&lt;/script&gt;"
        );
        assert!(!escaped.contains(['<', '>', '"', '\'']));
        // Every reference it writes is one XML knows too (no named HTML-only entities).
        for reference in escaped.split('&').skip(1) {
            let name = reference.split(';').next().unwrap_or_default();
            assert!(["amp", "lt", "gt", "quot", "#39"].contains(&name), "{name}");
        }
        let json = json_string("</script><!--\u{2028}");
        assert!(!json.contains("</") && !json.contains("<!--"), "{json}");
    }

    #[test]
    fn stamp_numbers_read_as_rust_reads_numbers() {
        for field in [
            "0",
            "7",
            "1764000000123456789",
            "9999999999999999999",
            "18446744073709551615",
            "18446744073709551616",
            "-",
            "",
            "+5",
            "12a",
            "007",
        ] {
            assert_eq!(
                stamp_number(format!("{field} rest").as_bytes()),
                Some((field.parse::<u64>().ok(), field.len())),
                "{field:?}"
            );
            assert_eq!(
                stamp_number(field.as_bytes()),
                None,
                "{field:?} without a space"
            );
        }
    }

    #[test]
    fn a_manifest_is_looked_up_in_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(MANIFEST),
            "#build abc123\n#stamps size modified inode\n#written 9\n#folder 4 5 6 en\nh2 1 2 7 nl/index.html\nh1 3 4 8 en/index.html\nh3 - - - en/a b/index.html\n",
        )
        .unwrap();
        let manifest = Manifest::read(dir.path()).unwrap();
        assert_eq!(
            manifest.entry("en/index.html"),
            Some((
                "h1",
                Some(Stamp {
                    size: 3,
                    modified: 4,
                    inode: 8
                })
            ))
        );
        assert_eq!(manifest.entry("en/a b/index.html"), Some(("h3", None)));
        assert_eq!(manifest.build_id(), Some("abc123"));
        assert_eq!(manifest.written, Some(9));
        assert_eq!(manifest.folder_index("en"), Some(0));
        assert_eq!(
            manifest.folder(0),
            (
                "en",
                Some(Stamp {
                    size: 4,
                    modified: 5,
                    inode: 6
                })
            )
        );
        assert_eq!(manifest.hash_of("en/a b/index.html"), Some("h3"));
        assert_eq!(manifest.hash_of("en/missing.html"), None);
        let paths: Vec<&str> = manifest.files().map(|(path, _)| path).collect();
        assert_eq!(
            paths,
            ["en/a b/index.html", "en/index.html", "nl/index.html"]
        );
        assert!(Manifest::read(&dir.path().join("nothing")).is_none());
        // A manifest of an older Stele, without stamps or inodes, proves nothing.
        std::fs::write(dir.path().join(MANIFEST), "#build abc\nh1 en/index.html\n").unwrap();
        assert!(Manifest::read(dir.path()).is_none());
        std::fs::write(
            dir.path().join(MANIFEST),
            "#build abc\n#stamps\nh1 3 4 en/index.html\n",
        )
        .unwrap();
        assert!(Manifest::read(dir.path()).is_none());
    }

    /// Appends to a file in place, as an editor or a script might, keeping its inode (and
    /// so every hard link to it).
    fn edit_in_place(path: &Path, text: &str) {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
        file.write_all(text.as_bytes()).unwrap();
    }

    #[test]
    fn a_file_edited_in_the_output_is_not_carried() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let hash = content_hash(b"1");
        let carried = [OutputFile::carried("a/index.html".into(), hash.clone())];
        write_outputs(&out, &[output("a/index.html", "1")]);
        write_atomically(&out, &carried, "two").unwrap();
        // Both trees now share the file through a hard link; an edit reaches both.
        edit_in_place(&out.join("a/index.html"), "<script>");
        let refused = write_atomically(&out, &carried, "three").unwrap_err();
        assert!(
            refused
                .get_ref()
                .is_some_and(|e| e.is::<CarriedFileMissing>()),
            "{refused}"
        );
        // The build then writes the file again, and both trees hold the right bytes.
        write_outputs(&out, &[output("a/index.html", "1")]);
        assert_eq!(tree(&out), [("a/index.html".into(), "1".into())]);
        write_outputs(&out, &[output("a/index.html", "1")]);
        assert_eq!(tree(&out), [("a/index.html".into(), "1".into())]);
        let previous = dir.path().join(".public.stele-previous");
        assert_eq!(tree(&previous), [("a/index.html".into(), "1".into())]);
    }

    #[test]
    fn a_touched_file_with_the_same_bytes_is_still_carried() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_outputs(&out, &[output("a.html", "same")]);
        let file = std::fs::File::options()
            .write(true)
            .open(out.join("a.html"))
            .unwrap();
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(7))
            .unwrap();
        let hash = content_hash(b"same");
        let carried = [OutputFile::carried("a.html".into(), hash.clone())];
        write_atomically(&out, &carried, "carried").unwrap();
        assert_eq!(tree(&out), [("a.html".into(), "same".into())]);
    }

    #[test]
    fn a_file_edited_in_the_previous_tree_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_outputs(&out, &[output("a.html", "1"), output("b.html", "2")]);
        write_outputs(&out, &[output("a.html", "1"), output("b.html", "3")]);
        let previous = dir.path().join(".public.stele-previous");
        // Replaced, not edited through a link: only the previous tree changes.
        std::fs::remove_file(previous.join("a.html")).unwrap();
        std::fs::write(previous.join("a.html"), "X").unwrap();
        write_outputs(&out, &[output("a.html", "1"), output("b.html", "3")]);
        assert_eq!(
            tree(&out),
            [("a.html".into(), "1".into()), ("b.html".into(), "3".into())]
        );
    }

    #[test]
    fn the_lock_is_exclusive_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let held = lock_output(&out, || panic!("nobody holds it yet")).unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        let waiter = {
            let out = out.clone();
            std::thread::spawn(move || {
                let waited = std::sync::atomic::AtomicBool::new(false);
                let lock = lock_output(&out, || {
                    waited.store(true, std::sync::atomic::Ordering::SeqCst);
                    sender.send(()).unwrap();
                })
                .unwrap();
                drop(lock);
                waited.into_inner()
            })
        };
        // The second taker reports that it waits, and gets the lock once the first lets go.
        receiver.recv().unwrap();
        drop(held);
        assert!(waiter.join().unwrap());
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        assert!(check_output_folder(&site, &site).is_err());
        assert!(check_output_folder(&site, dir.path()).is_err());
        assert!(check_output_folder(&site, Path::new("/")).is_err());
        assert!(check_output_folder(&site, &site.join("content")).is_err());
        assert!(check_output_folder(&site, &site.join("content/x/..")).is_err());
        assert!(check_output_folder(&site, &site.join("public")).is_ok());
        // Through links, into the site's sources, also below folders not made yet.
        #[cfg(unix)]
        {
            let link = dir.path().join("out-link");
            std::os::unix::fs::symlink(site.join("content"), &link).unwrap();
            assert!(check_output_folder(&site, &link).is_err());
            assert!(check_output_folder(&site, &link.join("new/public")).is_err());
            let up = dir.path().join("up-link");
            std::os::unix::fs::symlink(&site, &up).unwrap();
            assert!(check_output_folder(&site, &up).is_err());
            assert!(check_output_folder(&site, &up.join("themes/x")).is_err());
            assert!(check_output_folder(&site, &up.join("public")).is_ok());
        }
        let foreign = dir.path().join("docs");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("thesis.txt"), "precious").unwrap();
        assert!(check_output_folder(&site, &foreign).is_err());
    }

    #[test]
    fn swaps_in_a_complete_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = vec![output("a/index.html", "one")];
        write_outputs(&out, &first);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        let second = vec![output("b.html", "two")];
        write_outputs(&out, &second);
        assert!(!out.join("a").exists());
        assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"two");
        let mut siblings: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        siblings.sort();
        assert_eq!(siblings, vec![".public.stele-previous", "public"]);
    }

    fn write_outputs(out: &Path, outputs: &[OutputFile]) {
        write_atomically(out, outputs, "test").unwrap();
    }

    fn output(path: &str, bytes: &str) -> OutputFile {
        OutputFile::new(path.into(), bytes.as_bytes().to_vec())
    }

    /// What [`tree`] finds after `outputs` are written.
    fn texts(outputs: &[OutputFile]) -> Vec<(String, String)> {
        outputs
            .iter()
            .map(|o| {
                let bytes = o.content.bytes().unwrap().to_vec();
                (o.path.clone(), String::from_utf8(bytes).unwrap())
            })
            .collect()
    }

    fn tree(root: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    crate::load::discover::slash_path(e.path().strip_prefix(root).unwrap()),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .filter(|(path, _)| path != MANIFEST)
            .collect();
        files.sort();
        files
    }

    #[test]
    fn later_builds_rewrite_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let one = vec![
            output("a/index.html", "a1"),
            output("b/index.html", "b1"),
            output("c/d", "d"),
        ];
        let two = vec![
            output("a/index.html", "a2"),
            output("b/index.html", "b1"),
            output("c/d/index.html", "d2"),
        ];
        let three = vec![output("a/index.html", "a2"), output("b/index.html", "b3")];
        for (round, outputs) in [&one, &two, &three, &one, &three, &two]
            .into_iter()
            .enumerate()
        {
            write_outputs(&out, outputs);
            assert_eq!(tree(&out), texts(outputs), "round {round}");
        }
        // An unchanged file is not written again: it keeps its modification time.
        let before = std::fs::metadata(out.join("b/index.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_outputs(&out, &two);
        write_outputs(&out, &two);
        let after = std::fs::metadata(out.join("b/index.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
    }

    /// Carried files are hard links into the live output; writing a new version into the
    /// other tree must replace its link, never write through it into the live copy.
    #[test]
    fn carried_files_share_nothing_once_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_outputs(&out, &[output("a/index.html", "1")]);
        let hash = content_hash(b"1");
        let carried = [OutputFile::carried("a/index.html".into(), hash.clone())];
        write_atomically(&out, &carried, "carried").unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "1"
        );
        write_outputs(&out, &[output("a/index.html", "2")]);
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "2"
        );
        let previous = dir.path().join(".public.stele-previous/a/index.html");
        assert_eq!(std::fs::read_to_string(previous).unwrap(), "1");
        // A carried file the output does not have cannot be carried.
        let lost = write_atomically(&dir.path().join("other"), &carried, "lost").unwrap_err();
        assert!(
            lost.get_ref().is_some_and(|e| e.is::<CarriedFileMissing>()),
            "{lost}"
        );
    }

    /// Moves the time a tree's manifest says it was written an hour on, as if the build
    /// had finished long after its folders last changed: then their stamps prove them.
    fn settle(tree: &Path) {
        let text = std::fs::read_to_string(tree.join(MANIFEST)).unwrap();
        let line = text
            .lines()
            .find(|line| line.starts_with(WRITTEN_LINE))
            .unwrap()
            .to_string();
        let written: u64 = line[WRITTEN_LINE.len()..].parse().unwrap();
        let later = format!("{WRITTEN_LINE}{}", written + 3_600_000_000_000);
        std::fs::write(tree.join(MANIFEST), text.replace(&line, &later)).unwrap();
    }

    #[test]
    fn settled_trees_are_kept_exact_by_their_manifests() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let previous = dir.path().join(".public.stele-previous");
        let one = vec![
            output("a/index.html", "a1"),
            output("b/c/index.html", "c1"),
            output("d/index.html", "d1"),
        ];
        let two = vec![
            output("a/index.html", "a2"),
            output("b/c/index.html", "c1"),
            output("d", "d is a file now"),
        ];
        write_outputs(&out, &one);
        write_outputs(&out, &two);
        for (round, outputs) in [&one, &two, &one, &two].into_iter().enumerate() {
            settle(&out);
            settle(&previous);
            // Added by hand to the tree about to be the staging tree, in folders whose
            // stamps prove them unchanged otherwise.
            std::fs::write(previous.join("b/c/stray.js"), "stray").unwrap();
            std::fs::create_dir_all(previous.join("b/new/folder")).unwrap();
            write_outputs(&out, outputs);
            assert_eq!(tree(&out), texts(outputs), "round {round}");
            assert!(!out.join("b/new").exists(), "round {round}");
            let manifest = Manifest::read(&out).unwrap();
            assert!(
                verify::check_tree(&out, &manifest).intact(),
                "round {round}"
            );
        }
    }

    #[test]
    fn a_check_on_record_proves_the_folders_it_listed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_outputs(
            &out,
            &[output("a/index.html", "1"), output("b/c/index.html", "2")],
        );
        let manifest = Manifest::read(&out).unwrap();
        // Just written: every folder is listed, and a check now proves nothing more.
        assert_eq!(verify_tree_settling(&out, &manifest), (true, None));
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let (intact, at) = verify_tree_settling(&out, &manifest);
        assert!(intact);
        let at = at.expect("a tick on, the listed folders are settled");
        let mut noted = Manifest::read(&out).unwrap();
        noted.assume_verified_at(at);
        assert!(
            verify::check_tree(&out, &noted)
                .folders
                .iter()
                .all(Option::is_some)
        );
        assert_eq!(verify_tree_settling(&out, &noted), (true, None));
        // An earlier time takes back nothing.
        noted.assume_verified_at(1);
        assert!(!noted.settles_at(at));
        // An entry added since changes its folder's stamp: the folder is listed again.
        std::fs::write(out.join("b/c/stray.js"), "stray").unwrap();
        assert!(!verify_tree_settling(&out, &noted).0);
    }

    #[test]
    fn an_interrupted_swap_is_repaired() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_outputs(&out, &[output("x.html", "1")]);
        write_outputs(&out, &[output("x.html", "2")]);
        // As if killed between the two renames of a swap: the older tree has become the
        // staging folder, and the output has just been moved aside.
        let previous = dir.path().join(".public.stele-previous");
        std::fs::rename(&previous, dir.path().join(".public.stele-staging")).unwrap();
        std::fs::rename(&out, &previous).unwrap();
        write_outputs(&out, &[output("x.html", "3")]);
        assert_eq!(std::fs::read_to_string(out.join("x.html")).unwrap(), "3");
    }

    #[cfg(unix)]
    #[test]
    fn links_beside_the_output_are_refused_before_anything_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let victim = dir.path().join("victim");
        std::fs::create_dir_all(victim.join("deeper")).unwrap();
        std::fs::write(victim.join("deeper/keep"), "keep").unwrap();
        let out = site.join("public");
        for name in [
            ".public.stele-staging",
            ".public.stele-previous",
            ".public.stele-lock",
            "public",
        ] {
            std::fs::create_dir_all(&site).unwrap();
            let link = site.join(name);
            std::os::unix::fs::symlink(&victim, &link).unwrap();
            let refused = check_own_paths(&out, true).unwrap_err().0;
            assert!(refused.contains(name), "{refused}");
            assert!(refused.contains("symbolic link"), "{refused}");
            if name.contains("stele-staging") || name.contains("stele-previous") {
                let error = Staging::prepare(&out).err().unwrap();
                assert!(error.to_string().contains("symbolic link"), "{error}");
            }
            std::fs::remove_file(&link).unwrap();
            assert_eq!(
                std::fs::read_to_string(victim.join("deeper/keep")).unwrap(),
                "keep"
            );
        }
        // An `--out` typed as a link is the user's choice: judged where it leads instead.
        std::os::unix::fs::symlink(&victim, &out).unwrap();
        assert!(check_own_paths(&out, false).is_ok());
        std::fs::remove_file(&out).unwrap();
        // A file where a tree belongs is refused too; nothing there at all is fine.
        std::fs::write(site.join(".public.stele-previous"), "x").unwrap();
        let refused = check_own_paths(&out, true).unwrap_err().0;
        assert!(refused.contains("is not a folder"), "{refused}");
        std::fs::remove_file(site.join(".public.stele-previous")).unwrap();
        assert!(check_own_paths(&out, true).is_ok());
    }

    #[test]
    fn a_staging_tree_dropped_before_its_swap_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = dir.path().join(".public.stele-staging");
        let previous = dir.path().join(".public.stele-previous");
        // A first build that fails: its new, empty tree goes.
        drop(Staging::prepare(&out).unwrap());
        assert!(!staging.exists());
        write_outputs(&out, &[output("x.html", "1")]);
        write_outputs(&out, &[output("x.html", "2")]);
        assert!(previous.join(MANIFEST).is_file());
        // A later build that fails before writing: the previous tree goes back untouched.
        drop(Staging::prepare(&out).unwrap());
        assert!(!staging.exists());
        assert_eq!(
            std::fs::read_to_string(previous.join("x.html")).unwrap(),
            "1"
        );
        // One that fails after writing (its manifest is gone): the half-written tree goes.
        let prepared = Staging::prepare(&out).unwrap();
        prepared.forget_manifest().unwrap();
        drop(prepared);
        assert!(!staging.exists() && !previous.exists());
        write_outputs(&out, &[output("x.html", "3")]);
        assert_eq!(std::fs::read_to_string(out.join("x.html")).unwrap(), "3");
    }
}
