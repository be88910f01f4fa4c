//! Stage 5, write: the rendered pages plus what a site needs around them (language chooser,
//! 404 page, sitemap with hreflang alternates, static files) into a staging folder beside
//! `--out`, swapped in only when everything is written. A failed or killed build leaves
//! the previous output as it was.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub mod search;
pub mod status;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::discover::slash_path;
use crate::load::site::Site;
use crate::render::{self, Output};

/// Written into every output folder, so a later build knows the folder is its own to replace.
pub const MARKER: &str = ".stele-output";

/// The files around the pages: chooser (`themed_chooser` when the theme has one), 404
/// pages (see [`not_found_pages`]), sitemap, static assets.
pub fn site_files(
    site: &Site,
    themed_404: &[Output],
    themed_chooser: Option<&str>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let mut outputs = vec![
        Output {
            path: "index.html".to_string(),
            bytes: themed_chooser
                .map(str::to_string)
                .unwrap_or_else(|| chooser_html(site))
                .into_bytes(),
        },
        Output {
            path: "sitemap.xml".to_string(),
            bytes: sitemap_xml(site).into_bytes(),
        },
    ];
    outputs.extend(not_found_pages(site, themed_404));
    outputs.extend([Output {
        path: MARKER.to_string(),
        bytes: b"Built by stele; `stele build` replaces this folder as a whole.\n".to_vec(),
    }]);
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
            Ok(bytes) => outputs.push(Output { path, bytes }),
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
pub fn escape(text: &str) -> String {
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

/// `sitemap.xml` with an `xhtml:link` alternate per locale and `x-default`.
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
            let urls: Vec<String> = site
                .locales
                .list
                .iter()
                .map(|locale| escape(&render::absolute_url(site, &locale.tag, &page.slug)))
                .collect();
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
pub fn not_found_pages(site: &Site, themed: &[Output]) -> Vec<Output> {
    if themed.is_empty() {
        vec![Output {
            path: "404.html".to_string(),
            bytes: plain_not_found(site).into_bytes(),
        }]
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
pub struct RefusedOutput(pub String);

/// Refuses output folders a build would destroy something in: the site itself, a folder
/// that contains it, its source folders, or a non-empty folder Stele did not make.
pub fn check_output_folder(site_root: &Path, out: &Path) -> Result<(), RefusedOutput> {
    let site = absolute(site_root);
    let target = absolute(out);
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

/// Lexically absolute, with `.` and `..` resolved, so checks work before the folder exists.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let resolved = joined.canonicalize().unwrap_or(joined);
    let mut out = PathBuf::new();
    for component in resolved.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Inside every output tree: the hash of each file Stele wrote there, so the next build
/// into that tree rewrites only what changed.
pub const MANIFEST: &str = ".stele-manifest";

/// Where a file of a new output folder comes from.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    Bytes(&'a [u8]),
    /// Unchanged since the build that wrote the current output folder, whose copy it shares.
    Carried,
    /// Already written into the staging tree by [`Staging::stage`] while rendering.
    Staged,
}

/// One file of a new output folder.
#[derive(Debug, Clone, Copy)]
pub struct Planned<'a> {
    pub path: &'a str,
    pub hash: &'a str,
    pub content: Content<'a>,
}

/// A carried-over file was missing from the current output folder (someone deleted it):
/// the caller builds again without carrying anything.
#[derive(Debug)]
pub struct CarriedFileMissing(pub String);

impl std::fmt::Display for CarriedFileMissing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is missing from the output folder", self.0)
    }
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
/// Pages may be written while they render ([`Staging::stage`]), so a large site never holds
/// all of its pages in memory; the swap happens only in [`Staging::finish`], after every
/// check passed.
pub struct Staging {
    out: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    /// Path → hash of what the staging tree holds, when its manifest said so.
    known: Option<Manifest>,
    /// Whether the tree held anything: then files are replaced (unlinked, then written),
    /// never written into, because they may be hard links shared with the output.
    replace: bool,
    unmanifested: std::sync::Once,
}

impl Staging {
    /// Readies the staging tree for the output folder `out`.
    pub fn prepare(out: &Path) -> std::io::Result<Staging> {
        let out = absolute(out);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        let staging = parent.join(format!(".{name}.stele-staging"));
        let previous = parent.join(format!(".{name}.stele-previous"));
        remove_stale(&parent, &name);
        // A swap interrupted between its two renames left the output only as `previous`.
        if !out.exists() && previous.join(MANIFEST).is_file() {
            std::fs::rename(&previous, &out)?;
        }
        if previous.is_dir() {
            if staging.exists() {
                std::fs::remove_dir_all(&staging)?;
            }
            std::fs::rename(&previous, &staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        let known = Manifest::read(&staging);
        let replace = std::fs::read_dir(&staging)?.next().is_some();
        Ok(Staging {
            out,
            staging,
            previous,
            known,
            replace,
            unmanifested: std::sync::Once::new(),
        })
    }

    /// The bytes of an output file of this build that are not in memory: from the staging
    /// tree when the build `staged` it there, else from the output, which it is carried from.
    pub fn read(&self, path: &str, staged: bool) -> std::io::Result<Vec<u8>> {
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
    pub fn stage(&self, path: &str, hash: &str, bytes: &[u8]) -> std::io::Result<bool> {
        if self.holds(path, hash) {
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
        match std::fs::write(&target, bytes) {
            Ok(()) => Ok(true),
            // Its folder is not there yet ([`Staging::make_folders`] made the others).
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                match target.parent().map(std::fs::create_dir_all) {
                    Some(Ok(())) => std::fs::write(&target, bytes).map(|()| true),
                    _ => Ok(false),
                }
            }
            Err(_) => Ok(false),
        }
    }

    /// Makes the folders of the files about to be staged, level by level in parallel. A
    /// folder that cannot be made now (a file stands there) is left to [`Staging::finish`].
    pub fn make_folders<'a>(&self, paths: impl Iterator<Item = &'a str>) {
        let _ = make_folders(&self.staging, paths);
    }

    fn holds(&self, path: &str, hash: &str) -> bool {
        self.known
            .as_ref()
            .and_then(|known| known.hash_of(path))
            .is_some_and(|known| known == hash)
    }

    /// Writes the rest of `files`, removes what the new output does not have, writes the
    /// manifest naming `build_id`, and swaps the tree in.
    pub fn finish(self, files: &[Planned], build_id: &str) -> std::io::Result<()> {
        let changed: Vec<&Planned> = files
            .iter()
            .filter(|file| !matches!(file.content, Content::Staged))
            .filter(|file| !self.holds(file.path, file.hash))
            .collect();
        self.forget_manifest()?;
        // Removing first frees names a new build may need as folders (a page that became a
        // section: `a/b` the file, then `a/b/index.html`). A tree that was empty holds only
        // what this build staged, all of it wanted.
        if self.replace {
            remove_others(&self.staging, files, self.known.as_ref())?;
        }
        write_all(&self.staging, &self.out, &changed, self.replace)?;
        // Streamed: on a large site the manifest is megabytes, and fresh memory costs time.
        let mut manifest =
            std::io::BufWriter::new(std::fs::File::create(self.staging.join(MANIFEST))?);
        use std::io::Write;
        writeln!(manifest, "{BUILD_LINE}{build_id}")?;
        for file in files {
            writeln!(manifest, "{} {}", file.hash, file.path)?;
        }
        manifest.into_inner().map_err(|e| e.into_error())?;
        if self.out.exists() {
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
}

/// Writes `files` into a staging folder next to `out`, then swaps it in (see [`Staging`]).
pub fn write_atomically(out: &Path, files: &[Planned], build_id: &str) -> std::io::Result<()> {
    Staging::prepare(out)?.finish(files, build_id)
}

/// The manifest's first line names the build that wrote the folder, which ties the folder
/// to that build's record.
const BUILD_LINE: &str = "#build ";

/// The id of the build that wrote the output folder `out`, if Stele wrote it completely.
pub fn build_id_of(out: &Path) -> Option<String> {
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

/// A tree's manifest as read: its text, and where each line's path and hash sit in it,
/// sorted by path. A large site's manifest has tens of thousands of lines; looking them up
/// in place spares copying each into a map.
pub struct Manifest {
    text: String,
    /// Byte ranges of (path, hash) in `text`.
    lines: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
    build_id: Option<std::ops::Range<usize>>,
}

impl Manifest {
    /// The manifest of `tree`, or `None` when it has none (a fresh folder, or one whose
    /// update was interrupted).
    pub fn read(tree: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(tree.join(MANIFEST)).ok()?;
        let mut lines = Vec::new();
        let mut build_id = None;
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches('\n');
            if let Some(id) = content.strip_prefix(BUILD_LINE) {
                let at = start + BUILD_LINE.len();
                build_id = Some(at..at + id.len());
            } else if !content.starts_with('#')
                && let Some(space) = content.find(' ')
            {
                lines.push((
                    start + space + 1..start + content.len(),
                    start..start + space,
                ));
            }
            start += line.len();
        }
        if !lines.is_sorted_by(|a, b| text[a.0.clone()] <= text[b.0.clone()]) {
            lines.sort_by(|a, b| text[a.0.clone()].cmp(&text[b.0.clone()]));
        }
        Some(Manifest {
            text,
            lines,
            build_id,
        })
    }

    /// The id of the build that wrote the tree.
    pub fn build_id(&self) -> Option<&str> {
        self.build_id.clone().map(|range| &self.text[range])
    }

    /// Every file with its hash, sorted by path.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.lines
            .iter()
            .map(|(path, hash)| (&self.text[path.clone()], &self.text[hash.clone()]))
    }

    pub fn hash_of(&self, path: &str) -> Option<&str> {
        let at = self
            .lines
            .binary_search_by(|(known, _)| self.text[known.clone()].cmp(path))
            .ok()?;
        Some(&self.text[self.lines[at].1.clone()])
    }
}

/// Removes files of the staging tree that the new build does not have, and the folders
/// that leaves empty. Without a manifest, every file is looked at.
fn remove_others(tree: &Path, files: &[Planned], known: Option<&Manifest>) -> std::io::Result<()> {
    let candidates: Vec<String> = match known {
        Some(known) => {
            // Both lists are sorted by path as a rule: walk them side by side.
            if files.is_sorted_by(|a, b| a.path <= b.path) {
                let mut wanted = files.iter().map(|f| f.path).peekable();
                known
                    .files()
                    .map(|(path, _)| path)
                    .filter(|path| {
                        while wanted.next_if(|want| want < path).is_some() {}
                        wanted.peek() != Some(path)
                    })
                    .map(str::to_string)
                    .collect()
            } else {
                let wanted: std::collections::HashSet<&str> =
                    files.iter().map(|f| f.path).collect();
                known
                    .files()
                    .map(|(path, _)| path)
                    .filter(|path| !wanted.contains(path))
                    .map(str::to_string)
                    .collect()
            }
        }
        None => {
            let wanted: std::collections::HashSet<&str> = files.iter().map(|f| f.path).collect();
            walkdir::WalkDir::new(tree)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|entry| !entry.file_type().is_dir())
                .filter_map(|entry| {
                    entry
                        .path()
                        .strip_prefix(tree)
                        .ok()
                        .map(crate::load::discover::slash_path)
                })
                .filter(|path| !wanted.contains(path.as_str()))
                .collect()
        }
    };
    let mut emptied = std::collections::BTreeSet::new();
    for path in candidates {
        if path == MANIFEST {
            continue;
        }
        match std::fs::remove_file(tree.join(&path)) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
        let mut folder = Path::new(&path).parent();
        while let Some(dir) = folder.filter(|d| !d.as_os_str().is_empty()) {
            emptied.insert(tree.join(dir));
            folder = dir.parent();
        }
    }
    // Deepest first; a folder that still holds something stays.
    for folder in emptied.iter().rev() {
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
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

fn write_all(
    root: &Path,
    current: &Path,
    files: &[&Planned],
    replace: bool,
) -> std::io::Result<()> {
    make_folders(root, files.iter().map(|file| file.path))?;
    files.par_iter().try_for_each(|file| {
        let target = root.join(file.path);
        if replace {
            match std::fs::remove_file(&target) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
                _ => {}
            }
        }
        match file.content {
            Content::Bytes(bytes) => std::fs::write(&target, bytes),
            Content::Staged => Ok(()),
            Content::Carried => {
                let source = current.join(file.path);
                if std::fs::hard_link(&source, &target).is_ok() {
                    return Ok(());
                }
                match std::fs::copy(&source, &target) {
                    Ok(_) => Ok(()),
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(
                        std::io::Error::other(CarriedFileMissing(file.path.to_string())),
                    ),
                    Err(error) => Err(error),
                }
            }
        }
    })
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
    fn a_manifest_is_looked_up_in_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(MANIFEST),
            "#build abc123\nh2 nl/index.html\nh1 en/index.html\nh3 en/a b/index.html\n",
        )
        .unwrap();
        let manifest = Manifest::read(dir.path()).unwrap();
        assert_eq!(manifest.build_id(), Some("abc123"));
        assert_eq!(manifest.hash_of("en/a b/index.html"), Some("h3"));
        assert_eq!(manifest.hash_of("en/missing.html"), None);
        let paths: Vec<&str> = manifest.files().map(|(path, _)| path).collect();
        assert_eq!(
            paths,
            ["en/a b/index.html", "en/index.html", "nl/index.html"]
        );
        assert!(Manifest::read(&dir.path().join("nothing")).is_none());
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
        let foreign = dir.path().join("docs");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("thesis.txt"), "precious").unwrap();
        assert!(check_output_folder(&site, &foreign).is_err());
    }

    #[test]
    fn swaps_in_a_complete_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = vec![Output {
            path: "a/index.html".into(),
            bytes: b"one".to_vec(),
        }];
        write_outputs(&out, &first);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        let second = vec![Output {
            path: "b.html".into(),
            bytes: b"two".to_vec(),
        }];
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

    fn write_outputs(out: &Path, outputs: &[Output]) {
        let hashes: Vec<String> = outputs.iter().map(|o| content_hash(&o.bytes)).collect();
        let planned: Vec<Planned> = outputs
            .iter()
            .zip(&hashes)
            .map(|(o, hash)| Planned {
                path: &o.path,
                hash,
                content: Content::Bytes(&o.bytes),
            })
            .collect();
        write_atomically(out, &planned, "test").unwrap();
    }

    fn output(path: &str, bytes: &str) -> Output {
        Output {
            path: path.into(),
            bytes: bytes.as_bytes().to_vec(),
        }
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
            let expected: Vec<(String, String)> = outputs
                .iter()
                .map(|o| (o.path.clone(), String::from_utf8(o.bytes.clone()).unwrap()))
                .collect();
            assert_eq!(tree(&out), expected, "round {round}");
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
        let carried = [Planned {
            path: "a/index.html",
            hash: &hash,
            content: Content::Carried,
        }];
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
}
