//! The `init` command: a new, small site that builds at once and shows every convention
//! (a data file, two locales with a term, a theme, one Markdown page).

use std::path::Path;

/// The starter site, compiled into the binary from `src/cli/starter/`.
const FILES: &[(&str, &str)] = &[
    (
        "content/site.yaml",
        include_str!("starter/content/site.yaml"),
    ),
    (
        "content/data/product.yaml",
        include_str!("starter/content/data/product.yaml"),
    ),
    (
        "content/pages/about.md",
        include_str!("starter/content/pages/about.md"),
    ),
    (
        "locales/en/main.ftl",
        include_str!("starter/locales/en/main.ftl"),
    ),
    (
        "locales/nl/main.ftl",
        include_str!("starter/locales/nl/main.ftl"),
    ),
    (
        "locales/nl/stele.lock",
        include_str!("starter/locales/nl/stele.lock"),
    ),
    (
        "themes/basic/templates/base.html",
        include_str!("starter/themes/basic/templates/base.html"),
    ),
    (
        "themes/basic/templates/index.html",
        include_str!("starter/themes/basic/templates/index.html"),
    ),
    (
        "themes/basic/templates/page.html",
        include_str!("starter/themes/basic/templates/page.html"),
    ),
    (
        "themes/basic/static/style.css",
        include_str!("starter/themes/basic/static/style.css"),
    ),
    // Stored without its dot, so the starter folder itself is not a git-ignore file.
    (".gitignore", include_str!("starter/gitignore")),
];

/// Writes the starter site into `dir`, which must be empty or not exist yet.
pub fn init(dir: &Path) -> Result<Vec<String>, String> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "`{}` is not empty; `stele init` only writes into a new or empty folder",
                dir.display()
            ));
        }
    }
    let mut written = Vec::new();
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        std::fs::write(&target, text)
            .map_err(|e| format!("cannot write `{}`: {e}", target.display()))?;
        written.push(path.to_string());
    }
    Ok(written)
}
