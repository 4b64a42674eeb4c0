#!/usr/bin/env bash
# Validates the DDEX ERN messages we export against the official schemas with xmllint, each
# version against its own: ERN 4.3 and ERN 3.8.2, every release fixture (with and without
# deals) and a few hundred seeded synthetic releases.
#
#   DDEX_ERN43_XSD  path to the ERN 4.3 release-notification.xsd (default: the copy beside
#                   the project, ../shared/ddex/ern43/); never copied into the repository.
#   DDEX_ERN382_XSD path to the ERN 3.8.2 release-notification.xsd (default: ern382/ beside
#                   the 4.3 schema's folder).
#   DDEX_RANDOM     how many synthetic releases (default 300); DDEX_SEED their seed (43).
set -euo pipefail
cd "$(dirname "$0")/.."

xsd43="${DDEX_ERN43_XSD:-$(cd .. && pwd)/shared/ddex/ern43/release-notification.xsd}"
xsd382="${DDEX_ERN382_XSD:-$(dirname "$(dirname "$xsd43")")/ern382/release-notification.xsd}"
for xsd in "$xsd43" "$xsd382"; do
    if [ ! -f "$xsd" ]; then
        echo "ddex-check: skipped: no ERN schema at $xsd (set DDEX_ERN43_XSD / DDEX_ERN382_XSD)" >&2
        exit 0
    fi
done

if ! command -v xmllint >/dev/null 2>&1; then
    echo "ddex-check: installing xmllint (libxml2-utils)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Writes $out/ern43/*.xml and $out/ern382/*.xml.
cargo run --quiet --package ddex --example ddex_corpus -- "$out" \
    --random "${DDEX_RANDOM:-300}" --seed "${DDEX_SEED:-43}"

for version in 43 382; do
    if [ "$version" = 43 ]; then xsd="$xsd43"; name="4.3"; else xsd="$xsd382"; name="3.8.2"; fi
    count="$(find "$out/ern$version" -name '*.xml' | wc -l)"
    if [ "$count" -eq 0 ]; then
        echo "ddex-check: no ERN $name messages were written" >&2
        exit 1
    fi
    # xmllint prints "FILE validates" per file; keep only the failures.
    if ! find "$out/ern$version" -name '*.xml' -print0 |
        xargs -0 -n 250 xmllint --noout --schema "$xsd" 2>"$out/xmllint-$version.log"; then
        grep -v ' validates$' "$out/xmllint-$version.log" >&2 || true
        echo "ddex-check: the official ERN $name schema rejected exported messages" >&2
        exit 1
    fi
    echo "ddex-check: $count exported messages are valid ERN $name" >&2
done
