"""One frozen Config, read from ``kamclean.toml`` or ``[tool.kamclean]`` in ``pyproject.toml``.

Defaults live in ``data/defaults.toml``. Unknown keys are errors with a "did you mean" suggestion, because a
misspelt option that is silently ignored is worse than no option at all.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamclean.clean.catalog import packaged_path


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    # rule selection (ids or id prefixes such as "KC-A" or "KC-Q1")
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id, severity) overrides
    # user data files, relative to the config file
    artefacts: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    # structure
    max_title_words: int = 20
    max_heading_words: int = 12
    # language identification
    min_foreign_chars: int = 40
    # gate
    fail_on: str = "major"

    def enabled(self, rule_id: str) -> bool:
        def hit(patterns: tuple[str, ...]) -> bool:
            return any(rule_id == p or rule_id.startswith(p) for p in patterns)

        if self.select and not hit(self.select):
            return False
        return not hit(self.ignore)

    def severity_for(self, rule_id: str, default: str) -> str:
        return dict(self.severity).get(rule_id, default)

    def fingerprint(self) -> str:
        """A stable hash of everything that changes output (for incremental runs)."""
        blob = json.dumps(self.__dict__, sort_keys=True, default=list, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


_LIST_KEYS = {"select", "ignore", "artefacts", "glossary", "terms"}
_INT_KEYS = {"max_title_words", "max_heading_words", "min_foreign_chars"}
_SEVERITIES = ("critical", "major", "minor")


def _defaults() -> dict[str, Any]:
    with packaged_path("defaults.toml").open("rb") as fh:
        return tomllib.load(fh)


def known_keys() -> list[str]:
    return sorted(_defaults())


def _suggest(key: str, keys: list[str]) -> str:
    close = difflib.get_close_matches(key, keys, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def from_mapping(data: dict[str, Any], origin: str, base_dir: Path | None = None) -> Config:
    defaults = _defaults()
    keys = sorted(defaults)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in defaults:
            raise ConfigError(f"{origin}: unknown key '{key}'{_suggest(key, keys)}")
        if key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{origin}: '{key}' must be a list of strings")
            if key in {"artefacts", "glossary", "terms"} and base_dir is not None:
                value = [str((base_dir / v).resolve()) for v in value]
            values[key] = tuple(value)
        elif key in _INT_KEYS:
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{origin}: '{key}' must be a positive whole number")
            values[key] = value
        elif key == "fail_on":
            if value not in _SEVERITIES:
                raise ConfigError(f"{origin}: 'fail_on' must be one of {', '.join(_SEVERITIES)}")
            values[key] = value
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{origin}: 'severity' must be a table of RULE = \"critical|major|minor\"")
            for rid, sev in value.items():
                if sev not in _SEVERITIES:
                    raise ConfigError(f"{origin}: severity of {rid} must be one of {', '.join(_SEVERITIES)}")
            values[key] = tuple(sorted(value.items()))
        else:  # pragma: no cover - every default key is typed above
            values[key] = value
    return Config(**values)


def find_config(start: Path) -> Path | None:
    """The nearest kamclean.toml, or pyproject.toml with [tool.kamclean], from ``start`` upwards."""
    here = start.resolve()
    for d in (here, *here.parents):
        cand = d / "kamclean.toml"
        if cand.is_file():
            return cand
        py = d / "pyproject.toml"
        if py.is_file():
            try:
                if "kamclean" in tomllib.loads(py.read_text(encoding="utf-8")).get("tool", {}):
                    return py
            except (tomllib.TOMLDecodeError, OSError):
                continue
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("kamclean", {})
        origin = f"{path} [tool.kamclean]"
    else:
        origin = str(path)
    return from_mapping(data, origin, base_dir=path.parent)
