"""The CI gate behind ``kamclean check``: raw articles in, findings and an exit code out.

Each article goes through the same pipeline as ``kamclean run`` (:func:`kamclean.pipeline.analyse`), but
nothing is written: every flag becomes an :class:`Issue` that carries what the reporters need (raw start *and*
end positions, the raw source line, a fingerprint) and, when a baseline is used, whether an editor has already
accepted it.

Exit codes follow ruff and sqlfluff: 0 when nothing unsuppressed is at or above the threshold, 1 when
something is, 2 when an input could not be checked at all (a gate that could not look must not pass).

Fingerprints identify a finding without its line number, so that edits elsewhere in the file do not churn
them: ``sha256(path, rule, flagged text, three words before, three words after, occurrence)``, where the path
is relative to the baseline's folder (or the current folder without a baseline), the words are case-folded and
the occurrence counts identical findings in reading order (0 for the first, which is then left out).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from kamclean.model import Severity

if TYPE_CHECKING:
    from kamclean.baseline import Baseline, Entry
    from kamclean.checks.base import RuleMeta
    from kamclean.config import Config
    from kamclean.pipeline import Processed

ARTICLE_SUFFIXES = (".txt",)
CONTEXT_WORDS = 3
FINGERPRINT_VERSION = "kamclean-fp/1"
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_SPACE = regex.compile(r"\s+")


class GateUsageError(Exception):
    """A check that cannot start (no such path); exit code 2."""


@dataclass(frozen=True)
class Suppression:
    """Why a finding does not fail the gate: recorded in the baseline, or accepted by an editor with a
    reason."""

    kind: str  # "baseline" (recorded by `baseline create/update`) or "accepted" (`baseline accept --reason`)
    reason: str | None = None


@dataclass(frozen=True)
class Issue:
    """One finding as the gate reports it. Lines and columns are 1-based, in the raw file; end is
    exclusive."""

    path: str  # as the user named it (POSIX), for display and for SARIF/JUnit/GitHub locations
    key_path: str  # relative to the baseline's folder; part of the fingerprint
    rule: str
    name: str
    category: str
    severity: str
    message: str
    text: str
    pointer: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    suggestion: str | None
    context: str  # "before [text] after", normalised: what the fingerprint saw
    fingerprint: str
    source_line: str  # the raw line the finding starts on
    suppression: Suppression | None = None

    @property
    def rank(self) -> int:
        return Severity(self.severity).rank


@dataclass(frozen=True)
class FileError:
    path: str
    reason: str


@dataclass
class CheckResult:
    fail_on: str
    files: list[str] = field(default_factory=list)  # display paths of the articles checked
    issues: list[Issue] = field(default_factory=list)  # every finding, suppressed ones included
    errors: list[FileError] = field(default_factory=list)
    stale: list[Entry] = field(default_factory=list)  # baseline entries in scope that matched nothing
    baseline: str | None = None  # the baseline file used, as named
    rules: list[RuleMeta] = field(default_factory=list)  # metadata of every known rule (for SARIF)

    @property
    def active(self) -> list[Issue]:
        return [i for i in self.issues if i.suppression is None]

    @property
    def suppressed(self) -> list[Issue]:
        return [i for i in self.issues if i.suppression is not None]

    @property
    def failing(self) -> list[Issue]:
        threshold = Severity(self.fail_on).rank
        return [i for i in self.active if i.rank >= threshold]

    def counts(self, issues: Iterable[Issue] | None = None) -> dict[str, int]:
        out = {"critical": 0, "major": 0, "minor": 0}
        for i in self.active if issues is None else issues:
            out[i.severity] += 1
        return out

    def exit_code(self, exit_zero: bool = False) -> int:
        if self.errors:
            return 2
        if self.failing and not exit_zero:
            return 1
        return 0


# ------------------------------------------------------------------------------------------- discovery


@dataclass(frozen=True)
class Target:
    path: Path  # where to read
    display: str  # POSIX path as the user named it (folder argument + relative part)


def collect(paths: Sequence[Path]) -> list[Target]:
    """Files named explicitly are checked whatever their extension; folders give their ``*.txt`` (recursively,
    hidden entries skipped, sorted). Raises :class:`GateUsageError` for a path that does not exist."""
    out: list[Target] = []
    seen: set[Path] = set()
    for p in paths:
        if not p.exists():
            raise GateUsageError(f"{p}: no such file or folder")
        if p.is_file():
            found = [(p, p.as_posix())]
        else:
            found = []
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    f = Path(dirpath) / name
                    if name.startswith(".") or f.suffix.lower() not in ARTICLE_SUFFIXES:
                        continue
                    found.append((f, f.as_posix()))
            found.sort(key=lambda t: t[1])
        for f, display in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(Target(f, display))
    return out


# ---------------------------------------------------------------------------------------- fingerprints


def _norm_words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def context_of(text: str, start: int, end: int, n: int = CONTEXT_WORDS) -> tuple[str, str]:
    """The ``n`` words before and after ``text[start:end]``, case-folded, punctuation and spacing dropped."""
    return " ".join(_norm_words(text[:start])[-n:]), " ".join(_norm_words(text[end:])[:n])


def fingerprint(key_path: str, rule: str, text: str, before: str, after: str, occurrence: int = 0) -> str:
    parts = [FINGERPRINT_VERSION, key_path, rule, _SPACE.sub(" ", text.strip()).casefold(), before, after]
    if occurrence:
        parts.append(str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def key_path_for(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (POSIX), so a baseline means the same wherever the gate is run from."""
    return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


