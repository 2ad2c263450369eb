"""Baselines: accepting a finding turns the gate green, a new finding turns it red again, edits elsewhere do
not churn fingerprints, entries that match nothing are stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kamclean.checks import registry
from kamclean.cli import cli
from kamclean.config import Config

from ..conftest import SAMPLE

BASE = ".kamclean-baseline.json"


def kc(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def gate(*paths: str) -> int:
    return kc("check", "--baseline", BASE, *(paths or ("raw",))).exit_code


def entries() -> list[dict]:
    return json.loads(Path(BASE).read_text(encoding="utf-8"))["entries"]


def test_accepting_findings_turns_the_gate_green_and_a_new_one_red(articles: Path, fake_rules: None) -> None:
    assert kc("check", "raw").exit_code == 1
    res = kc("baseline", "accept", "raw/dirty.txt", "--rule", "KC-S903", "--reason", "quoted speech")
    assert res.exit_code == 0, res.output
    assert gate() == 1  # the two major findings still fail
    res = kc("baseline", "accept", "raw/dirty.txt", "--rule", "KC-S901", "--reason", "a proper name")
    assert res.exit_code == 2 and "2 findings match" in res.stderr  # ambiguous without --all
    assert (
        kc(
            "baseline", "accept", "raw/dirty.txt", "--rule", "KC-S901", "--all", "--reason", "a name"
        ).exit_code
        == 0
    )
    assert gate() == 0
    assert {e["reason"] for e in entries()} == {"quoted speech", "a name"}

    # an edit elsewhere (a new first line, a rewritten heading) keeps every finding matched
    dirty = Path("raw/dirty.txt")
    text = dirty.read_text(encoding="utf-8")
    dirty.write_text("नई पंक्ति\n\n" + text.replace("समस्याएँ", "दफ़्तर की समस्याएँ"), encoding="utf-8")
    res = kc("check", "--baseline", BASE, "raw")
    assert res.exit_code == 0 and "3 findings hidden by the baseline" in res.stdout
    assert res.stderr == ""  # nothing stale

    # a new finding of the same rule, in new words, fails the gate again; only it is reported
    dirty.write_text(dirty.read_text(encoding="utf-8") + "\nकल एक फलाना आदमी आया।\n", encoding="utf-8")
    res = kc("check", "--baseline", BASE, "raw")
    assert res.exit_code == 1
    assert res.stdout.count("KC-S901 [major]") == 1 and "कल एक फलाना आदमी आया।" in res.stdout


def test_accept_by_line_and_by_fingerprint(articles: Path, fake_rules: None) -> None:
    data = json.loads(kc("check", "--format", "json", "raw").stdout)
    fp = next(f["fingerprint"] for f in data["findings"] if f["line"] == 1)
    assert kc("baseline", "accept", "raw/dirty.txt", fp[:8], "--reason", "title").exit_code == 0
    assert kc("baseline", "accept", "raw/dirty.txt", "--line", "7", "--reason", "quote").exit_code == 0
    assert {(e["fingerprint"], e["reason"]) for e in entries()} >= {(fp, "title")}
    assert len(entries()) == 2
    res = kc("baseline", "accept", "raw/dirty.txt", "--line", "5", "--reason", "x")
    assert res.exit_code == 2 and "no finding matches" in res.stderr
    res = kc("baseline", "accept", "raw/dirty.txt", "--line", "7", "--reason", "  ")
    assert res.exit_code == 2 and "--reason" in res.stderr


def test_create_update_and_stale(articles: Path, fake_rules: None) -> None:
    assert kc("baseline", "create", "raw").exit_code == 0
    assert len(entries()) == 4 and all("reason" not in e for e in entries())
    assert gate() == 0
    res = kc("baseline", "create", "raw")
    assert res.exit_code == 2 and "already exists" in res.stderr

    # give one entry a reason; fix one finding in the text: its entry is stale, the gate still passes
    kc("baseline", "accept", "raw/dirty.txt", "--line", "7", "--reason", "kept on purpose")
    dirty = Path("raw/dirty.txt")
    dirty.write_text(dirty.read_text(encoding="utf-8").replace("ढिमका", "दूसरे"), encoding="utf-8")
    res = kc("check", "--baseline", BASE, "--format", "json", "raw")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert [s["rule"] for s in data["stale"]] == ["KC-S902"]
    assert "1 stale baseline entry" in res.stderr

    # checking only another file does not call dirty.txt's entries stale
    res = kc("check", "--baseline", BASE, "raw/clean.txt")
    assert res.exit_code == 0 and res.stderr == ""

    res = kc("baseline", "update", "raw")
    assert res.exit_code == 0 and "0 added, 3 kept, 1 stale removed" in res.stdout
    assert [e["rule"] for e in entries()] == ["KC-S901", "KC-S901", "KC-S903"]
    assert next(e for e in entries() if e["rule"] == "KC-S903")["reason"] == "kept on purpose"  # reasons kept


def test_baseline_file_is_deterministic_and_relative(articles: Path, fake_rules: None) -> None:
    kc("baseline", "create", "raw")
    first = Path(BASE).read_bytes()
    Path(BASE).unlink()
    kc("baseline", "create", "raw")
    assert Path(BASE).read_bytes() == first
    assert str(articles.parent) not in first.decode("utf-8")
    keys = [(e["path"], e["rule"], e["fingerprint"]) for e in entries()]
    assert keys == sorted(keys)
    assert {e["path"] for e in entries()} == {"raw/dirty.txt"}


def test_baseline_works_from_another_folder(articles: Path, fake_rules: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    kc("baseline", "create", "raw")
    monkeypatch.chdir(articles)  # paths now differ from the current folder, not from the baseline's
    res = kc("check", "--baseline", f"../{BASE}", "dirty.txt")
    assert res.exit_code == 0 and "4 findings hidden" in res.stdout


def test_a_broken_baseline_is_an_error(articles: Path) -> None:
    Path(BASE).write_text("{not json", encoding="utf-8")
    res = kc("check", "--baseline", BASE, "raw")
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "not valid JSON" in res.stderr
    Path(BASE).write_text('{"schema": "other"}', encoding="utf-8")
    assert "not a kamclean baseline" in kc("check", "--baseline", BASE, "raw").stderr


@pytest.mark.skipif(not registry.all_rules(Config()), reason="no check rules registered")
def test_on_the_sample_accepting_every_failing_finding_turns_green(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    Path("raw").mkdir()
    art = Path("raw/kam.txt")
    art.write_bytes(SAMPLE.read_bytes())
    data = json.loads(kc("check", "--format", "json", str(art)).stdout)
    failing = [f for f in data["findings"] if f["severity"] in ("critical", "major")]
    assert failing
    for f in failing:
        res = kc("baseline", "accept", str(art), f["fingerprint"], "--reason", "reviewed")
        assert res.exit_code == 0, res.output
    assert gate(str(art)) == 0
    # the first failing finding's paragraph appears again: a new finding, red again
    doc_text = art.read_text(encoding="utf-8")
    line = doc_text.split("\n")[failing[0]["line"] - 1]
    art.write_text(doc_text.rstrip("\n") + "\n\n" + line + "\n", encoding="utf-8")
    assert gate(str(art)) == 1
