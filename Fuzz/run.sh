#!/usr/bin/env bash
# Builds the SDK's JSON engine, the package's NangoJSON target (Sources/NangoJSON), with libFuzzer's coverage and
# AddressSanitizer, links the fuzzer's entry point against it, and fuzzes the parser and the decoder for a
# bounded time.
#   Fuzz/run.sh [seconds]   (default 60)
# Crash reproducers, if any, land in Fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v swiftc >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swiftc ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
seconds="${1:-60}"
out=.build/fuzz
mkdir -p "$out/module" Fuzz/artifacts "$out/corpus"

# The same language settings as Package.swift gives every target.
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6
    -enable-upcoming-feature ExistentialAny
    -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault
    -package-name nango_swift)

# 1. The engine target as a module of its own, exactly its sources.
swiftc "${flags[@]}" -enable-testing -wmo -module-name NangoJSON -emit-module -emit-module-path "$out/module/NangoJSON.swiftmodule" \
    -c Sources/NangoJSON/*.swift -o "$out/NangoJSON.o"
# 2. The fuzzer's entry point, importing it.
swiftc "${flags[@]}" -module-name JSONEngineFuzz -I "$out/module" \
    Fuzz/FuzzParser.swift "$out/NangoJSON.o" -o "$out/fuzz-parser"

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
