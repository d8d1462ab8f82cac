#!/usr/bin/env python3
"""Fails when code in Sources/ uses a toolchain API whose Apple availability is newer than the package's platforms.

    python3 Scripts/check-availability.py                  # exit 0 when clean, 1 listing each use otherwise
    python3 Scripts/check-availability.py --list           # prints the restricted names with their versions
    python3 Scripts/check-availability.py --sources DIR --package Package.swift --interfaces DIR

Linux builds never see Apple availability, so `InlineArray` (macOS 26) compiles on Linux and only breaks a macOS
user. This check reads the toolchain's textual module interfaces, which keep the `@available` attributes for every
Apple platform (the stdlib's `SwiftStdlib X.Y` macros are already expanded there to concrete OS versions), and the
symbol graphs of the modules shipped without one.

Modules read: `Swift`, `_Concurrency`, `_StringProcessing` (the implicitly imported standard library) and
`Synchronization` from their `.swiftinterface`; `Foundation`, `FoundationEssentials`, `FoundationInternationalization`,
`FoundationNetworking` and `Dispatch` from their `.swiftinterface` when the toolchain ships one, else (the Linux
toolchain, /opt/swift, Swift 6.3, ships them as binary `.swiftmodule`s only) from the symbol graph that the
toolchain's `swift-symbolgraph-extract` writes for them (for the target of `swift -print-target-info`, into a
temporary directory that is removed afterwards; 2 to 3 s for the five on 2 cores). When an extraction fails, or the tool
cannot be found, the check stops with exit status 2 instead of passing. `--list` says which modules were read how.

How it works:
  1. The declared minimums come from `platforms:` in Package.swift (`.macOS(.v13)` is macOS 13.0, each Apple
     platform is checked against its own minimum).
  2. Each interface is walked line by line, following `#if` branches and braces; a public declaration's
     availability is its own `@available` attributes merged with those of its enclosing types and extensions.
     `@backDeployed(before:)` does not restrict (the API is usable below `before:`), neither do
     `@available(*, deprecated)` nor `@_alwaysEmitIntoClient`; unusable declarations (`*, unavailable`,
     `swift, obsoleted:`) and `init`/`subscript`/operators (which have no name to find) are left out.
     Each symbol graph symbol gives the same: its `availability` list is already merged with its enclosing types'
     and extensions' (`introduced`, `isUnconditionallyUnavailable` per platform; `*` unavailable and `Swift`
     obsoleted leave it out); a member's name is its base name (`dates` for `dates(byAdding:startingAt:)`); members
     copied from protocol extensions (`::SYNTHESIZED::`) are left out (their declaration is read where it is), and
     so are the members of a type that is itself too new (`PredicateExpressions.Equal.lhs`, `Predicate.true`):
     they are reached through that type, which is checked, and their names (`lhs`, `key`, `input`, `Output`...)
     would otherwise be restricted for every other use.
  3. A name is restricted when every declaration of it, across all the modules read, needs a newer OS than
     declared (so `count` stays usable while `InlineArray` does not; a symbol without an entry for a platform is
     usable there); top-level types (`InlineArray`, `Mutex`, `Atomic`, `UTF8Span`, `Predicate`...) stay
     restricted whatever members share their name. (`Span`, `RawSpan`, `MutableSpan` and `OutputSpan` are declared
     back to macOS 10.14.4 in Swift 6.3's interfaces, so they are not restricted.)
  4. Each `.swift` file under the sources is stripped of comments and string literals (interpolated code is kept)
     and every identifier in the restricted set is reported, except names the project declares itself (including
     generic parameters, `func mirror<Subject>`), argument labels, keywords that a toolchain member is named after
     (`true` is reported only as `.true` or `` `true` ``), and a restricted type name qualified by something other
     than a toolchain module (`Tracing.Span`).
Limitations: names, not types, are matched: an unrelated member named like a restricted one is reported (declare it
or rename it), and a too-new member that shares its name with an older one is missed (`Array.span` is macOS 26 but
`ArraySlice.span` is not, so `span` is not restricted; `indices(where:)` is macOS 15 but the `indices` property is
not; `Mutex.withLock` is macOS 15 but `NSLocking.withLock` has no availability in the Linux Foundation, so
`withLock` is not restricted, only `Mutex`). `if #available` / `@available` guards in the sources are not understood
(a guarded use is reported). The symbol graphs are those of the Linux build of Foundation, not Apple's:
swift-corelibs-foundation (`Foundation`, `FoundationNetworking`) carries Apple `@available` attributes on few
declarations (about 200 of its 5,500 symbols; `NSLocking.withLock` is macOS 14 on Apple platforms but unannotated
here), and a symbol without one counts as available; swift-foundation's toolchain build expands every
`FoundationPreview X.Y` availability to macOS 15 / iOS 18, so an API that Apple ships in macOS 26 is reported as
macOS 15 (caught while the minimum is below macOS 15, missed from then on); API that only Apple's Foundation has
(Objective-C classes, `#if canImport(Darwin)` code) is not seen at all.
"""
import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# The modules to read, in this order: from their `.swiftinterface`, else from the symbol graph of their binary
# `.swiftmodule`; the ones the toolchain does not ship are skipped.
MODULES = (
    "Swift",
    "_Concurrency",
    "_StringProcessing",
    "Synchronization",
    "Foundation",
    "FoundationEssentials",
    "FoundationInternationalization",
    "FoundationNetworking",
    "Dispatch",
)

