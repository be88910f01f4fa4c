//! Stage 1, discover: find a site's files by kind, in a stable order, without following
//! anything that leads out of the site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic};

/// Every input file of a site, as paths relative to the site root, sorted.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct SourceFiles {
    pub(crate) data: Vec<PathBuf>,
    pub(crate) pages: Vec<PathBuf>,
    /// Locale folder name → its `.ftl` files.
    pub(crate) locales: BTreeMap<String, Vec<PathBuf>>,
    /// The glossaries and rules files of the locale folders (translation QA).
    #[serde(default)]
    pub(crate) qa: Vec<PathBuf>,
    pub(crate) templates: Vec<PathBuf>,
    pub(crate) statics: Vec<PathBuf>,
    /// Every folder discover looked in (or whose entries decide what it looks in): a file
    /// added, removed or renamed in any of them changes the folder's modification time.
    pub(crate) folders: Vec<PathBuf>,
}

pub(crate) const CONFIG_FILE: &str = "content/site.yaml";
pub(crate) const DATA_DIR: &str = "content/data";
pub(crate) const PAGES_DIR: &str = "content/pages";
pub(crate) const LOCALES_DIR: &str = "locales";
pub(crate) const THEMES_DIR: &str = "themes";
/// The site's own files for the output root (robots.txt, favicon.ico, CNAME, images).
pub(crate) const SITE_STATIC_DIR: &str = "static";
/// The site's own templates, each replacing the theme's of the same name.
pub(crate) const SITE_TEMPLATES_DIR: &str = "templates";
/// A locale folder's QA files beside its `.ftl` files (see `load/locale_qa.rs`).
pub(crate) const GLOSSARY_FILE: &str = "glossary.yaml";
pub(crate) const RULES_FILE: &str = "rules.yaml";

/// Finds the files of the site at `root` with theme `theme`. Problems (unreadable folders,
/// links that leave the site, a missing theme) come back as diagnostics beside what was found.
pub(crate) fn discover(root: &Path, theme: &str) -> (SourceFiles, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let canonical_root = match root.canonicalize() {
        Ok(path) => path,
        Err(error) => {
            problems.push(Diagnostic::error(
                Code::IoError,
                root,
                format!("cannot open the site folder: {error}"),
            ));
            return (SourceFiles::default(), problems);
        }
    };
    let walker = Walker {
        root,
        canonical_root: &canonical_root,
        folders: std::cell::RefCell::new(Vec::new()),
        refused: std::cell::RefCell::default(),
    };
    let mut files = SourceFiles {
        data: walker.files(DATA_DIR, &["yaml", "yml"], &mut problems),
        pages: walker.files(PAGES_DIR, &["md"], &mut problems),
        ..SourceFiles::default()
    };

    let locales_dir = root.join(LOCALES_DIR);
    match std::fs::read_dir(&locales_dir) {
        Ok(entries) => {
            let mut tags: Vec<String> = entries
                .filter_map(Result::ok)
                // A link is listed too, so that one leading out of the site is refused
                // where it stands rather than its locale vanishing without a word.
                .filter(|entry| {
                    entry.file_type().is_ok_and(|kind| {
                        kind.is_dir() || kind.is_symlink() && entry.path().is_dir()
                    })
                })
                .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
                .filter(|name| !name.starts_with('.'))
                .collect();
            tags.sort();
            for tag in tags {
                let folder = format!("{LOCALES_DIR}/{tag}");
                let ftl = walker.files(&folder, &["ftl"], &mut problems);
                for name in [GLOSSARY_FILE, RULES_FILE] {
                    let path = PathBuf::from(&folder).join(name);
                    if root.join(&path).is_file() {
                        files.qa.push(path);
                    }
                }
                files.locales.insert(tag, ftl);
            }
        }
        Err(_) => problems.push(
            Diagnostic::error(
                Code::LocaleError,
                LOCALES_DIR,
                "the site has no locales/ folder",
            )
            .help("create locales/<tag>/ (for example locales/en/) with at least one .ftl file"),
        ),
    }

    let theme_dir = format!("{THEMES_DIR}/{theme}");
    if !root.join(&theme_dir).is_dir() {
        problems.push(
            Diagnostic::error(
                Code::ConfigError,
                CONFIG_FILE,
                format!("theme `{theme}` does not exist: there is no {theme_dir}/ folder"),
            )
            .help(format!(
                "create {theme_dir}/templates/ or set `theme:` to one of: {}",
                list_dirs(&root.join(THEMES_DIR)).join(", ")
            )),
        );
    }
    files.templates = walker.files(&format!("{theme_dir}/templates"), &["html"], &mut problems);
    // The site's own templates come after the theme's: one of the same name replaces it.
    files
        .templates
        .extend(walker.files(SITE_TEMPLATES_DIR, &["html"], &mut problems));
    files.statics = walker.files(&format!("{theme_dir}/static"), &[], &mut problems);
    files
        .statics
        .extend(walker.files(SITE_STATIC_DIR, &[], &mut problems));
    let mut folders = walker.folders.into_inner();
    // Creating a folder discover looks for shows in its parent. The site folder itself is
    // left out: the default output folder and the cache live there, so every build changes
    // it; the folders it holds that matter are stamped themselves, absent or not.
    for parent in [
        "content",
        LOCALES_DIR,
        THEMES_DIR,
        theme_dir.as_str(),
        SITE_STATIC_DIR,
        SITE_TEMPLATES_DIR,
    ] {
        folders.push(PathBuf::from(parent));
    }
    folders.sort();
    folders.dedup();
    files.folders = folders;
    (files, problems)
}

