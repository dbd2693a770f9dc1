#!/usr/bin/env bash
# Regenerates the config docs from the components' declarations (ComponentCatalog):
#   - the tables between the "BEGIN/END generated" markers of the root README.md (`pricestream config docs`)
#   - the root pricestream.yaml.example (`pricestream config example`)
# Run after adding or changing a config key; ConfigDocsTest fails until both are up to date.
# It runs the built jar: after changing sources, run it with PRICESTREAM_REBUILD=1 to rebuild first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PRICESTREAM_LOG_LEVEL=WARN ./pricestream config example > pricestream.yaml.example
tables="$(PRICESTREAM_LOG_LEVEL=WARN ./pricestream config docs | sed 's/^#### /### /')"
begin='<!-- BEGIN generated: pricestream config docs -->'
end='<!-- END generated: pricestream config docs -->'
grep -qF "$begin" README.md && grep -qF "$end" README.md || { echo "README.md lacks the generated-section markers" >&2; exit 1; }
TABLES="$tables" awk -v begin="$begin" -v end="$end" '
  $0 == begin { print; print ENVIRON["TABLES"]; skipping = 1; next }
  $0 == end   { skipping = 0 }
  !skipping   { print }
' README.md > README.md.tmp && mv README.md.tmp README.md
echo "regenerated README.md config tables and pricestream.yaml.example" >&2