# ---------------------------------------------------------------------------------------------- checks


def raw_lines(data: bytes) -> list[str]:
    """The raw file's lines as the columns count them: BOM dropped, line ends (LF or CRLF) stripped."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = data.decode("utf-8", errors="replace").split("\n")
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


def issues_from(processed: Processed, data: bytes, display: str, key_path: str) -> list[Issue]:
    """Every flag of one analysed article as an :class:`Issue` (raw end positions, context, fingerprint)."""
    from kamclean.ingest.text import column_mapper
    from kamclean.segment.structure import locate

    article = processed.article
    raw_column = column_mapper(article.edits)
    texts = {p: t for p, t, _ in article.strings()}
    lines = raw_lines(data)
    seen: dict[str, int] = {}
    out: list[Issue] = []
    for f in article.flags:
        text = texts[f.pointer]
        end_line, last_col = locate(processed.segments[f.pointer], max(f.start, f.end - 1))
        end_column = raw_column(end_line, last_col) + 1
        before, after = context_of(text, f.start, f.end)
        base = fingerprint(key_path, f.rule, f.text, before, after)
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        fp = fingerprint(key_path, f.rule, f.text, before, after, occurrence) if occurrence else base
        context = " ".join(x for x in (before, f"[{_SPACE.sub(' ', f.text.strip())}]", after) if x)
        out.append(
            Issue(
                path=display,
                key_path=key_path,
                rule=f.rule,
                name=f.name,
                category=f.category,
                severity=f.severity,
                message=f.message,
                text=f.text,
                pointer=f.pointer,
                start=f.start,
                end=f.end,
                line=f.line,
                column=f.column,
                end_line=end_line,
                end_column=end_column,
                suggestion=f.suggestion,
                context=context,
                fingerprint=fp,
                source_line=lines[f.line - 1] if 0 < f.line <= len(lines) else "",
            )
        )
    return out


def check_file(target: Target, config: Config, root: Path) -> list[Issue] | FileError:
    """Analyse one article. Never raises for a bad article: it becomes a :class:`FileError`."""
    from kamclean.ingest.text import InputError, read_bytes
    from kamclean.pipeline import analyse

    try:
        data = read_bytes(target.path, target.display)
        processed = analyse(data, target.display, config)
    except InputError as exc:
        return FileError(target.display, exc.reason)
    return issues_from(processed, data, target.display, key_path_for(target.path, root))


def apply_baseline(result: CheckResult, baseline: Baseline, checked: set[str]) -> None:
    """Mark the issues the baseline knows as suppressed; collect the entries of checked files that matched
    nothing (stale). Entries for files outside this check are left alone: checking only the changed files must
    not call the others stale."""
    matched: set[str] = set()
    issues: list[Issue] = []
    for i in result.issues:
        entry = baseline.entries.get(i.fingerprint)
        if entry is None:
            issues.append(i)
            continue
        matched.add(i.fingerprint)
        kind = "accepted" if entry.reason else "baseline"
        issues.append(replace(i, suppression=Suppression(kind, entry.reason)))
    result.issues = issues
    result.stale = [
        e for fp, e in sorted(baseline.entries.items()) if e.path in checked and fp not in matched
    ]


def run_check(
    paths: Sequence[Path],
    config: Config,
    *,
    baseline: Baseline | None = None,
    baseline_name: str | None = None,
    fail_on: str | None = None,
    root: Path | None = None,
) -> CheckResult:
    """Check every article under ``paths``. Raises :class:`GateUsageError` for a path that does not exist."""
    targets = collect(paths)
    if root is None:
        root = baseline.root if baseline is not None else Path.cwd()
    result = CheckResult(fail_on=fail_on or config.fail_on, baseline=baseline_name)
    checked: set[str] = set()
    for t in targets:
        found = check_file(t, config, root)
        if isinstance(found, FileError):
            result.errors.append(found)
            continue
        result.files.append(t.display)
        checked.add(key_path_for(t.path, root))
        result.issues.extend(found)
    if baseline is not None:
        apply_baseline(result, baseline, checked)
    return result


def rule_metadata(config: Config) -> list[RuleMeta]:
    from kamclean.checks import registry

    return sorted((r.meta for r in registry.all_rules(config)), key=lambda m: m.id)