/// The data files of the site at `root`, found as [`discover`] finds them.
pub(crate) fn data_files(root: &Path) -> Option<Vec<PathBuf>> {
    let canonical_root = root.canonicalize().ok()?;
    let walker = Walker {
        root,
        canonical_root: &canonical_root,
        folders: std::cell::RefCell::new(Vec::new()),
        refused: std::cell::RefCell::default(),
    };
    let mut problems = Vec::new();
    let files = walker.files(DATA_DIR, &["yaml", "yml"], &mut problems);
    problems.is_empty().then_some(files)
}

struct Walker<'a> {
    root: &'a Path,
    canonical_root: &'a Path,
    /// The folders walked so far.
    folders: std::cell::RefCell<Vec<PathBuf>>,
    /// Links on the way to a folder that were refused (see [`Walker::escaping_link`]).
    refused: std::cell::RefCell<std::collections::HashSet<PathBuf>>,
}

impl Walker<'_> {
    /// Files under `folder` with one of `extensions` (any file when empty), skipping
    /// dotfiles and refusing links that resolve outside the site.
    fn files(
        &self,
        folder: &str,
        extensions: &[&str],
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<PathBuf> {
        let start = self.root.join(folder);
        if !start.is_dir() {
            return Vec::new();
        }
        if let Some(link) = self.escaping_link(folder) {
            // Reported once, though several folders below it are looked in (a theme's
            // `templates/` and `static/`): nothing below the link is read.
            if self.refused.borrow_mut().insert(link.clone()) {
                problems.push(
                    Diagnostic::error(
                        Code::IoError,
                        &link,
                        "this link points outside the site folder; Stele does not follow it, \
                         nor read anything below it",
                    )
                    .help("copy the folder into the site instead of linking to it"),
                );
            }
            return Vec::new();
        }
        let mut found = Vec::new();
        let walk = WalkDir::new(&start)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
            });
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let path = error
                        .path()
                        .map(|p| self.relative(p))
                        .unwrap_or_else(|| PathBuf::from(folder));
                    problems.push(Diagnostic::error(
                        Code::IoError,
                        path,
                        format!("cannot read: {error}"),
                    ));
                    continue;
                }
            };
            let path = entry.path();
            let relative = self.relative(path);
            if entry.path_is_symlink() {
                match path.canonicalize() {
                    Ok(target) if target.starts_with(self.canonical_root) && target.is_file() => {}
                    Ok(target) if target.starts_with(self.canonical_root) => continue,
                    _ => {
                        problems.push(
                            Diagnostic::error(
                                Code::IoError,
                                &relative,
                                "this link points outside the site folder; Stele does not follow it",
                            )
                            .help("copy the file into the site instead of linking to it"),
                        );
                        continue;
                    }
                }
            } else if entry.file_type().is_dir() {
                self.folders.borrow_mut().push(relative);
                continue;
            } else if !entry.file_type().is_file() {
                continue;
            }
            let wanted = extensions.is_empty()
                || path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| extensions.contains(&e));
            if wanted {
                found.push(relative);
            }
        }
        found
    }

    /// The first part of the site-relative `folder` (`themes/plain` of
    /// `themes/plain/templates`) that is a link leading out of the site. The walk below a
    /// folder sees links among its entries, but not a link on the way to the folder itself,
    /// which would make a theme's templates (or pages, or messages) come from elsewhere.
    fn escaping_link(&self, folder: &str) -> Option<PathBuf> {
        let mut path = self.root.to_path_buf();
        let mut relative = PathBuf::new();
        for part in Path::new(folder).components() {
            path.push(part);
            relative.push(part);
            let is_link = std::fs::symlink_metadata(&path)
                .is_ok_and(|metadata| metadata.file_type().is_symlink());
            if is_link
                && !path
                    .canonicalize()
                    .is_ok_and(|target| target.starts_with(self.canonical_root))
            {
                return Some(relative);
            }
        }
        None
    }

    fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(self.root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

fn list_dirs(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    if names.is_empty() {
        names.push("(none found)".to_string());
    }
    names
}

/// The largest input file Stele reads. Guidance sites are far below it; a bigger file is
/// almost certainly a mistake, and refusing it keeps memory bounded.
pub(crate) const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a site file as UTF-8 text, refusing files over [`MAX_INPUT_BYTES`], with a
/// diagnostic a person can act on for every failure.
pub(crate) fn read_source(root: &Path, file: &Path) -> Result<String, Diagnostic> {
    let cannot_read = |error: std::io::Error| {
        Diagnostic::error(
            Code::IoError,
            file,
            format!("cannot read this file: {error}"),
        )
    };
    // One open, and the size from the open file: a site has thousands of pages, and a
    // second lookup of each path by name costs a system call each.
    let mut opened = std::fs::File::open(root.join(file)).map_err(cannot_read)?;
    let size = opened.metadata().map_err(cannot_read)?.len();
    if size > MAX_INPUT_BYTES {
        return Err(Diagnostic::error(
            Code::IoError,
            file,
            format!(
                "this file is {} MiB; Stele reads files up to {} MiB",
                size / (1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        )
        .help(
            "split it into several files (each data file becomes its own `data.<name>` branch)",
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // Through `take`, which knows no size: `File`'s own `read_to_end` asks the size again
    // (a `statx` and an `lseek` per file) though the buffer already holds it.
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut opened, MAX_INPUT_BYTES + 1),
        &mut bytes,
    )
    .map_err(cannot_read)?;
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(error.as_bytes());
        let (line, column) = crate::diagnostics::line_column(&text, offset);
        Diagnostic::error(Code::SyntaxError, file, "this file is not valid UTF-8 text")
            .at(line, column)
            .help("save the file as UTF-8 (without a byte order mark is best)")
    })
}

/// Turns a relative path into the `/`-separated form used in URLs and ids.
pub(crate) fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_files_by_kind_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "content/data/b.yaml",
            "content/data/a/x.yml",
            "content/data/.hidden.yaml",
            "content/pages/p.md",
            "locales/en/a.ftl",
            "locales/nl/a.ftl",
            "themes/t/templates/base.html",
            "themes/t/static/css/s.css",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let (files, problems) = discover(root, "t");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            files.data,
            vec![
                PathBuf::from("content/data/a/x.yml"),
                PathBuf::from("content/data/b.yaml")
            ]
        );
        assert_eq!(files.locales.keys().collect::<Vec<_>>(), vec!["en", "nl"]);
        assert_eq!(files.statics.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "a: 1").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("content/data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::create_dir_all(dir.path().join("themes/t")).unwrap();
        std::fs::create_dir_all(dir.path().join("locales/en")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.yaml"), data.join("s.yaml"))
            .unwrap();
        let (files, problems) = discover(dir.path(), "t");
        assert!(files.data.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("outside"));
    }

    #[cfg(unix)]
    #[test]
    fn folders_reached_through_a_link_out_of_the_site_are_refused_once() {
        let outside = tempfile::tempdir().unwrap();
        for file in ["t/templates/base.html", "t/static/s.css", "pages/p.md"] {
            let path = outside.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("themes")).unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(root.join("locales/en")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("t"), root.join("themes/t")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("pages"), root.join("content/pages"))
            .unwrap();
        std::fs::create_dir_all(outside.path().join("nl")).unwrap();
        std::fs::write(outside.path().join("nl/a.ftl"), "a = b\n").unwrap();
        std::os::unix::fs::symlink(outside.path().join("nl"), root.join("locales/nl")).unwrap();
        let (files, problems) = discover(root, "t");
        assert!(files.templates.is_empty() && files.statics.is_empty() && files.pages.is_empty());
        assert!(files.locales["nl"].is_empty(), "{:?}", files.locales);
        let refused: Vec<&Path> = problems.iter().map(|p| p.file.as_path()).collect();
        assert_eq!(
            refused,
            [
                Path::new("content/pages"),
                Path::new("locales/nl"),
                Path::new("themes/t")
            ],
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .all(|p| p.message.contains("outside the site"))
        );
    }

    #[test]
    fn a_missing_theme_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("locales/en")).unwrap();
        let (_, problems) = discover(dir.path(), "nope");
        assert!(problems[0].message.contains("theme `nope`"));
    }
}
