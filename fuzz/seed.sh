#!/usr/bin/env bash
# Writes seed corpora for every fuzz target into DIR/<target>/ (default /tmp/stele-fuzz/seeds)
# from the example site's own files, the test fixtures and a few attack inputs, so that a
# run starts from real Fluent, templates, data and pages. Run from anywhere.
set -euo pipefail
S=${1:-/tmp/stele-fuzz/seeds}
cd "$(dirname "$0")/.."
rm -rf "$S"
mkdir -p "$S"/{fluent,fluent_nesting,icu_options,template_loops,templates,yaml_data,site_config,front_matter,markdown}
# fluent: each English file with its Dutch and its Korean translation, NUL between.
for en in locales/en/*.ftl; do
  base=$(basename "$en" .ftl)
  for other in nl ko; do
    if [ -f "locales/$other/$base.ftl" ]; then
      { cat "$en"; printf '\0'; cat "locales/$other/$base.ftl"; } > "$S/fluent/$base-$other"
    fi
  done
done
for ftl in tests/fixtures/*/locales/*/*.ftl; do
  cp "$ftl" "$S/fluent/$(echo "$ftl" | tr / _)"
done
cp templates/*.html themes/*/templates/*.html tests/fixtures/*/themes/*/templates/*.html \
  "$S/templates/" 2>/dev/null || true
cp content/data/*.yaml "$S/yaml_data/"
cp content/site.yaml "$S/site_config/example.yaml"
for f in tests/fixtures/*/content/site.yaml; do
  cp "$f" "$S/site_config/$(echo "$f" | cut -d/ -f3).yaml"
done
for f in content/pages/*.md tests/fixtures/*/content/pages/*.md; do
  cp "$f" "$S/front_matter/$(echo "$f" | tr / _)"
  cp "$f" "$S/markdown/$(echo "$f" | tr / _)"
done
# The committed seeds and past crashes (the attack inputs of issue 11 among them).
for dir in fuzz/corpus/*/; do
  cp "$dir"* "$S/$(basename "$dir")/"
done
du -sh "$S"/* | sed "s|$S/||"