# The Apple platforms of Package.swift's `platforms:` and of `@available`.
APPLE_PLATFORMS = ("macOS", "iOS", "tvOS", "watchOS", "visionOS", "macCatalyst")

# A version above every real one, standing for "unavailable on this platform".
UNAVAILABLE = (1 << 30,)


# ---------------------------------------------------------------------------------------------------------------
# Versions


def parse_version(text):
    """`13`, `13.0`, `10_15` or `10.14.4` as a comparable tuple of three integers."""
    parts = [int(part) for part in re.split(r"[._]", text.strip()) if part]
    return tuple((parts + [0, 0, 0])[:3])


def format_version(version):
    """(26, 0, 0) as `26.0`, (10, 14, 4) as `10.14.4`."""
    if version == UNAVAILABLE:
        return "unavailable"
    parts = list(version)
    while len(parts) > 2 and parts[-1] == 0:
        parts.pop()
    return ".".join(str(part) for part in parts)


def format_platforms(versions):
    """{'macOS': (13, 0, 0)} as `macOS 13.0`, in APPLE_PLATFORMS order."""
    return ", ".join(f"{name} {format_version(versions[name])}" for name in APPLE_PLATFORMS if name in versions)


# ---------------------------------------------------------------------------------------------------------------
# Comments and string literals


_CODE_EVENT = re.compile(r'//|/\*|(#*)("""|")|[()]')
_COMMENT_EDGE = re.compile(r"/\*|\*/")
_NOT_NEWLINE = re.compile(r"[^\n]")
_string_patterns = {}


