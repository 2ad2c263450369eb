"""`kamclean run` and friends through click's CliRunner: outputs, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kamclean.cli import cli

from ..conftest import SAMPLE


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    (raw / "careers").mkdir(parents=True)
    (raw / "careers" / "kam.txt").write_bytes(SAMPLE.read_bytes())
    (raw / "short.txt").write_text("लेखाकार का काम\n\nएक लेखाकार हिसाब रखता है।\n", encoding="utf-8")
    return raw


def test_run_mirrors_folders_and_writes_summary(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["run", str(tree), str(out)])
    assert res.exit_code == 0, res.output
    assert (out / "careers" / "kam.json").is_file()
    assert (out / "short.json").is_file()
    summary = json.loads((out / ".kamclean" / "summary.json").read_text(encoding="utf-8"))
    assert summary["articles"] == 2 and summary["failed"] == []
    assert [d["path"] for d in summary["documents"]] == ["careers/kam.txt", "short.txt"]
    doc = json.loads((out / "careers" / "kam.json").read_text(encoding="utf-8"))
    assert doc["source"]["path"] == "careers/kam.txt"  # relative, never absolute
    assert str(tmp_path) not in (out / "careers" / "kam.json").read_text(encoding="utf-8")


def test_bad_files_are_named_listed_and_do_not_stop_the_run(tree: Path, tmp_path: Path) -> None:
    (tree / "latin1.txt").write_bytes(b"caf\xe9 au lait")
    (tree / "empty.txt").write_bytes(b"")
    (tree / "blank.txt").write_bytes(b"   \n\n")
    (tree / "image.png").write_bytes(b"\x89PNG\r\n")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["run", str(tree), str(out)])
    assert res.exit_code == 2
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("kamclean: error:")]
    assert len(errors) == 3
    assert any("latin1.txt: not valid UTF-8" in e for e in errors)
    assert any("empty.txt: empty file" in e for e in errors)
    assert "Traceback" not in res.output + res.stderr
    assert "image.png: skipped" in res.stderr
    summary = json.loads((out / ".kamclean" / "summary.json").read_text(encoding="utf-8"))
    assert summary["articles"] == 2
    assert sorted(f["path"] for f in summary["failed"]) == ["blank.txt", "empty.txt", "latin1.txt"]
    assert summary["skipped"][0]["path"] == "image.png"


@pytest.mark.parametrize("where", ["same", "inside"])
def test_refuses_out_inside_raw(tree: Path, where: str) -> None:
    out = tree if where == "same" else tree / "cleaned"
    res = CliRunner().invoke(cli, ["run", str(tree), str(out)])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and "kamclean: error:" in res.stderr


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["run", str(tmp_path / "nope"), str(tmp_path / "out")])
    assert res.exit_code == 2
    assert "no such file or folder" in res.stderr


def test_jobs_output_is_byte_identical(tree: Path, tmp_path: Path) -> None:
    for i in range(6):
        (tree / f"copy{i}.txt").write_bytes(SAMPLE.read_bytes())
    a, b = tmp_path / "a", tmp_path / "b"
    assert CliRunner().invoke(cli, ["run", str(tree), str(a)]).exit_code == 0
    assert CliRunner().invoke(cli, ["run", "--jobs", "2", str(tree), str(b)]).exit_code == 0
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes()


def test_output_is_deterministic(tree: Path, tmp_path: Path) -> None:
    CliRunner().invoke(cli, ["run", str(tree), str(tmp_path / "x")])
    CliRunner().invoke(cli, ["run", str(tree), str(tmp_path / "y")])
    assert (tmp_path / "x" / "short.json").read_bytes() == (tmp_path / "y" / "short.json").read_bytes()


def test_schema_and_validate(tree: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["schema"])
    assert res.exit_code == 0 and json.loads(res.output)["title"] == "kamclean document"
    out = tmp_path / "out"
    CliRunner().invoke(cli, ["run", str(tree), str(out)])
    ok = CliRunner().invoke(cli, ["validate", str(out / "short.json")])
    assert ok.exit_code == 0 and "valid" in ok.output
    broken = tmp_path / "broken.json"
    doc = json.loads((out / "short.json").read_text(encoding="utf-8"))
    del doc["sections"]
    broken.write_text(json.dumps(doc), encoding="utf-8")
    bad = CliRunner().invoke(cli, ["validate", str(broken)])
    assert bad.exit_code == 2 and "sections" in bad.stderr


def test_unknown_config_key_suggests(tmp_path: Path, tree: Path) -> None:
    cfg = tmp_path / "kamclean.toml"
    cfg.write_text('ignor = ["KC-A001"]\n', encoding="utf-8")
    res = CliRunner().invoke(cli, ["--config", str(cfg), "run", str(tree), str(tmp_path / "o")])
    assert res.exit_code == 2
    assert "unknown key 'ignor'" in res.stderr and "did you mean 'ignore'" in res.stderr


def test_ignored_artefact_rule_keeps_its_text(tmp_path: Path, tree: Path) -> None:
    cfg = tmp_path / "kamclean.toml"
    cfg.write_text('ignore = ["KC-A008"]\n', encoding="utf-8")
    out = tmp_path / "o"
    assert CliRunner().invoke(cli, ["--config", str(cfg), "run", str(tree), str(out)]).exit_code == 0
    doc = json.loads((out / "careers" / "kam.json").read_text(encoding="utf-8"))
    assert "KC-A008" not in {r["rule"] for r in doc["removed"]}


def test_explain_unknown_rule(tree: Path) -> None:
    res = CliRunner().invoke(cli, ["explain", "KC-A0002"])
    assert res.exit_code == 2 and "did you mean KC-A002" in res.stderr


def test_run_leaves_out_the_html_page_for_large_runs(tree: Path, tmp_path: Path, monkeypatch) -> None:
    from kamclean.cli import run as run_module

    monkeypatch.setattr(run_module, "REPORT_MAX_DOCUMENTS", 1)
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["run", "--jobs", "1", str(tree), str(out)])
    assert res.exit_code == 0, res.output
    assert not (out / ".kamclean" / "report.html").exists()
    assert "too many for one HTML page" in res.stderr
    monkeypatch.setattr(run_module, "REPORT_MAX_DOCUMENTS", 2)
    res = CliRunner().invoke(cli, ["run", "--jobs", "1", "--force", str(tree), str(out)])
    assert (out / ".kamclean" / "report.html").is_file()
