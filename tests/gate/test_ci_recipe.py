"""The CI recipe files are what the README promises."""

from __future__ import annotations

from pathlib import Path

import regex
import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_pre_commit_hook() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "kamclean-check" and hook["entry"] == "kamclean check"
    files = regex.compile(hook["files"])
    assert files.search("raw/careers/a.txt") and files.search("raw/a.txt")
    assert not files.search("cleaned/a.json") and not files.search("raw/a.md")


def test_workflow_runs_the_gate_and_uploads_sarif() -> None:
    text = (ROOT / ".github" / "workflows" / "kamclean.yml").read_text(encoding="utf-8")
    wf = yaml.safe_load(text)
    steps = wf["jobs"]["check"]["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    assert "kamclean check --format github" in runs and "--format sarif -o kamclean.sarif" in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "kamclean.sarif"
    assert wf["permissions"]["security-events"] == "write"
    # the README shows the same workflow
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "github/codeql-action/upload-sarif@v3" in readme and "kamclean check --format github" in readme
