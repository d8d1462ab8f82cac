#!/usr/bin/env python3
# Checks that the SDK's version (NangoClient.version, sent in User-Agent) is the version of CHANGELOG.md's newest
# heading (`## 0.1.0` or `## 0.1.0 (unreleased)`), so the two are kept in one place together. Run by CI.
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
with open(os.path.join(root, "Sources/Nango/Client/NangoClient.swift")) as source:
    code = re.search(r'static let version = "([^"]+)"', source.read())
with open(os.path.join(root, "CHANGELOG.md")) as changelog:
    heading = next((line for line in changelog if line.startswith("## ")), "")
logged = re.match(r"## \[?(\d+\.\d+\.\d+[^\]\s]*)", heading)
if not code or not logged:
    sys.exit("check-version: cannot find NangoClient.version or a '## X.Y.Z' heading in CHANGELOG.md")
if code.group(1) != logged.group(1):
    sys.exit(f"check-version: NangoClient.version is {code.group(1)} but CHANGELOG.md's newest heading is {logged.group(1)}")
print(f"version {code.group(1)} matches CHANGELOG.md")
