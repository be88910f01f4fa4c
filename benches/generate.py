#!/usr/bin/env python3
"""Write a synthetic multilingual site for benchmarking Stele (and, optionally, Hugo).

    python3 benches/generate.py --pages N --out DIR [--hugo DIR]

N pages per locale (en, nl, ko). Each English page is about 1.5 KB of Markdown: front matter
(title, fact), two headings, a list, a table of 3 columns by 4 rows, a link to another page
of the site, and one fact from data (`content/data/facts.yaml`) that reaches the page
through a message (`fact-line`) with a date and a number formatted for the locale.

The Hugo site has the same pages, messages (i18n/<lang>.toml), data (data/facts.yaml) and
page structure (baseof/single/list with a language switcher and hreflang), and formats the
same fact with `time.Format` and `lang.FormatNumber` inside an `i18n` call.

The words are random, but every text of nl or ko (paragraph, table cell, list item)
translates its English source word for word from one dictionary, so a translation keeps its
source's qualifiers ("before" is "voordat"), one source text has one translation in a locale
and two source texts never share one: Stele's QA checks run in full and find only what the
generator did not mean to avoid (a cell whose words are the same in both languages); no word
stands twice in a row.
The English page is about 1.5 KB; its translations have as many words.

Output is deterministic for a given N. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

LOCALES = ("en", "nl", "ko")
TARGET_BYTES = 1500
BASE_URL = "https://example.org/"

# One dictionary, word by word: a paragraph, cell or item of nl or ko is its English source
# translated word for word (so "before" is "voordat" and "이전에" wherever it stands, as the
# QA's qualifier checks expect of a translation). No two English words share a translation.
DICTIONARY = [
    ("server", "server", "서버"), ("mailbox", "postvak", "사서함"),
    ("migration", "migratie", "마이그레이션"), ("support", "ondersteuning", "지원"),
    ("release", "release", "릴리스"), ("update", "update", "업데이트"),
    ("network", "netwerk", "네트워크"), ("domain", "domein", "도메인"),
    ("account", "account", "계정"), ("user", "gebruiker", "사용자"),
    ("policy", "beleid", "정책"), ("archive", "archief", "보관"),
    ("storage", "opslag", "저장소"), ("certificate", "certificaat", "인증서"),
    ("connector", "connector", "커넥터"), ("schedule", "schema", "일정"),
    ("planning", "planning", "계획"), ("backup", "back-up", "백업"),
    ("restore", "herstel", "복원"), ("license", "licentie", "라이선스"),
    ("tenant", "tenant", "테넌트"), ("directory", "adreslijst", "디렉터리"),
    ("gateway", "gateway", "게이트웨이"), ("protocol", "protocol", "프로토콜"),
    ("client", "client", "클라이언트"), ("message", "bericht", "메시지"),
    ("folder", "map", "폴더"), ("calendar", "agenda", "일정표"),
    ("contact", "contactpersoon", "연락처"), ("retention", "bewaring", "보존"),
    ("compliance", "naleving", "규정"), ("review", "beoordeling", "검토"),
    ("check", "controle", "확인"), ("install", "installeren", "설치"),
    ("upgrade", "upgraden", "업그레이드"), ("remove", "verwijderen", "제거"),
    ("keep", "behouden", "유지"), ("move", "verplaatsen", "이동"),
    ("before", "voordat", "이전에"), ("after", "nadat", "이후에"),
    ("every", "elke", "모든"), ("each", "ieder", "각"), ("the", "de", "그"),
    ("a", "een", "한"), ("of", "van", "의"), ("to", "naar", "으로"),
    ("and", "en", "그리고"), ("with", "met", "함께"), ("for", "voor", "위해"),
    ("from", "vanaf", "에서"), ("into", "in", "안쪽"), ("when", "wanneer", "때"),
    ("while", "terwijl", "동안"), ("which", "die", "어느"), ("that", "dat", "저"),
    ("this", "deze", "이"),
]

WORDS = {tag: [entry[k] for entry in DICTIONARY] for k, tag in enumerate(("en", "nl", "ko"))}

TEXT = {
    "en": {
        "title": "Guide page {i}",
        "h_first": "Planning the change",
        "h_second": "Checking the result",
        "table_head": ("Item", "Value", "Notes"),
        "row": "Row",
        "see": "See also [guide page {j}]({link}) before you continue.",
    },
    "nl": {
        "title": "Handleidingpagina {i}",
        "h_first": "De wijziging plannen",
        "h_second": "Het resultaat controleren",
        "table_head": ("Onderdeel", "Waarde", "Opmerkingen"),
        "row": "Rij",
        "see": "Zie ook [handleidingpagina {j}]({link}) voordat u verdergaat.",
    },
    "ko": {
        "title": "가이드 페이지 {i}",
        "h_first": "변경 계획",
        "h_second": "결과 확인",
        "table_head": ("항목", "값", "참고"),
        "row": "행",
        "see": "계속하기 전에 [가이드 페이지 {j}]({link}) 항목도 참조하세요.",
    },
}

# One message set, in Fluent (Stele) and in Hugo's i18n TOML. Same words, same placeables.
MESSAGES = {
    "en": {
        "language-name": "English",
        "site-title": "Synthetic guide",
        "fact-line": "Measured in {date}: {count} requests per day.",
        "pages-heading": "All pages",
        "month-format": "January 2006",
    },
    "nl": {
        "language-name": "Nederlands",
        "site-title": "Synthetische gids",
        "fact-line": "Gemeten in {date}: {count} aanvragen per dag.",
        "pages-heading": "Alle pagina's",
        "month-format": "January 2006",
    },
    "ko": {
        "language-name": "한국어",
        "site-title": "합성 가이드",
        "fact-line": "{date} 측정: 하루 {count}건의 요청.",
        "pages-heading": "모든 페이지",
        "month-format": "2006년 1월",
    },
}


def fact_for(i: int) -> tuple[str, int]:
    """The fact of page i: a month and a count."""
    year = 2015 + (i * 7) % 10
    month = 1 + (i * 5) % 12
    count = 1000 + (i * 7919) % 98000
    return f"{year}-{month:02d}", count


def filler(rng: random.Random, tag: str, words: int) -> str:
    """Sentences of `words` words drawn by `rng`, in `tag`: the same draws give the same
    text in every locale, translated word for word."""
    # Never one word twice in a row: that is a finding (`repeated-word`) in any language.
    chosen: list[int] = []
    for _ in range(words):
        k = rng.randrange(len(DICTIONARY) - 1)
        chosen.append(k + 1 if chosen and k >= chosen[-1] else k)
    sentences = []
    while chosen:
        n = rng.randint(7, 13)
        part, chosen = chosen[:n], chosen[n:]
        sentence = " ".join(WORDS[tag][k] for k in part)
        if tag != "ko":
            sentence = sentence[0].upper() + sentence[1:]
        sentences.append(sentence + ".")
    return " ".join(sentences)


def translate(source: str, tag: str) -> str:
    """An English text of dictionary words (as `filler` writes it), word for word in `tag`."""
    if tag == LOCALES[0]:
        return source
    index = {en.lower(): k for k, en in enumerate(WORDS["en"])}
    out = []
    for word in source.split(" "):
        stop = word.endswith(".")
        k = index[word.rstrip(".").lower()]
        out.append(WORDS[tag][k] + ("." if stop else ""))
    text = " ".join(out)
    return text[0].upper() + text[1:] if tag != "ko" else text




def source_segment(seed: str, words: int) -> str:
    """The English text of a short segment (a cell, an item), from its own seed."""
    return filler(random.Random(seed), LOCALES[0], words).rstrip(".")


def wrap(text: str, width: int = 90) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


def page_markdown(i: int, n: int, tag: str, words: int | None = None) -> str:
    """Front matter + Markdown of page i in locale tag: the English page about TARGET_BYTES
    bytes, its translations with as many words (`words` paragraph words, when given)."""
    t = TEXT[tag]
    # Numbers are the same in every translation (Stele checks that a translated page keeps
    # the numbers of its source); only the words differ.
    rng = random.Random(f"{i}")
    j = (i * 31 + 7) % n + 1
    if j == i:
        j = i % n + 1
    link = f"../p{j}/index.html"

    # Cells and items translate their English source; only the paragraphs grow to size.
    cells = [translate(source_segment(f"{i}-en-{r}", 3), tag) for r in range(1, 5)]
    items = "\n".join(
        f"- {translate(source_segment(f'{i}-en-li{k}', 5), tag)}" for k in range(4)
    )

    def build(words: int) -> str:
        head = t["table_head"]
        rows = "\n".join(
            f"| {t['row']} {r} | {rng_table[r - 1]} | {cells[r - 1]} |" for r in range(1, 5)
        )
        return (
            "---\n"
            f"title: {t['title'].format(i=i)}\n"
            f"fact: item_{i}\n"
            "---\n"
            f"{wrap(filler(random.Random(f'{i}-a'), tag, words))}\n\n"
            f"## {t['h_first']}\n\n"
            f"{wrap(filler(random.Random(f'{i}-b'), tag, words))}\n\n"
            f"{items}\n\n"
            f"## {t['h_second']}\n\n"
            f"| {head[0]} | {head[1]} | {head[2]} |\n"
            "|---|---|---|\n"
            f"{rows}\n\n"
            f"{wrap(t['see'].format(j=j, link=link))}\n"
        )

    rng_table = [str(rng.randint(10, 9999)) for _ in range(4)]
    if words is not None:
        return build(words)
    if tag != LOCALES[0]:
        return page_markdown(i, n, tag, paragraph_words(i, n))
    # Grow the two paragraphs until the English page reaches the target size in bytes.
    words = 4
    text = build(words)
    while len(text.encode("utf-8")) < TARGET_BYTES:
        words += 2
        text = build(words)
    return text


def paragraph_words(i: int, n: int) -> int:
    """How many words each paragraph of page i has, as its English page has them."""
    words = 4
    while len(page_markdown(i, n, LOCALES[0], words).encode("utf-8")) < TARGET_BYTES:
        words += 2
    return words


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def facts_yaml(n: int) -> str:
    lines = ["# One fact per page: a month and a count."]
    for i in range(1, n + 1):
        date, count = fact_for(i)
        lines.append(f'item_{i}: {{date: "{date}", count: {count}}}')
    return "\n".join(lines) + "\n"


def prepare(out: Path) -> None:
    if out.exists():
        if not out.is_dir():
            sys.exit(f"error: {out} exists and is not a folder")
        if any(out.iterdir()):
            marker = out / ".bench-generated"
            if not marker.exists():
                sys.exit(f"error: {out} is not empty and was not written by generate.py")
            shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / ".bench-generated").write_text("written by benches/generate.py\n")


# ---------------------------------------------------------------------------- Stele

# The same layout `stele init` writes: language switcher, hreflang alternates, x-default.
STELE_BASE = (
    Path(__file__).resolve().parent.parent / "src/cli/starter/themes/basic/templates/base.html"
).read_text(encoding="utf-8")

STELE_PAGE = """{% extends "base.html" %}
{% block content %}
    <h1>{{ page.title }}</h1>
{%- set fact = data.facts[page.extra.fact] %}
    <p class="fact">{{ t(id="fact-line", date=fact.date, count=fact.count) }}</p>
    {{ page.content }}
{% endblock content %}
"""

STELE_INDEX = """{% extends "base.html" %}
{% block content %}
    <h1>{{ t(id=site.title_id) }}</h1>
    <h2>{{ t(id="pages-heading") }}</h2>
    <ul>
{% for p in site.pages %}      <li><a href="{{ p.url }}">{{ p.title }}</a></li>
{% endfor %}    </ul>
{% endblock content %}
"""

STYLE = """body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
header { display: flex; justify-content: space-between; gap: 1rem; }
nav a, nav strong { margin-left: .5rem; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: .25rem .5rem; }
"""


def fluent(tag: str) -> str:
    m = MESSAGES[tag]
    fact = m["fact-line"].replace("{date}", "{ $date }").replace("{count}", "{ $count }")
    return (
        f"language-name = {m['language-name']}\n"
        f"site-title = {m['site-title']}\n"
        f"pages-heading = {m['pages-heading']}\n"
        f"fact-line = {fact}\n"
    )


def write_stele(out: Path, n: int) -> None:
    prepare(out)
    write(
        out / "content/site.yaml",
        "source_locale: en\n"
        f"base_url: {BASE_URL}\n"
        "theme: bench\n"
        "title: site-title\n"
        "pretty_urls: false\n",
    )
    write(out / "content/data/facts.yaml", facts_yaml(n))
    for tag in LOCALES:
        write(out / f"locales/{tag}/main.ftl", fluent(tag))
    theme = out / "themes/bench"
    write(theme / "templates/base.html", STELE_BASE)
    write(theme / "templates/page.html", STELE_PAGE)
    write(theme / "templates/index.html", STELE_INDEX)
    write(theme / "static/style.css", STYLE)
    pages = out / "content/pages"
    pages.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + 1):
        for tag in LOCALES:
            name = f"p{i}.md" if tag == "en" else f"p{i}.{tag}.md"
            (pages / name).write_text(page_markdown(i, n, tag), encoding="utf-8")


# ----------------------------------------------------------------------------- Hugo

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}" dir="{{ or site.Language.LanguageDirection "ltr" }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ i18n "site-title" }}</title>
{{ range .AllTranslations }}  <link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ if eq .Language.Lang "en" }}  <link rel="alternate" hreflang="x-default" href="{{ .Permalink }}">
{{ end }}{{ end }}  <link rel="stylesheet" href="{{ "static/style.css" | absURL }}">
</head>
<body>
  <header>
    <a href="{{ site.Home.RelPermalink }}">{{ i18n "site-title" }}</a>
    <nav>
{{ $current := . }}{{ range .AllTranslations }}{{ if eq .Language.Lang $current.Language.Lang }}      <strong aria-current="page">{{ i18n "language-name" }}</strong>
{{ else }}      <a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>
{{ end }}{{ end }}    </nav>
  </header>
  <main>
{{ block "main" . }}{{ end }}
  </main>
</body>
</html>
"""

