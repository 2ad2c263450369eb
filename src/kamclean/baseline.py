"""The baseline: findings that the gate must not fail on, because they were already there or an editor
accepted them with a reason.

The file is JSON, deterministic (entries sorted by path, rule and fingerprint; no timestamps), meant to be
committed and reviewed in pull requests::

    {
      "schema": "kamclean.baseline/1",
      "entries": [
        {"fingerprint": "3f2a9c1d0b7e4a55", "path": "raw/x.txt", "rule": "KC-G001", "severity": "major",
         "text": "...", "context": "three words [text] three words", "message": "...",
         "reason": "accepted: brand name"}
      ]
    }

``reason`` is present only on findings an editor accepted (``kamclean baseline accept``); entries recorded by
``baseline create`` / ``update`` have none. Paths are relative to the baseline file's folder. See
:mod:`kamclean.gate` for how fingerprints are made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kamclean.gate import Issue

SCHEMA = "kamclean.baseline/1"
DEFAULT_NAME = ".kamclean-baseline.json"


class BaselineError(Exception):
    """An unreadable or malformed baseline file; the message names the file."""


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    path: str
    rule: str
    severity: str
    text: str
    context: str
    message: str
    reason: str | None = None

    @classmethod
    def from_issue(cls, issue: Issue, reason: str | None = None) -> Entry:
        return cls(
            fingerprint=issue.fingerprint,
            path=issue.key_path,
            rule=issue.rule,
            severity=issue.severity,
            text=issue.text,
            context=issue.context,
            message=issue.message,
            reason=reason,
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "path": self.path,
            "rule": self.rule,
            "severity": self.severity,
            "text": self.text,
            "context": self.context,
            "message": self.message,
        }
        if self.reason:
            out["reason"] = self.reason
        return out


_REQUIRED = ("fingerprint", "path", "rule", "severity", "text", "context", "message")


@dataclass
class Baseline:
    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)  # by fingerprint

    @property
    def root(self) -> Path:
        """Entry paths are relative to this folder."""
        return self.path.resolve().parent

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(
                f"{path}: no such baseline file (create one with `kamclean baseline create`)"
            ) from None
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read the baseline ({exc.strerror or exc})") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{path}: the baseline is not valid JSON ({exc})") from None
        if (
            not isinstance(data, dict)
            or data.get("schema") != SCHEMA
            or not isinstance(data.get("entries"), list)
        ):
            raise BaselineError(
                f'{path}: not a kamclean baseline (expected "schema": "{SCHEMA}" and "entries")'
            )
        entries: dict[str, Entry] = {}
        for n, e in enumerate(data["entries"]):
            if not isinstance(e, dict) or any(not isinstance(e.get(k), str) for k in _REQUIRED):
                raise BaselineError(f"{path}: entry {n} lacks one of {', '.join(_REQUIRED)}")
            reason = e.get("reason")
            if reason is not None and not isinstance(reason, str):
                raise BaselineError(f"{path}: entry {n}: 'reason' must be a string")
            entries[e["fingerprint"]] = Entry(**{k: e[k] for k in _REQUIRED}, reason=reason or None)
        return cls(path, entries)

    def dumps(self) -> str:
        ordered = sorted(self.entries.values(), key=lambda e: (e.path, e.rule, e.fingerprint))
        doc = {"schema": SCHEMA, "entries": [e.to_json() for e in ordered]}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    def save(self) -> None:
        from kamclean.emit.writer import write_atomic

        write_atomic(self.path, self.dumps())

    def update(self, issues: list[Issue], checked: set[str]) -> tuple[int, int, int]:
        """Record the current findings of the ``checked`` files: keep (with their reasons) the entries that
        still match, add the new findings, drop the entries of checked files that match nothing. Entries of
        other files are untouched. Returns (added, kept, removed)."""
        current = {i.fingerprint: i for i in issues}
        added = kept = removed = 0
        for fp, e in list(self.entries.items()):
            if e.path in checked and fp not in current:
                del self.entries[fp]
                removed += 1
        for fp, issue in current.items():
            old = self.entries.get(fp)
            if old is None:
                self.entries[fp] = Entry.from_issue(issue)
                added += 1
            else:
                self.entries[fp] = Entry.from_issue(issue, old.reason)
                kept += 1
        return added, kept, removed
