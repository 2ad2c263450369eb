"""The machine formats are contracts: SARIF validates against the OASIS schema, JUnit parses, GitHub workflow
commands are well formed and escaped, JSON carries what it promises."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import regex
from click.testing import CliRunner

from kamclean.cli import cli
from kamclean.emit.reporters.github import command, escape_data, escape_property
from kamclean.emit.reporters.markdown import cell

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"


def check(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["check", *args])


@pytest.fixture()
def with_baseline(articles: Path, fake_rules: None) -> Path:
    """dirty.txt with its critical finding accepted, one stale entry, and an unreadable article beside it."""
    res = CliRunner().invoke(
        cli,
        ["baseline", "accept", "raw/dirty.txt", "--rule", "KC-S903", "--reason", "a quotation, kept as is"],
    )
    assert res.exit_code == 0, res.output
    base = json.loads(Path(".kamclean-baseline.json").read_text(encoding="utf-8"))
    stale = dict(base["entries"][0], fingerprint="0" * 16, text="पुराना")
    base["entries"].append(stale)
    Path(".kamclean-baseline.json").write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
    (articles / "broken.txt").write_bytes(b"\xff\xfe\x00\x00")
    return Path(".kamclean-baseline.json")


def test_sarif_validates_against_the_schema(with_baseline: Path) -> None:
    res = check("--format", "sarif", "--baseline", str(with_baseline), "raw")
    assert res.exit_code == 2  # the unreadable article
    sarif = json.loads(res.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(sarif), key=str)
    assert errors == [], errors[0].message if errors else ""

    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"KC-S901", "KC-S902", "KC-S903"}
    r = rules["KC-S901"]
    assert r["name"] == "test-word-901" and r["shortDescription"]["text"] and r["fullDescription"]["text"]
    assert "What it does" in r["help"]["text"] and r["help"]["markdown"]
    levels = {res["ruleId"]: res["level"] for res in run["results"]}
    assert levels == {"KC-S901": "warning", "KC-S902": "note", "KC-S903": "error"}
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert regex.fullmatch(r"[0-9a-f]{16}", result["partialFingerprints"]["kamclean/v1"])
    # the accepted finding is reported with its suppression, not dropped
    (suppressed,) = [x for x in run["results"] if "suppressions" in x]
    assert suppressed["ruleId"] == "KC-S903"
    assert suppressed["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "a quotation, kept as is"}
    ]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("broken.txt" in n["message"]["text"] for n in notes)
    assert any("stale baseline entry 0000000000000000" in n["message"]["text"] for n in notes)
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_fingerprints_survive_edits_elsewhere(articles: Path, fake_rules: None) -> None:
    def fingerprints() -> list[str]:
        sarif = json.loads(check("--format", "sarif", "raw/dirty.txt").stdout)
        return [(r["ruleId"], r["partialFingerprints"]["kamclean/v1"]) for r in sarif["runs"][0]["results"]]

    before = fingerprints()
    text = (articles / "dirty.txt").read_text(encoding="utf-8")
    edited = text.replace("समस्याएँ\n", "समस्याएँ और हल\n\nएक नया अनुच्छेद यहाँ जोड़ा गया है।\n")
    (articles / "dirty.txt").write_text("नई पहली पंक्ति\n\n" + edited, encoding="utf-8")
    after = fingerprints()
    assert sorted(after) == sorted(before)
    # but the same word in a new context is a new finding
    (articles / "dirty.txt").write_text(edited + "\nकल फलाना आदमी आया था।\n", encoding="utf-8")
    again = fingerprints()
    assert len(set(again) - set(before)) == 1


def test_junit_parses(with_baseline: Path) -> None:
    res = check("--format", "junit", "--baseline", str(with_baseline), "raw")
    root = ET.fromstring(res.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"raw/clean.txt", "raw/dirty.txt", "raw/broken.txt"}
    dirty = suites["raw/dirty.txt"]
    assert (
        len(dirty.findall("testcase/failure")) == 2
    )  # the two majors; the minor passes, the critical is accepted
    assert len(dirty.findall("testcase/skipped")) == 1
    assert dirty.get("tests") == "4" and dirty.get("failures") == "2" and dirty.get("skipped") == "1"
    assert suites["raw/broken.txt"].find("testcase/error") is not None
    assert root.get("failures") == "2" and root.get("errors") == "1"


GITHUB_LINE = regex.compile(
    r"::(?P<level>error|warning|notice) "
    r"(?P<props>(?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)"
    r"::(?P<message>[^\r\n]*)"
)


def test_github_annotations_are_well_formed(articles: Path, fake_rules: None) -> None:
    (articles / "tricky.txt").write_text("शीर्षक, कोलन: और %\n\nवह फलाना है।\n", encoding="utf-8")
    res = check("--format", "github", "raw")
    lines = res.stdout.splitlines()
    assert len(lines) == 5
    for line in lines:
        m = GITHUB_LINE.fullmatch(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        assert {"file", "line", "col", "endLine", "endColumn", "title"} <= set(props)
        assert props["line"].isdigit() and props["col"].isdigit()
    levels = [GITHUB_LINE.fullmatch(x)["level"] for x in lines]
    assert levels.count("error") == 4 and levels.count("notice") == 1  # minor below the threshold


def test_github_escaping() -> None:
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    line = command("error", "line1\nline2 100%", file="raw/a,b.txt", line=3, title="KC-G001 x:y")
    assert line == "::error file=raw/a%2Cb.txt,line=3,title=KC-G001 x%3Ay::line1%0Aline2 100%25"
    assert GITHUB_LINE.fullmatch(line)


def test_json_output(with_baseline: Path) -> None:
    data = json.loads(check("--format", "json", "--baseline", str(with_baseline), "raw").stdout)
    assert data["schema"] == "kamclean.check/1" and data["passed"] is False
    assert data["summary"]["findings"] == 3 and data["summary"]["suppressed"] == 1
    assert data["summary"]["failing"] == 2 and data["summary"]["stale"] == 1
    f = next(x for x in data["findings"] if x["rule"] == "KC-S903")
    assert f["suppression"] == {"kind": "accepted", "reason": "a quotation, kept as is"}
    assert f["context"] == "कभी दफ़्तर में [गड़बड़झाला] होता है तब"
    assert data["stale"][0]["fingerprint"] == "0" * 16


def test_markdown_summary(articles: Path, fake_rules: None) -> None:
    md = check("--format", "markdown", "raw").stdout
    assert md.startswith("## kamclean\n") and "❌ **fails**" in md
    rows = [
        ln
        for ln in md.splitlines()
        if ln.startswith("| 🔴") or ln.startswith("| 🟠") or ln.startswith("| 🔵")
    ]
    assert len(rows) == 4
    assert cell("a|b `c` <i>\nd") == "a\\|b \\`c\\` &lt;i&gt; d"
    assert "✅ **passes**" in check("--format", "markdown", "raw/clean.txt").stdout
