"""The user's own glossary entries and term sets, from the config file, with no code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kamclean.cli import cli

GLOSSARY = """\
entries:
  - id: KC-G901
    name: outsourcing-as-outer-source
    english: outsourcing
    severity: minor
    wrong: 'बाहरी\\s+स्रोत'
    use: [आउटसोर्सिंग]
    when:
      sentence_has: 'कंपनी|काम'
    note: Outsourcing is आउटसोर्सिंग.
    example: कंपनी बाहरी स्रोत से काम कराती है।
"""

TERMS = """\
sets:
  - id: KC-T901
    name: inconsistent-laptop
    english: laptop
    variants: ['लैपटॉप', 'लेपटॉप']
    note: one spelling
    example: लैपटॉप … लेपटॉप
"""


def _setup(tmp: Path, glossary: str = GLOSSARY, terms: str = TERMS) -> None:
    (tmp / "mine.yaml").write_text(glossary, encoding="utf-8")
    (tmp / "terms.yaml").write_text(terms, encoding="utf-8")
    (tmp / "kamclean.toml").write_text(
        'glossary = ["mine.yaml"]\nterms = ["terms.yaml"]\n[severity]\n"KC-G901" = "major"\n',
        encoding="utf-8",
    )
    raw = tmp / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(
        "कंपनी बाहरी स्रोत से काम कराती है। नया लैपटॉप आया। पुराना लैपटॉप खराब है। लेपटॉप महंगा है।\n", encoding="utf-8"
    )


def test_user_glossary_and_terms_apply(tmp_path: Path) -> None:
    import json

    _setup(tmp_path)
    cfg = str(tmp_path / "kamclean.toml")
    r = CliRunner().invoke(cli, ["--config", cfg, "run", "--no-progress", str(tmp_path / "raw"), str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    flags = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))["flags"]
    by_rule = {f["rule"]: f for f in flags}
    assert by_rule["KC-G901"]["text"] == "बाहरी स्रोत"
    assert by_rule["KC-G901"]["severity"] == "major"  # the config's override
    assert by_rule["KC-T901"]["text"] == "लेपटॉप" and by_rule["KC-T901"]["suggestion"] == "लैपटॉप"
    listed = CliRunner().invoke(cli, ["--config", cfg, "rules"]).output
    assert "KC-G901" in listed and "KC-T901" in listed
    explained = CliRunner().invoke(cli, ["--config", cfg, "explain", "KC-G901"]).output
    assert "Outsourcing is आउटसोर्सिंग." in explained


def test_unknown_key_in_a_user_glossary_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    _setup(tmp_path, glossary=GLOSSARY.replace("    note:", "    nots:"))
    r = CliRunner().invoke(cli, ["--config", str(tmp_path / "kamclean.toml"), "rules"])
    assert r.exit_code == 2
    assert "unknown key 'nots'" in r.output and "did you mean 'note'" in r.output


def test_unknown_condition_and_bad_pattern_are_errors(tmp_path: Path) -> None:
    _setup(tmp_path, glossary=GLOSSARY.replace("sentence_has", "sentense_has"))
    r = CliRunner().invoke(cli, ["--config", str(tmp_path / "kamclean.toml"), "rules"])
    assert r.exit_code == 2 and "did you mean 'sentence_has'" in r.output
    (tmp_path / "x").mkdir()
    _setup(tmp_path / "x", terms=TERMS.replace("'लेपटॉप'", "'लेप(टॉप'"))
    r = CliRunner().invoke(cli, ["--config", str(tmp_path / "x" / "kamclean.toml"), "rules"])
    assert r.exit_code == 2 and "bad pattern" in r.output


def test_a_user_id_may_not_reuse_a_packaged_one(tmp_path: Path) -> None:
    _setup(tmp_path, glossary=GLOSSARY.replace("KC-G901", "KC-G001"))
    r = CliRunner().invoke(cli, ["--config", str(tmp_path / "kamclean.toml"), "rules"])
    assert r.exit_code == 2 and "duplicate id KC-G001" in r.output


def test_every_lexical_rule_is_documented() -> None:
    from kamclean.checks import registry
    from kamclean.config import Config

    for rule in registry.all_rules(Config()):
        m = rule.meta
        if m.id[3] in "GTR":
            assert m.summary and m.why and m.example and m.instead, m.id
            assert m.name == m.name.lower() and " " not in m.name, m.id


@pytest.mark.parametrize("command", [["check"], ["run"]])
def test_bad_user_artefact_pattern_in_found_config_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """A config found in the current folder (not named with --config) whose artefact file has a broken pattern:
    exit code 2 and one line naming the file and the rule, before any article is touched."""
    (tmp_path / "pyproject.toml").write_text('[tool.kamclean]\nartefacts = ["mine.yaml"]\n', encoding="utf-8")
    (tmp_path / "mine.yaml").write_text(
        "rules:\n  - id: KC-X001\n    name: broken\n    kind: promo\n    scope: line\n    description: x\n"
        "    why: x\n    pattern: '(unclosed'\n",
        encoding="utf-8",
    )
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("शीर्षक\n\nयह एक वाक्य है।\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = [*command, "raw/a.txt"] if command == ["check"] else [*command, "raw", "out"]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 2
    assert r.exception is None or isinstance(r.exception, SystemExit)
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and "mine.yaml" in lines[0] and "KC-X001" in lines[0] and "bad pattern" in lines[0]
    assert not (tmp_path / "out").exists()


def _block_rule(mid: str) -> dict:
    return {
        "rules": [
            {
                "id": "KC-X002",
                "name": "more-stories-box",
                "kind": "related",
                "scope": "line",
                "description": "x",
                "why": "x",
                "pattern": "(?:और\\s+कहानियां|More\\s+Stories)",
                "block": {"line": "[^।\\n]{1,80}", "max_lines": 4, "mid_article": mid},
            }
        ]
    }


def test_user_block_rule_may_take_its_lines_in_mid_article() -> None:
    """A user's block rule with ``mid_article``: the titles hanging right under the header go, the paragraph
    after the blank line stays; a header without ``mid_article`` keeps its lines in mid-article."""
    from kamclean.clean.catalog import load_catalog, parse_catalog
    from kamclean.clean.engine import clean_lines

    lines = ["शीर्षक", "", "पहला वाक्य।", "", "दूसरा वाक्य।", "", "तीसरा वाक्य।", "", "चौथा वाक्य।", "",
             "और कहानियां", "बजट कैसे बनाएं", "", "पांचवां वाक्य।"]
    base = load_catalog()
    mid = parse_catalog(_block_rule({"header": "और\\s+कहानियां", "title": "[^।\\n]{1,80}"}), "mine.yaml", base=base)
    _, removed = clean_lines(lines, mid)
    assert [r.text for r in removed if r.rule == "KC-X002"] == ["और कहानियां", "बजट कैसे बनाएं"]
    rule = _block_rule({})["rules"][0]
    del rule["block"]["mid_article"]
    plain = parse_catalog({"rules": [rule]}, "mine.yaml", base=base)
    _, removed = clean_lines(lines, plain)
    assert [r.text for r in removed if r.rule == "KC-X002"] == ["और कहानियां"]


def test_user_block_mid_article_needs_header_and_title() -> None:
    from kamclean.clean.catalog import CatalogError, load_catalog, parse_catalog

    with pytest.raises(CatalogError, match="mid_article"):
        parse_catalog(_block_rule({"header": "और\\s+कहानियां"}), "mine.yaml", base=load_catalog())
