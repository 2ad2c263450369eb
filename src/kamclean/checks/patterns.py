"""Shared plumbing for rules kept as data (glossary entries, term sets): loading, key checks, pattern compiling.

Patterns are ``regex`` patterns (never ``re``: its ``\\w`` stops at Devanagari vowel signs), compiled with
IGNORECASE | VERBOSE like the artefact catalog, so a literal space is written ``\\s``. They are matched against
the *matching key* of the text (:mod:`kamclean.text.keys`), so nukta and chandrabindu spellings need not be listed.

* ``{name}`` expands a vocabulary (a list of alternatives in the file's ``vocab`` section); a space inside a
  vocabulary entry means "one or more spaces".
* ``\\S`` never matches the (invisible) separator between sentences, so no pattern spans two sentences.
* A pattern is wrapped in word boundaries that understand Devanagari: it cannot start or end inside a word
  (``\\b`` is not used: a word here includes vowel signs, nukta, virama, ZWJ/ZWNJ and digits).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import regex

from kamclean.text.keys import key_pattern

WORDCHAR = r"[\p{L}\p{M}\p{N}\u200c\u200d]"
# A boundary is enforced only between two word characters: "कर" must not match inside "करना", but a pattern
# that starts or ends with "$" or "%" may touch a digit ("$51", "8%").
START = rf"(?:(?<!{WORDCHAR})|(?!{WORDCHAR}))"
END = rf"(?:(?!{WORDCHAR})|(?<!{WORDCHAR}))"
FLAGS = regex.IGNORECASE | regex.VERBOSE | regex.VERSION0
_PLACEHOLDER = regex.compile(r"\{([a-z_][a-z0-9_]*)\}")


class DataError(Exception):
    """A rule data file that cannot be used; the message names the file and the entry."""


def did_you_mean(key: str, known: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_keys(
    entry: dict[str, Any], allowed: tuple[str, ...], required: tuple[str, ...], where: str
) -> None:
    if not isinstance(entry, dict):
        raise DataError(f"{where}: expected a mapping")
    for k in entry:
        if k not in allowed:
            raise DataError(f"{where}: unknown key '{k}'{did_you_mean(str(k), allowed)}")
    missing = [k for k in required if k not in entry]
    if missing:
        raise DataError(f"{where}: missing {', '.join(missing)}")


def load_yaml(path: Path, origin: str) -> Any:
    import yaml

    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise DataError(f"{origin}: cannot read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{origin}: not valid YAML ({str(exc).splitlines()[0]})") from None


def parse_vocab(data: Any, where: str, base: dict[str, tuple[str, ...]] | None = None) -> dict[str, tuple[str, ...]]:
    vocab = dict(base or {})
    if data is None:
        return vocab
    if not isinstance(data, dict):
        raise DataError(f"{where}: 'vocab' must map names to lists of strings")
    for name, alts in data.items():
        if not isinstance(alts, list) or not all(isinstance(a, str) for a in alts):
            raise DataError(f"{where}: vocab {name} must be a list of strings")
        vocab[name] = tuple(vocab.get(name, ())) + tuple(alts)
    return vocab


def expand(pattern: str, vocab: dict[str, tuple[str, ...]], where: str) -> str:
    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in vocab:
            raise DataError(f"{where}: unknown vocabulary {{{name}}}{did_you_mean(name, sorted(vocab))}")
        alts = sorted(vocab[name], key=len, reverse=True)  # longest first
        return "(?:" + "|".join(regex.sub(r"(?<!\\) +", r"\\s+", a) for a in alts) + ")"

    return _PLACEHOLDER.sub(sub, pattern)


def fragment(pattern: str, vocab: dict[str, tuple[str, ...]], where: str) -> str:
    """A pattern as regex source in key space, vocabularies expanded, checked to compile."""
    # \\S must not run over the separator between units in the article's key blob
    src = key_pattern(expand(pattern, vocab, where)).replace(r"\S", r"[^\s\x00]")
    try:
        regex.compile(src, FLAGS)
    except regex.error as exc:
        raise DataError(f"{where}: bad pattern {pattern!r}: {exc}") from None
    return src


def compile_source(src: str, where: str) -> regex.Pattern[str]:
    try:
        return regex.compile(src, FLAGS)
    except regex.error as exc:
        raise DataError(f"{where}: bad pattern: {exc}") from None


def bounded(src: str) -> str:
    """``src`` that must start and end on word boundaries."""
    return f"{START}(?:{src}){END}"
