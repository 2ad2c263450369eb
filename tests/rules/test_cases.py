"""One YAML case file per rule (tests/rules/cases/<RULE>.yaml), every case run here.

Case file format::

    rule: KC-A002
    fail:            # the rule must fire
      - name: ...
        text: "..."  # an article (one or more lines)
        removed: [...]  # artefact rules: exactly these texts are removed by this rule, in order
        kept: [...]     # optional: the content strings that remain
        flags: [...]    # check rules: exactly these spans are flagged by this rule, in reading order;
                        # an item is the flagged text, or {text: ..., suggestion: ...}
    pass:            # the rule must not fire (linguistic traps, look-alikes)
      - name: ...
        text: "..."
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kamclean.clean.catalog import load_catalog
from kamclean.clean.engine import clean_lines

CASES = Path(__file__).parent / "cases"


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _cases() -> list:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        data = _load(path)
        for kind in ("fail", "pass"):
            for case in data.get(kind) or []:
                out.append(pytest.param(data["rule"], kind, case, id=f"{data['rule']}-{kind}-{case['name']}"))
    return out


def _artefact(rule: str, kind: str, case: dict) -> None:
    catalog = load_catalog()
    assert catalog.get(rule) is not None, f"{rule} is not in the catalog"
    lines = case["text"].rstrip("\n").split("\n")
    kept, removed = clean_lines(lines, catalog)
    mine = [r.text for r in removed if r.rule == rule]
    if kind == "fail":
        assert mine == case["removed"]
        if "kept" in case:
            assert [k.text for k in kept if k.pieces] == case["kept"]
    else:
        assert mine == [], f"{rule} fired on a passing case"
    # whatever happened, nothing is lost: kept pieces + removals rebuild each line
    for kl in kept:
        pieces = [(off, t) for off, t in kl.pieces] + [
            (r.column - 1, r.text) for r in removed if r.line == kl.line
        ]
        assert "".join(t for _, t in sorted(pieces)) == lines[kl.line - 1]


@pytest.mark.parametrize(("rule", "kind", "case"), _cases())
def test_case(rule: str, kind: str, case: dict) -> None:
    if rule.startswith("KC-A"):
        _artefact(rule, kind, case)
    else:
        _check(rule, kind, case)


def _check(rule: str, kind: str, case: dict) -> None:
    from kamclean.checks import registry
    from kamclean.config import Config
    from kamclean.pipeline import analyse

    config = Config()
    assert registry.get(rule, config) is not None, f"{rule} is not a registered check rule"
    article = analyse(case["text"].encode("utf-8"), "case.txt", config).article
    texts = {p: t for p, t, _ in article.strings()}
    mine = [f for f in article.flags if f.rule == rule]
    for f in mine:  # the location contract: doc[pointer][start:end] == text
        assert texts[f.pointer][f.start : f.end] == f.text
    if kind == "pass":
        assert mine == [], f"{rule} fired on a passing case: {[f.text for f in mine]}"
        return
    expected = case["flags"]
    assert [f.text for f in mine] == [e if isinstance(e, str) else e["text"] for e in expected]
    for f, e in zip(mine, expected, strict=True):
        if isinstance(e, dict) and "suggestion" in e:
            assert f.suggestion == e["suggestion"]


def test_every_artefact_rule_has_failing_and_passing_cases() -> None:
    for rule in load_catalog().rules:
        path = CASES / f"{rule.id}.yaml"
        assert path.is_file(), f"{rule.id} has no case file {path.name}"
        data = _load(path)
        assert data["rule"] == rule.id
        assert data.get("fail"), f"{rule.id}: no failing case"
        assert data.get("pass"), f"{rule.id}: no passing case"


def test_every_check_rule_has_failing_and_passing_cases() -> None:
    from kamclean.checks import registry
    from kamclean.config import Config

    for rule in registry.all_rules(Config()):
        path = CASES / f"{rule.meta.id}.yaml"
        assert path.is_file(), f"{rule.meta.id} has no case file {path.name}"
        data = _load(path)
        assert data.get("fail") and data.get("pass"), f"{rule.meta.id}: needs failing and passing cases"


def test_rule_ids_are_unique_and_well_formed() -> None:
    ids = [r.id for r in load_catalog().rules]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("KC-A") and len(i) == 7 for i in ids)
