#!/usr/bin/env bash
# Validates the DDEX ERN 4.3 messages we export against the official schema with xmllint:
# every release fixture (with and without deals) and a few hundred seeded synthetic releases.
#
#   DDEX_ERN43_XSD  path to the ERN 4.3 release-notification.xsd (default: the copy beside
#                   the project, ../shared/ddex/ern43/); never copied into the repository.
#   DDEX_RANDOM     how many synthetic releases (default 300); DDEX_SEED their seed (43).
set -euo pipefail
cd "$(dirname "$0")/.."

xsd="${DDEX_ERN43_XSD:-$(cd .. && pwd)/shared/ddex/ern43/release-notification.xsd}"
if [ ! -f "$xsd" ]; then
    echo "ddex-check: skipped: no ERN 4.3 schema at $xsd (set DDEX_ERN43_XSD)" >&2
    exit 0
fi

if ! command -v xmllint >/dev/null 2>&1; then
    echo "ddex-check: installing xmllint (libxml2-utils)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cargo run --quiet --package ddex --example ddex_corpus -- "$out" \
    --random "${DDEX_RANDOM:-300}" --seed "${DDEX_SEED:-43}"

count="$(find "$out" -name '*.xml' | wc -l)"
if [ "$count" -eq 0 ]; then
    echo "ddex-check: no messages were written" >&2
    exit 1
fi

# xmllint prints "FILE validates" per file; keep only the failures.
if ! find "$out" -name '*.xml' -print0 |
    xargs -0 -n 250 xmllint --noout --schema "$xsd" 2>"$out/xmllint.log"; then
    grep -v ' validates$' "$out/xmllint.log" >&2 || true
    echo "ddex-check: the official ERN 4.3 schema rejected exported messages" >&2
    exit 1
fi
echo "ddex-check: $count exported messages are valid ERN 4.3" >&2
