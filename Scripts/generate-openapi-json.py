# Converts Nango's OpenAPI description (../shared/reference/nango-openapi.yaml, beside the repository) into
# Tests/NangoTests/Fixtures/openapi/nango-openapi.json, which the spec-conformance test of FakeNango reads.
# Run from the repository root: `python3 Scripts/generate-openapi-json.py` (`--check` only compares, for CI).
import datetime
import json
import os
import sys

import yaml

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
source = os.path.join(os.path.dirname(root), "shared", "reference", "nango-openapi.yaml")
target = os.path.join(root, "Tests", "NangoTests", "Fixtures", "openapi", "nango-openapi.json")


def plain(value):
    """JSON-compatible data: string keys (YAML allows `200:`), dates as ISO 8601 text."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


if not os.path.exists(source):
    sys.exit(f"generate-openapi-json: {source} not found (the shared reference must sit beside the repository)")
with open(source) as handle:
    document = plain(yaml.safe_load(handle))
text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

# `--check`: exit 1 (writing nothing) when the committed file differs from what the YAML generates.
if "--check" in sys.argv[1:]:
    try:
        with open(target) as current:
            if current.read() != text:
                print(f"generate-openapi-json: {os.path.relpath(target, root)} is stale; run python3 Scripts/generate-openapi-json.py")
                sys.exit(1)
    except FileNotFoundError:
        print(f"generate-openapi-json: {os.path.relpath(target, root)} is missing; run python3 Scripts/generate-openapi-json.py")
        sys.exit(1)
    sys.exit(0)
os.makedirs(os.path.dirname(target), exist_ok=True)
with open(target, "w") as output:
    output.write(text)
