#!/usr/bin/env bash
# Builds the SDK's JSON engine (Sources/Nango/Internal/JSON) with libFuzzer and AddressSanitizer and fuzzes the
# parser and the decoder for a bounded time.
#   Fuzz/run.sh [seconds]   (default 60)
# FuzzShims.swift stands in for the few SDK symbols JSONValue.swift uses, so only the engine is compiled.
# Crash reproducers, if any, land in Fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
seconds="${1:-60}"
out=.build/fuzz
mkdir -p "$out" Fuzz/artifacts "$out/corpus"

swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    -swift-version 6 \
    -enable-upcoming-feature ExistentialAny \
    -enable-upcoming-feature MemberImportVisibility \
    -enable-upcoming-feature InternalImportsByDefault \
    -module-name JSONEngineFuzz \
    -package-name nango_swift \
    Sources/Nango/Internal/JSON/*.swift Sources/Nango/Models/JSONValue.swift Sources/Nango/Internal/ISO8601.swift \
    Fuzz/FuzzShims.swift Fuzz/FuzzParser.swift \
    -o "$out/fuzz-parser"

# Seeds: the JSONTestSuite corpus and a few Nango-shaped documents.
cp Tests/NangoTests/Fixtures/JSONTestSuite/*.json "$out/corpus/" 2>/dev/null || true
cp Fuzz/seeds/*.json "$out/corpus/" 2>/dev/null || true

"$out/fuzz-parser" "$out/corpus" \
    -max_total_time="$seconds" \
    -max_len=4096 \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -dict=Fuzz/json.dict \
    -artifact_prefix=Fuzz/artifacts/ \
    -print_final_stats=1