def blank_non_code(text, strings=True):
    """Returns `text` with comments (and, when `strings`, the contents of string literals) replaced by spaces.

    Newlines are kept, so line numbers still hold. The code of a string interpolation, `\\(...)`, is kept.
    """
    ranges = []
    _scan_code(text, 0, ranges, in_interpolation=False)
    pieces, last = [], 0
    for start, end, kind in ranges:
        if kind == "string" and not strings:
            continue
        pieces.append(text[last:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _scan_code(text, index, ranges, in_interpolation):
    """Scans code from `index`, appending (start, end, kind) to `ranges` for each comment and string content.

    Returns the end of the text or, inside an interpolation, the index just after its closing parenthesis.
    """
    depth = 0
    while True:
        match = _CODE_EVENT.search(text, index)
        if match is None:
            return len(text)
        token, start = match.group(0), match.start()
        if token == "//":
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            ranges.append((start, end, "comment"))
            index = end
        elif token == "/*":
            end = _block_comment_end(text, start)
            ranges.append((start, end, "comment"))
            index = end
        elif token == "(":
            depth += 1
            index = match.end()
        elif token == ")":
            if in_interpolation and depth == 0:
                return match.end()
            depth = max(0, depth - 1)
            index = match.end()
        else:
            index = _scan_string(text, match.end(), len(match.group(1)), match.group(2) == '"""', ranges)


def _block_comment_end(text, start):
    """The index after the `*/` closing the (possibly nested) block comment that opens at `start`."""
    depth = 0
    for edge in _COMMENT_EDGE.finditer(text, start):
        depth += 1 if edge.group(0) == "/*" else -1
        if depth == 0:
            return edge.end()
    return len(text)


def _scan_string(text, index, hashes, multiline, ranges):
    """Scans a string literal's contents from `index`; returns the index after its closing delimiter."""
    key = (hashes, multiline)
    if key not in _string_patterns:
        escape = re.escape("\\" + "#" * hashes)
        close = re.escape(('"""' if multiline else '"') + "#" * hashes)
        # An escape (maybe an interpolation), the closing delimiter, or the end of a line for one-line strings.
        line_end = "" if multiline else "|\n"
        _string_patterns[key] = re.compile(f"(?P<escape>{escape}(?P<paren>\\()?)|(?P<close>{close}){line_end}")
    pattern = _string_patterns[key]
    content_start = index
    while True:
        match = pattern.search(text, index)
        if match is None:
            ranges.append((content_start, len(text), "string"))
            return len(text)
        if match.group("close") or match.group(0) == "\n":
            ranges.append((content_start, match.start(), "string"))
            return match.end() if match.group("close") else match.start()
        if match.group("paren"):
            # Blank the backslash, keep `(code)` as code.
            ranges.append((content_start, match.end() - 1, "string"))
            index = _scan_code(text, match.end(), ranges, in_interpolation=True)
            content_start = index
        else:
            index = match.end() + 1  # skips the escaped character


# ---------------------------------------------------------------------------------------------------------------
# Package.swift


def declared_platforms(package_path):
    """The minimums of Package.swift's `platforms:`, as {'macOS': (13, 0, 0), ...}."""
    with open(package_path, encoding="utf-8") as package:
        text = blank_non_code(package.read(), strings=False)
    listing = re.search(r"\bplatforms\s*:\s*\[(.*?)\]", text, re.S)
    if listing is None:
        sys.exit(f"check-availability: no `platforms:` in {package_path}")
    names = "|".join(APPLE_PLATFORMS)
    entries = re.findall(rf'\.({names})\(\s*(?:\.v(\d+(?:_\d+)*)|"([\d.]+)")\s*\)', listing.group(1))
    if not entries:
        sys.exit(f"check-availability: no Apple platform in {package_path}'s `platforms:`")
    return {name: parse_version(enum_case or literal) for name, enum_case, literal in entries}


# ---------------------------------------------------------------------------------------------------------------
# Finding the interfaces


def interface_directory(explicit):
    """The directory holding `<Module>.swiftmodule/` directories: `explicit`, next to `swift`, or /opt/swift."""
    if explicit:
        return explicit
    candidates = []
    swift = shutil.which("swift")
    if swift:
        usr = os.path.dirname(os.path.dirname(os.path.realpath(swift)))
        candidates.append(os.path.join(usr, "lib", "swift", "linux"))
    candidates.append("/opt/swift/usr/lib/swift/linux")
    if platform.system() == "Darwin":
        sdk = subprocess.run(["xcrun", "--sdk", "macosx", "--show-sdk-path"], capture_output=True, text=True)
        candidates.insert(0, os.path.join(sdk.stdout.strip(), "usr", "lib", "swift"))
    for candidate in candidates:
        if os.path.isdir(os.path.join(candidate, "Swift.swiftmodule")):
            return candidate
    sys.exit("check-availability: cannot find the toolchain's Swift.swiftmodule; pass --interfaces DIR")


def interface_file(directory, module):
    """The public `.swiftinterface` of `module` in `directory`, or None when the module has none."""
    module_dir = os.path.join(directory, f"{module}.swiftmodule")
    if not os.path.isdir(module_dir):
        return None
    hidden = (".private.swiftinterface", ".package.swiftinterface")
    names = sorted(name for name in os.listdir(module_dir) if name.endswith(".swiftinterface"))
    names = [name for name in names if not name.endswith(hidden)]
    return os.path.join(module_dir, names[0]) if names else None


# ---------------------------------------------------------------------------------------------------------------
# `#if` conditions of the interfaces

HOST_OS = {"Linux": "Linux", "Darwin": "macOS", "Windows": "Windows"}.get(platform.system(), platform.system())
HOST_ARCHES = {platform.machine(), {"aarch64": "arm64", "arm64": "aarch64"}.get(platform.machine(), "")}

_CONDITION_TOKEN = re.compile(r"\s*(&&|\|\||!|\(|\)|\$?\w+(?:\([^()]*\))?)")


def condition_holds(condition):
    """Evaluates an interface's `#if` condition for this toolchain (which has every `$Feature` but Embedded)."""
    tokens = [match.group(1) for match in _CONDITION_TOKEN.finditer(condition)]
    value, _ = _parse_or(tokens, 0)
    return value


def _parse_or(tokens, index):
    value, index = _parse_and(tokens, index)
    while index < len(tokens) and tokens[index] == "||":
        right, index = _parse_and(tokens, index + 1)
        value = value or right
    return value, index


def _parse_and(tokens, index):
    value, index = _parse_unary(tokens, index)
    while index < len(tokens) and tokens[index] == "&&":
        right, index = _parse_unary(tokens, index + 1)
        value = value and right
    return value, index


def _parse_unary(tokens, index):
    if index >= len(tokens):
        return False, index
    if tokens[index] == "!":
        value, index = _parse_unary(tokens, index + 1)
        return not value, index
    if tokens[index] == "(":
        value, index = _parse_or(tokens, index + 1)
        return value, index + 1  # skips ")"
    return _atom_holds(tokens[index]), index + 1


def _atom_holds(atom):
    """`$Feature`, `compiler(>=5.3)`, `os(Linux)`, `_pointerBitWidth(_64)`..."""
    if atom.startswith("$"):
        return atom != "$Embedded"
    name, _, argument = atom.partition("(")
    argument = argument.rstrip(")").strip()
    if name in ("compiler", "swift", "hasFeature", "hasAttribute", "canImport", "true"):
        return True
    if name == "os":
        return argument == HOST_OS
    if name == "arch":
        return argument in HOST_ARCHES
    if name == "_pointerBitWidth":
        return argument == "_64"
    if name == "_endian":
        return argument == "little"
    if name == "_runtime":
        return argument == ("_ObjC" if HOST_OS == "macOS" else "_Native")
    return False


class Conditions:
    """The `#if` / `#elseif` / `#else` / `#endif` nesting; `active` says whether the current line is compiled."""

    def __init__(self):
        self.stack = []  # [parent active, a branch was taken, this branch is active]

    @property
    def active(self):
        return not self.stack or self.stack[-1][2]

    def directive(self, keyword, condition):
        if keyword == "if":
            holds = self.active and condition_holds(condition)
            self.stack.append([self.active, holds, holds])
        elif keyword == "elseif" and self.stack:
            top = self.stack[-1]
            top[2] = top[0] and not top[1] and condition_holds(condition)
            top[1] = top[1] or top[2]
        elif keyword == "else" and self.stack:
            top = self.stack[-1]
            top[2] = top[0] and not top[1]
            top[1] = True
        elif keyword == "endif" and self.stack:
            self.stack.pop()


# ---------------------------------------------------------------------------------------------------------------
# Declarations of the interfaces


@dataclass
class Declaration:
    name: str
    source: str  # where it was read: `Swift.swiftinterface`, `FoundationEssentials.symbols.json`
    needs: dict  # platform -> version, for the declared platforms where this declaration is newer
    is_top_level_type: bool


@dataclass
class Scope:
    kind: str  # "type" or "extension" (members are declarations), "protocol" (requirements), "body" (skipped)
    restriction: dict = field(default_factory=dict)  # platform -> introduced version, inherited by members
    path: str = ""  # the type's name, `String.UTF8View`, for extensions of it
    public: bool = True


_ATTRIBUTE = re.compile(r"@([\w.]+)")
_DIRECTIVE = re.compile(r"#(if|elseif|else|endif)\b(.*)")
_BRACE = re.compile(r"[{}]")
_IDENTIFIER = re.compile(r"`?([A-Za-z_]\w*)`?")
MODIFIERS = {
    "public", "open", "internal", "private", "fileprivate", "package", "static", "class", "final", "override",
    "mutating", "nonmutating", "convenience", "required", "indirect", "lazy", "weak", "unowned", "dynamic",
    "optional", "prefix", "postfix", "infix", "nonisolated", "isolated", "distributed", "consuming", "borrowing",
    "__consuming", "__owned", "__shared", "_const", "async", "reasync", "rethrows",
}  # fmt: skip
CONTAINER_KEYWORDS = {"struct": "type", "class": "type", "enum": "type", "actor": "type", "protocol": "protocol",
                      "extension": "extension"}  # fmt: skip
NAMED_KEYWORDS = {"struct", "class", "enum", "actor", "protocol", "typealias", "associatedtype", "func", "var",
                  "let", "case", "macro"}  # fmt: skip
OTHER_KEYWORDS = {"extension", "init", "subscript", "deinit", "operator", "precedencegroup"}


def split_attributes(line):
    """Splits the leading attributes (`@available(...)`, `@inlinable`) of a line from the rest."""
    attributes, index = [], 0
    while True:
        while index < len(line) and line[index].isspace():
            index += 1
        match = _ATTRIBUTE.match(line, index)
        if match is None:
            return attributes, line[index:]
        end = match.end()
        if end < len(line) and line[end] == "(":
            end = _closing_parenthesis(line, end)
        attributes.append(line[index:end])
        index = end


def _closing_parenthesis(line, open_index):
    """The index after the parenthesis matching the one at `open_index` (or the end of the line)."""
    depth = 0
    for index in range(open_index, len(line)):
        depth += {"(": 1, ")": -1}.get(line[index], 0)
        if depth == 0:
            return index + 1
    return len(line)


def split_modifiers(rest):
    """Splits `public static func f()` into ({'public', 'static'}, 'func', 'f()')."""
    modifiers = set()
    while True:
        match = re.match(r"(\w+)(\([^)]*\))?\s*", rest)
        if match is None:
            return modifiers, "", rest
        word, after = match.group(1), rest[match.end():]
        # `class` is a modifier before func/var/subscript, and a declaration keyword otherwise.
        is_class_modifier = word == "class" and re.match(r"(func|var|let|subscript)\b", after)
        if word in MODIFIERS and (word != "class" or is_class_modifier):
            modifiers.add(word)
            rest = after
            continue
        return modifiers, word, after


def availability(attributes):
    """The restriction expressed by `attributes`: {platform: introduced version or UNAVAILABLE}.

    Returns None when the declaration cannot be used at all (`*, unavailable`, `swift, obsoleted:`, `@_spi`).
    """
    restriction = {}
    for attribute in attributes:
        if attribute.startswith("@_spi"):  # also @_spi_available
            return None
        if not attribute.startswith("@available("):
            continue  # @backDeployed(before:), @_alwaysEmitIntoClient, @inlinable... do not restrict.
        arguments = [argument.strip() for argument in attribute[len("@available("):-1].split(",")]
        first = arguments[0]
        labels = {argument.split(":")[0].strip() for argument in arguments[1:]}
        if first in ("*", "swift", "_PackageDescription"):
            if "unavailable" in labels or "obsoleted" in labels:
                return None
            continue  # deprecations and `swift 5` do not restrict
        if first in APPLE_PLATFORMS:  # long form: `macOS, unavailable` or `macOS, introduced: 13.0`
            if "unavailable" in labels:
                restriction[first] = UNAVAILABLE
            for argument in arguments[1:]:
                label, _, value = argument.partition(":")
                if label.strip() == "introduced":
                    restriction[first] = max(restriction.get(first, (0, 0, 0)), parse_version(value))
            continue
        for argument in arguments:  # short form: `macOS 26.0, iOS 26.0, *`
            name, _, version = argument.partition(" ")
            if name in APPLE_PLATFORMS and re.fullmatch(r"[\d.]+", version.strip()):
                restriction[name] = max(restriction.get(name, (0, 0, 0)), parse_version(version))
    return restriction


def merge(outer, inner):
    """A member's restriction: the later of its own and its enclosing declaration's, per platform."""
    merged = dict(outer)
    for name, version in inner.items():
        merged[name] = max(merged.get(name, (0, 0, 0)), version)
    return merged


def newer_than(restriction, declared):
    """The declared platforms on which `restriction` asks for a newer OS than the package's minimum."""
    return {name: restriction[name] for name in declared if restriction.get(name, (0, 0, 0)) > declared[name]}


def declared_names(keyword, rest):
    """The names a declaration introduces: `var x`, `func f<T>(`, `case a, b(Int)`; none for operators."""
    if keyword == "case":
        flat = re.sub(r"\([^()]*\)", "", rest)  # drops associated values
        names = [_IDENTIFIER.match(part.strip()) for part in flat.split(",")]
        return [match.group(1) for match in names if match]
    match = _IDENTIFIER.match(rest)
    return [match.group(1)] if match else []


def extended_type(rest, module_names):
    """`Swift.String.UTF8View : Swift.Sequence where ...` as `String.UTF8View`."""
    match = re.match(r"[\w.]+", rest)
    parts = match.group(0).split(".") if match else []
    while parts and parts[0] in module_names:
        parts.pop(0)
    return ".".join(parts)


def read_interface(path, module, declared, type_restrictions):
    """The public, usable, named declarations of one interface, with what they need on the declared platforms."""
    source = f"{module}.swiftinterface"
    with open(path, encoding="utf-8") as interface:
        lines = blank_non_code(interface.read()).split("\n")
    declarations, scopes, pending, conditions = [], [], [], Conditions()
    for raw in lines:
        line = raw.strip()
        directive = _DIRECTIVE.match(line)
        if directive:
            conditions.directive(directive.group(1), directive.group(2))
            continue
        if not line or not conditions.active:
            continue
        opened = None  # the scope the line's first `{` opens
        if not (scopes and scopes[-1].kind == "body"):
            attributes, rest = split_attributes(line)
            if not rest:
                pending.extend(attributes)  # attributes on their own line apply to the next declaration
                continue
            attributes, pending = pending + attributes, []
            found = declaration_on_line(attributes, rest, source, declared, scopes, type_restrictions)
            if found is not None:
                opened, line_declarations = found
                declarations.extend(line_declarations)
        follow_braces(line, scopes, opened)
    return declarations


def declaration_on_line(attributes, rest, source, declared, scopes, type_restrictions):
    """Parses the declaration starting `rest`: returns (the Scope its `{` opens, its Declarations), or None."""
    modifiers, keyword, rest = split_modifiers(rest)
    if keyword not in NAMED_KEYWORDS and keyword not in OTHER_KEYWORDS:
        return None
    own = availability(attributes)
    outer = scopes[-1] if scopes else None
    body = Scope("body")
    if own is None:
        return body, []  # unusable: neither it nor its members count
    if keyword == "extension":
        path = extended_type(rest, MODULES)
        restriction = merge(type_restrictions.get(path, {}), own)
        return Scope("extension", restriction, path), []
    restriction = merge(outer.restriction if outer else {}, own)
    public = bool(modifiers & {"public", "open"}) or (outer is not None and outer.kind == "protocol")
    public = public and (outer is None or outer.public)
    if keyword in OTHER_KEYWORDS:
        return body, []
    names = declared_names(keyword, rest)
    if keyword in CONTAINER_KEYWORDS:
        path = ".".join(part for part in (outer.path if outer else "", names[0] if names else "") if part)
        type_restrictions[path] = restriction
        scope = Scope(CONTAINER_KEYWORDS[keyword], restriction, path, public)
    else:
        scope = body
    if not public:
        return scope, []
    is_type = outer is None and keyword in ("struct", "class", "enum", "actor", "protocol", "typealias")
    needs = newer_than(restriction, declared)
    return scope, [Declaration(name, source, needs, is_type) for name in names]


def follow_braces(line, scopes, opened):
    """Pushes a scope for each `{` of the line (the first one is `opened`, the others bodies) and pops on `}`."""
    for brace in _BRACE.finditer(line):
        if brace.group(0) == "{":
            scopes.append(opened or Scope("body"))
            opened = None
        elif scopes:
            scopes.pop()


# ---------------------------------------------------------------------------------------------------------------
# Declarations of the symbol graphs (modules shipped as binary `.swiftmodule`s only)

SYMBOL_GRAPH_TOOL = "swift-symbolgraph-extract"
# Symbol kinds with no name to find in the sources, like `init`, `subscript` and operators in the interfaces.
UNNAMED_KINDS = {"swift.init", "swift.deinit", "swift.subscript", "swift.type.subscript", "swift.func.op",
                 "swift.extension"}  # fmt: skip
TYPE_KINDS = {"swift.struct", "swift.class", "swift.enum", "swift.actor", "swift.protocol", "swift.typealias"}
_BASE_NAME = re.compile(r"([A-Za-z_]\w*)(?:\(|$)")  # `indices` of `indices(where:)`; not `==(_:_:)`


def fail(message):
    """Stops with exit status 2: the check could not run (as opposed to 1, newer API found)."""
    print(f"check-availability: {message}", file=sys.stderr)
    sys.exit(2)


def has_binary_module(directory, module):
    """Whether `directory` holds a `<module>.swiftmodule` (a directory of per-target files, or one file)."""
    return os.path.exists(os.path.join(directory, f"{module}.swiftmodule"))


def toolchain_program(directory, name):
    """The toolchain program `name` (`swift`, `swift-symbolgraph-extract`) of the toolchain owning `directory`.

    `directory` is `<usr>/lib/swift/<platform>`: `<usr>/bin/<name>` first, then the `PATH`'s and /opt/swift's.
    """
    usr = os.path.normpath(os.path.join(directory, "..", "..", ".."))
    for candidate in (os.path.join(usr, "bin", name), shutil.which(name), f"/opt/swift/usr/bin/{name}"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def target_triple(directory):
    """The toolchain's default target, `x86_64-unknown-linux-gnu`: `swift -print-target-info`, else `uname -m`."""
    swift = toolchain_program(directory, "swift")
    if swift:
        try:
            info = subprocess.run([swift, "-print-target-info"], capture_output=True, text=True, timeout=60)
            target = json.loads(info.stdout)["target"]
            return target.get("moduleTriple") or target["triple"]
        except (OSError, subprocess.SubprocessError, ValueError, KeyError):
            pass
    if platform.system() == "Linux":
        return f"{platform.machine()}-unknown-linux-gnu"
    fail("cannot find the target triple (`swift -print-target-info` failed)")


def extract_symbol_graphs(directory, modules, output):
    """Runs `swift-symbolgraph-extract` for each module (in parallel) into `output`/<module>/.

    Returns {module: [its `.symbols.json` paths]}; stops with exit status 2 when an extraction fails.
    """
    tool = toolchain_program(directory, SYMBOL_GRAPH_TOOL)
    if tool is None:
        fail(f"cannot find {SYMBOL_GRAPH_TOOL}, needed to read {', '.join(modules)} (no .swiftinterface)")
    triple = target_triple(directory)
    cache = os.path.join(output, "module-cache")

    def extract(module):
        module_output = os.path.join(output, module)
        os.makedirs(module_output)
        command = [
            tool, "-module-name", module, "-target", triple, "-I", directory, "-output-dir", module_output,
            "-minimum-access-level", "public", "-skip-synthesized-members", "-skip-inherited-docs",
            "-module-cache-path", cache,
        ]  # fmt: skip
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.SubprocessError) as error:
            return module, command, str(error), []
        paths = sorted(
            os.path.join(module_output, name)
            for name in os.listdir(module_output)
            if name == f"{module}.symbols.json" or (name.startswith(f"{module}@") and name.endswith(".symbols.json"))
        )
        problem = None
        if run.returncode != 0:
            problem = f"exit status {run.returncode}"
        elif not any(path.endswith(f"{os.sep}{module}.symbols.json") for path in paths):
            problem = f"no {module}.symbols.json written"
        if problem:
            details = (run.stderr or run.stdout).strip().splitlines()[-5:]
            return module, command, "\n".join([problem] + details), paths
        return module, command, None, paths

    graphs = {}
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        for module, command, problem, paths in pool.map(extract, modules):
            if problem:
                fail(f"extracting the symbol graph of {module} failed: {problem}\n  command: {' '.join(command)}")
            graphs[module] = paths
    return graphs


def graph_availability(entries):
    """The restriction of a symbol's `availability` list: {platform: introduced version or UNAVAILABLE}.

    Returns None when the symbol cannot be used at all (`*, unavailable`, `swift, obsoleted:`). The symbol graph
    already merges each member's availability with its enclosing types' and extensions'.
    """
    restriction = {}
    for entry in entries or ():
        domain = entry.get("domain")
        if domain in ("*", "Swift") and (entry.get("isUnconditionallyUnavailable") or "obsoleted" in entry):
            return None
        if domain not in APPLE_PLATFORMS:
            continue  # `*` and `Swift` deprecations, `swift 5`, other platforms
        if entry.get("isUnconditionallyUnavailable"):
            restriction[domain] = UNAVAILABLE
        elif "introduced" in entry:
            version = entry["introduced"]
            introduced = (version.get("major", 0), version.get("minor", 0), version.get("patch", 0))
            restriction[domain] = max(restriction.get(domain, (0, 0, 0)), introduced)
    return restriction


def read_symbol_graph(path, declared, type_needs):
    """The public, usable, named declarations of one `.symbols.json`, with what they need on the declared platforms,
    as (Declaration, the path of its enclosing type or ''); adds the needs of each type to type_needs[its path].

    A member's name is its base name (`indices` for `indices(where:)`); members copied from protocol extensions
    (`::SYNTHESIZED::`) are left out, they are declared (and read) where their protocol extension is.
    """
    try:
        with open(path, encoding="utf-8") as graph:
            symbols = json.load(graph)["symbols"]
    except (OSError, ValueError, KeyError) as error:
        fail(f"cannot read the symbol graph {path}: {error}")
    source = os.path.basename(path).split("@")[0].removesuffix(".symbols.json") + ".symbols.json"
    declarations = []
    for symbol in symbols:
        kind = symbol.get("kind", {}).get("identifier", "")
        if kind in UNNAMED_KINDS or "::SYNTHESIZED::" in symbol.get("identifier", {}).get("precise", ""):
            continue
        if symbol.get("spi") or symbol.get("accessLevel", "public") not in ("public", "open"):
            continue
        restriction = graph_availability(symbol.get("availability"))
        if restriction is None:
            continue
        path = symbol.get("pathComponents") or [""]  # ["Calendar", "RecurrenceRule"]; `names.title` is qualified
        needs = newer_than(restriction, declared)
        if kind in TYPE_KINDS:
            type_needs.setdefault(".".join(path), []).append(needs)
        name = _BASE_NAME.match(path[-1])
        if name is None:
            continue  # an operator, a non-ASCII name
        is_type = kind in TYPE_KINDS and len(path) == 1
        declarations.append((Declaration(name.group(1), source, needs, is_type), ".".join(path[:-1])))
    return declarations


# ---------------------------------------------------------------------------------------------------------------
# The restricted names


@dataclass
class Restricted:
    needs: dict  # platform -> the lowest version any declaration of the name asks for
    sources: set  # the interfaces and symbol graphs declaring it too new
    is_type: bool  # a top-level type: only its type declarations count


def restricted_names(declarations):
    """The names whose every declaration (every top-level type declaration, for types) is too new.

    For each name, keeps the platforms on which all its declarations are newer than declared, with the lowest
    version among them: one usable overload (or a same-named member of another type) makes the name usable.
    """
    top_level_types = {d.name for d in declarations if d.is_top_level_type and d.needs}
    names = {}
    for declaration in declarations:
        if declaration.name in top_level_types and not declaration.is_top_level_type:
            continue
        needs, known = declaration.needs, names.get(declaration.name)
        if known is None:
            names[declaration.name] = Restricted(dict(needs), {declaration.source}, declaration.is_top_level_type)
            continue
        known.needs = {name: min(version, needs[name]) for name, version in known.needs.items() if name in needs}
        if needs:
            known.sources.add(declaration.source)
    return {name: entry for name, entry in names.items() if entry.needs}


# ---------------------------------------------------------------------------------------------------------------
# The sources

# Keywords some toolchain members are named after, in backticks: `static var \`true\``.
SWIFT_KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
    "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
    "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else",
    "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as",
    "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
}  # fmt: skip
_SOURCE_TOKEN = re.compile(r"\d[\w.]*|`?([A-Za-z_]\w*)`?")
_PARAMETER_NAME = re.compile(r"\s+\w+\s*:")  # ` name:` after an external label
_PROJECT_DECLARATION = re.compile(
    r"\b(?:func|var|let|case|struct|class|enum|protocol|typealias|actor|associatedtype|macro)\s+`?([A-Za-z_]\w*)"
)
# Declarations of several names at once; each captures a list of names, on one line.
_NAME_LIST = r"((?:`?\w+`?[ \t]*,[ \t]*)*`?\w+`?)"
_PROJECT_LISTS = (
    re.compile(rf"\bcase[ \t]+{_NAME_LIST}"),  # case a, b, c
    re.compile(rf"\b(?:let|var)[ \t]*\([ \t]*{_NAME_LIST}[ \t]*\)"),  # let (seconds, attoseconds) = ...
    re.compile(rf"\bfor[ \t]+(?:case[ \t]+)?(?:let[ \t]+|var[ \t]+)?\(?[ \t]*{_NAME_LIST}[ \t]*\)?[ \t]+in\b"),
    re.compile(rf"\{{[ \t]*\(?[ \t]*{_NAME_LIST}[ \t]*\)?[ \t]+in\b"),  # {{ a, b in
    re.compile(r"[(,]\s*(?:\w+\s+)?(\w+)\s*:\s*(?:(?:inout|borrowing|consuming|sending|@\w+)\s+)*[A-Z(\[]"),  # (x y: T
)


# The `<` opening a declaration's generic clause: `func f<`, `struct S<`, `init<`, `subscript<`, `func ==<`.
_GENERIC_CLAUSE = re.compile(
    r"\b(?:(?:func|struct|class|enum|actor|typealias|macro)\s+(?:`?[A-Za-z_]\w*`?|[^\s\w<(`]+)|init[?!]?|subscript)\s*<"
)
_GENERIC_TOKEN = re.compile(r"`?[A-Za-z_]\w*`?|->|[<>()\[\],{;=]")


def swift_files(directory):
    """Every `.swift` file under `directory`, sorted."""
    found = []
    for parent, _, names in os.walk(directory):
        found.extend(os.path.join(parent, name) for name in names if name.endswith(".swift"))
    return sorted(found)


def project_names(codes):
    """The names the project declares itself: `func NAME`, `var NAME`, `case NAME`, `struct NAME`..., the
    local names bound by `let (a, b)`, `case a, b`, `for (a, b) in`, `{ a, b in` and parameters `(label name: Type`,
    and generic parameters, `func mirror<Subject>`.
    """
    names = set()
    for code in codes:
        names.update(_PROJECT_DECLARATION.findall(code))
        for pattern in _PROJECT_LISTS:
            for listing in pattern.findall(code):
                names.update(_IDENTIFIER.findall(listing))
        for opening in _GENERIC_CLAUSE.finditer(code):
            names.update(generic_parameters(code, opening.end()))
    return names


def generic_parameters(code, index):
    """The parameter names of the generic clause whose `<` ends at `index`: `Key`, `T` of `<Key: P<A, B>, each T>`.

    Only the names at the clause's own nesting level, right after `<` or `,` (and `each`), are parameters.
    """
    names, depth, expecting = [], 1, True
    for token in _GENERIC_TOKEN.finditer(code, index):
        text = token.group(0)
        if text in "<([":
            depth += 1
        elif text in ">)]":
            depth -= 1
            if depth == 0:
                break
        elif depth == 1 and text == ",":
            expecting = True
        elif text[0].isalpha() or text[0] in "_`":
            if depth == 1 and expecting and text != "each":
                names.append(text.strip("`"))
            if text != "each":
                expecting = False
        elif text in "{;=":
            break  # not a generic clause after all
    return names


def previous_char(code, index):
    """The last non-blank character before `index` (or '')."""
    index -= 1
    while index >= 0 and code[index].isspace():
        index -= 1
    return code[index] if index >= 0 else ""


def next_char(code, index):
    """The first non-blank character from `index` (or '')."""
    while index < len(code) and code[index].isspace():
        index += 1
    return code[index] if index < len(code) else ""


def qualifier(code, dot_index):
    """The identifier just before the `.` at `dot_index` (`Swift` in `Swift.Span`), or ''."""
    match = re.search(r"(\w+)\s*$", code[max(0, dot_index - 200):dot_index])
    return match.group(1) if match else ""


def uses_in(code, restricted, ignored):
    """(line, name) of each use of a restricted name in `code` (already stripped of comments and strings)."""
    uses, line, counted = [], 1, 0
    for token in _SOURCE_TOKEN.finditer(code):
        name = token.group(1)
        if name is None or name not in restricted or name in ignored:
            continue
        before, after = previous_char(code, token.start()), next_char(code, token.end())
        if name in SWIFT_KEYWORDS and before != "." and not token.group(0).startswith("`"):
            continue  # the keyword, not a member named like it (`Predicate.true`)
        if before in "(,[" and (after == ":" or _PARAMETER_NAME.match(code, token.end())):
            continue  # an argument label, `f(span: x)`, `func f(span x: T)`, or a dictionary key
        if restricted[name].is_type and before == ".":
            if qualifier(code, code.rindex(".", 0, token.start())) not in MODULES:
                continue  # another module's or type's member, `Tracing.Span`
        line += code.count("\n", counted, token.start())
        counted = token.start()
        uses.append((line, name))
    return uses


# ---------------------------------------------------------------------------------------------------------------
# Main


def load_restricted(directory, declared):
    """The restricted names of the toolchain's modules, and the modules read (from an interface, from a symbol
    graph) and missing."""
    declarations, from_interfaces, binary, missing, type_restrictions = [], [], [], [], {}
    for module in MODULES:
        path = interface_file(directory, module)
        if path is not None:
            declarations.extend(read_interface(path, module, declared, type_restrictions))
            from_interfaces.append(module)
        elif has_binary_module(directory, module):
            binary.append(module)
        else:
            missing.append(module)
    if binary:
        members, type_needs = [], {}
        with tempfile.TemporaryDirectory(prefix="check-availability-") as output:
            graphs = extract_symbol_graphs(directory, binary, output)
            for module in binary:
                for path in graphs[module]:
                    members.extend(read_symbol_graph(path, declared, type_needs))
        # The members of a type that is itself too new (`PredicateExpressions.Equal.lhs`, `Predicate.true`) are
        # reached through that type, which is checked; their names (`lhs`, `key`, `input`...) are left out.
        too_new = {path for path, needs in type_needs.items() if all(needs)}
        too_new.update(path for path, restriction in type_restrictions.items() if newer_than(restriction, declared))
        declarations.extend(declaration for declaration, parent in members if parent not in too_new)
    return restricted_names(declarations), from_interfaces, binary, missing


def print_list(restricted, from_interfaces, from_graphs, missing, directory):
    print(f"modules: {directory}")
    print(f"read from .swiftinterface: {', '.join(from_interfaces) or 'none'}")
    print(f"read from symbol graph (binary .swiftmodule): {', '.join(from_graphs) or 'none'}")
    print(f"not in the toolchain: {', '.join(missing) or 'none'}")
    for name in sorted(restricted, key=str.lower):
        entry = restricted[name]
        kind = "type" if entry.is_type else "member"
        print(f"{name:40} {format_platforms(entry.needs):40} {kind:6} {', '.join(sorted(entry.sources))}")
    print(f"{len(restricted)} restricted names")


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def display_path(path):
    """`path` relative to the working directory when it is below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def describe(name, entry, declared):
    """`'Mutex' needs macOS 15.0 (Synchronization.swiftinterface), newer than the declared macOS 13.0`."""
    modules = ", ".join(sorted(entry.sources))
    unavailable = [platform for platform in APPLE_PLATFORMS if entry.needs.get(platform) == UNAVAILABLE]
    if unavailable:
        return f"'{name}' is unavailable on {', '.join(unavailable)} ({modules}), which the package declares"
    minimums = format_platforms({platform: declared[platform] for platform in entry.needs})
    return f"'{name}' needs {format_platforms(entry.needs)} ({modules}), newer than the declared {minimums}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", default=os.path.join(ROOT, "Sources"), help="directory of .swift files")
    parser.add_argument("--package", default=os.path.join(ROOT, "Package.swift"), help="the Package.swift")
    parser.add_argument("--interfaces", help="directory holding Swift.swiftmodule/ (default: the toolchain's)")
    parser.add_argument("--list", action="store_true", help="print the restricted names and exit")
    options = parser.parse_args()

    declared = declared_platforms(options.package)
    directory = interface_directory(options.interfaces)
    restricted, from_interfaces, from_graphs, missing = load_restricted(directory, declared)
    if options.list:
        print_list(restricted, from_interfaces, from_graphs, missing, directory)
        return 0

    files = swift_files(options.sources)
    codes = {}
    for path in files:
        with open(path, encoding="utf-8") as source:
            codes[path] = blank_non_code(source.read())
    ignored = project_names(codes.values())
    minimums = format_platforms(declared)
    failures = 0
    for path in files:
        for line, name in uses_in(codes[path], restricted, ignored):
            print(f"{display_path(path)}:{line}: {describe(name, restricted[name], declared)}")
            failures += 1
    if failures:
        print(f"availability: {plural(failures, 'use')} of API newer than {minimums} in {plural(len(files), 'file')}")
        return 1
    print(f"availability: {plural(len(files), 'file')} checked against {minimums}; no newer API")
    return 0


if __name__ == "__main__":
    sys.exit(main())
