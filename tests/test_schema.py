"""The fast validator (every run) and the explaining one (`kamclean validate`) agree on what is valid."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from kamclean.config import Config
from kamclean.emit.schema import SchemaError, schema_errors, validate_document
from kamclean.pipeline import process

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return process((ROOT / "raw" / "key-account-manager.txt").read_bytes(), "key-account-manager.txt", Config())


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    d = copy.deepcopy(doc)
    cur = d
    for k in path[:-1]:
        cur = cur[k]
    if value is _DELETE:
        del cur[path[-1]]
    else:
        cur[path[-1]] = value
    return d


_DELETE = object()

MUTATIONS = [
    (("schema",), _DELETE),
    (("source", "sha256"), "not-a-hash"),
    (("flags", 0, "rule"), "KC-1"),
    (("flags", 0, "pointer"), "sections/0"),
    (("flags", 0, "start"), "3"),
    (("flags", 0, "severity"), "fatal"),
    (("flags", 0, "line"), 0),
    (("removed", 0, "rule"), "X"),
    (("sections", 0, "paragraphs"), {}),
    (("language",), {"code": "hi"}),
    (("stats", "removed"), -1.5),
    (("verdict", "verdict"), "maybe"),
]


def test_the_sample_document_is_valid_for_both(doc: dict[str, Any]) -> None:
    validate_document(doc)
    assert schema_errors(doc) == []


@pytest.mark.parametrize(
    ("path", "value"), MUTATIONS, ids=lambda x: "/".join(map(str, x)) if isinstance(x, tuple) else None
)
def test_both_reject_the_same_broken_documents(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    bad = _set(doc, path, value)
    errors = schema_errors(bad)
    assert errors, "the explaining validator must reject it"
    with pytest.raises(SchemaError, match="does not match the schema at /"):
        validate_document(bad)
