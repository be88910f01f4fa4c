//! The `init` command: a new, small site that builds at once and shows every convention
//! (a data file, two locales with a term, a theme, one Markdown page).

use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "content/site.yaml",
        "# Site settings; see https://github.com/ for Stele's docs/authoring.md.\n\
source_locale: en\n\
base_url: https://example.org/\n\
theme: basic\n\
title: site-title\n\
pretty_urls: false\n",
    ),
    (
        "content/data/product.yaml",
        "# Facts live here, once. Messages receive them as arguments.\n\
name: Example Server 2030\n\
end_of_support: \"2031-06-30\"\n\
max_users: 2500\n",
    ),
    (
        "content/pages/about.md",
        "---\n\
title: About this site\n\
---\n\
\n\
This page is Markdown. Translate it by adding `about.nl.md` beside it.\n",
    ),
    (
        "locales/en/main.ftl",
        "-product-family = Example Server\n\
language-name = English\n\
site-title = { -product-family } guide\n\
support-end = **{ $name }** is supported until { $date }.\n\
user-limit = One server handles up to { $count } users.\n\
about-link = About this site\n",
    ),
    (
        "locales/nl/main.ftl",
        "-product-family = Example Server\n\
language-name = Nederlands\n\
site-title = Handleiding { -product-family }\n\
support-end = **{ $name }** wordt ondersteund tot { $date }.\n\
user-limit = Eén server bedient maximaal { $count } gebruikers.\n\
about-link = Over deze site\n",
    ),
    (
        "themes/basic/templates/base.html",
        "<!DOCTYPE html>\n\
<html lang=\"{{ locale.tag }}\" dir=\"{{ locale.dir }}\">\n\
<head>\n\
  <meta charset=\"utf-8\">\n\
  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
  <title>{{ t(id=site.title_id) }}</title>\n\
  {% for alt in alternates %}<link rel=\"alternate\" hreflang=\"{{ alt.tag }}\" href=\"{{ alt.href }}\">\n  {% endfor %}\
<link rel=\"alternate\" hreflang=\"x-default\" href=\"{% for alt in alternates %}{% if alt.tag == site.source_locale %}{{ alt.href }}{% endif %}{% endfor %}\">\n\
  <link rel=\"stylesheet\" href=\"{{ url(path='static/style.css') }}\">\n\
</head>\n\
<body>\n\
  <header>\n\
    <a href=\"{{ url(page='') }}\">{{ t(id=site.title_id) }}</a>\n\
    <nav>{% for alt in alternates %}{% if alt.current %}<strong>{{ alt.name }}</strong>{% else %}<a href=\"{{ alt.url }}\" hreflang=\"{{ alt.tag }}\" lang=\"{{ alt.tag }}\">{{ alt.name }}</a>{% endif %} {% endfor %}</nav>\n\
  </header>\n\
  <main>{% block content %}{% endblock content %}</main>\n\
</body>\n\
</html>\n",
    ),
    (
        "themes/basic/templates/index.html",
        "{% extends \"base.html\" %}\n\
{% block content %}\n\
<h1>{{ t(id=site.title_id) }}</h1>\n\
<p>{{ t(id=\"support-end\", name=data.product.name, date=data.product.end_of_support) }}</p>\n\
<p>{{ t(id=\"user-limit\", count=data.product.max_users) }}</p>\n\
<p><a href=\"{{ url(page='about') }}\">{{ t(id=\"about-link\") }}</a></p>\n\
{% endblock content %}\n",
    ),
    (
        "themes/basic/templates/page.html",
        "{% extends \"base.html\" %}\n\
{% block content %}\n\
<h1>{{ page.title }}</h1>\n\
{{ page.content }}\n\
{% endblock content %}\n",
    ),
    (
        "themes/basic/static/style.css",
        "body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }\n\
header { display: flex; justify-content: space-between; gap: 1rem; }\n",
    ),
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
