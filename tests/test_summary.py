"""The run summary is written streaming, byte for byte what the whole-summary encoder gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamclean.emit.document import dumps_bytes
from kamclean.runner import RESERVED_DIR, SUMMARY_NAME, Manifest, build_summary, write_summary
from kamclean.store import open_store


def _manifest(n: int) -> Manifest:
    m = Manifest("f" * 16)
    for i in range(n):
        rel = f"dir/ल{i:03d}.txt"
        docs = [
            {
                "path": rel,
                "output": rel[:-4] + ".json",
                "removed": i % 3,
                "flags": {"critical": 0, "major": i % 2, "minor": 2},
                "verdict": "review",
            }
        ]
        m.put(rel, {"sha256": "0" * 64, "outputs": [rel[:-4] + ".json"], "documents": docs, "failed": []})
    m.put(
        "shard.jsonl",
        {
            "sha256": "1" * 64,
            "outputs": ["shard.jsonl"],
            "documents": [
                {
                    "path": "shard.jsonl",
                    "id": 'a"b',
                    "output": "shard.jsonl",
                    "removed": 0,
                    "flags": {"critical": 1, "major": 0, "minor": 0},
                },
            ],
            "failed": [{"path": "shard.jsonl:2", "reason": "no text\n(empty)"}],
        },
    )
    return m


@pytest.mark.parametrize("n", [0, 1, 7, 40])
@pytest.mark.parametrize("deleted", [[], [{"path": "old.txt", "outputs": ["old.json"]}]])
def test_streamed_bytes_equal_the_whole_encoding(tmp_path: Path, n: int, deleted: list) -> None:
    manifest = _manifest(n) if n else Manifest("f" * 16)
    errors = {"bad.txt": [{"path": "bad.txt", "reason": 'cannot read "x"'}]}
    skipped = [("img.png", "not an article")]
    store = open_store(str(tmp_path))
    got = write_summary(store, manifest, errors, skipped, deleted, keep=10)
    whole = build_summary(manifest, errors, skipped, deleted)
    assert (tmp_path / RESERVED_DIR / SUMMARY_NAME).read_bytes() == dumps_bytes(whole)
    expect = dict(whole)
    if whole["articles"] > 10:
        del expect["documents"]  # a large run keeps only the totals in memory
    assert got == expect


def test_through_an_fsspec_store() -> None:
    pytest.importorskip("fsspec")
    store = open_store("memory://kamclean-summary-test")
    manifest = _manifest(3)
    write_summary(store, manifest, {}, [], [])
    assert store.read_bytes(f"{RESERVED_DIR}/{SUMMARY_NAME}") == dumps_bytes(build_summary(manifest, {}, [], []))