HUGO_SINGLE = """{{ define "main" }}
    <h1>{{ .Title }}</h1>
{{- $fact := index hugo.Data.facts .Params.fact }}
{{- $date := time.AsTime (printf "%s-01" $fact.date) | time.Format (i18n "month-format") }}
{{- $count := lang.FormatNumber 0 $fact.count }}
    <p class="fact">{{ i18n "fact-line" (dict "date" $date "count" $count) }}</p>
    {{ .Content }}
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
    <h1>{{ i18n "site-title" }}</h1>
    <h2>{{ i18n "pages-heading" }}</h2>
    <ul>
{{ range .Site.RegularPages }}      <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}    </ul>
{{ end }}
"""


def hugo_i18n(tag: str) -> str:
    m = MESSAGES[tag]
    fact = m["fact-line"].replace("{date}", "{{ .date }}").replace("{count}", "{{ .count }}")
    lines = []
    for key, value in (
        ("language-name", m["language-name"]),
        ("site-title", m["site-title"]),
        ("pages-heading", m["pages-heading"]),
        ("fact-line", fact),
        ("month-format", m["month-format"]),
    ):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'[{key}]\nother = "{escaped}"\n')
    return "\n".join(lines)


def write_hugo(out: Path, n: int) -> None:
    prepare(out)
    names = {tag: MESSAGES[tag]["language-name"] for tag in LOCALES}
    config = [
        f'baseURL = "{BASE_URL}"',
        'title = "Synthetic guide"',
        'defaultContentLanguage = "en"',
        "defaultContentLanguageInSubdir = true",
        'disableKinds = ["taxonomy", "term", "RSS"]',
        "",
    ]
    for weight, tag in enumerate(LOCALES, start=1):
        config += [
            f"[languages.{tag}]",
            f"  languageName = \"{names[tag]}\"",
            f"  weight = {weight}",
            "",
        ]
    write(out / "hugo.toml", "\n".join(config))
    write(out / "data/facts.yaml", facts_yaml(n))
    for tag in LOCALES:
        write(out / f"i18n/{tag}.toml", hugo_i18n(tag))
    write(out / "layouts/_default/baseof.html", HUGO_BASEOF)
    write(out / "layouts/_default/single.html", HUGO_SINGLE)
    write(out / "layouts/_default/list.html", HUGO_LIST)
    write(out / "static/static/style.css", STYLE)
    content = out / "content"
    content.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + 1):
        for tag in LOCALES:
            name = f"p{i}.md" if tag == "en" else f"p{i}.{tag}.md"
            (content / name).write_text(page_markdown(i, n, tag), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, required=True, help="pages per locale")
    parser.add_argument("--out", type=Path, required=True, help="folder for the Stele site")
    parser.add_argument("--hugo", type=Path, help="also write the same site for Hugo here")
    args = parser.parse_args()
    if args.pages < 2:
        parser.error("--pages must be at least 2")
    write_stele(args.out, args.pages)
    if args.hugo:
        write_hugo(args.hugo, args.pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
