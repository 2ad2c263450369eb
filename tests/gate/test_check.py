"""`kamclean check`: exit codes, thresholds, errors, the human text output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from wcwidth import width

from kamclean.checks import registry
from kamclean.cli import cli
from kamclean.cli.check import _use_color
from kamclean.config import Config
from kamclean.emit.reporters.text import window

from ..conftest import SAMPLE
from .conftest import CLEAN, DIRTY


def check(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["check", *args])


# ------------------------------------------------------------------------------------- against the real rules


@pytest.mark.skipif(not registry.all_rules(Config()), reason="no check rules registered")
def test_sample_fails_at_major() -> None:
    res = check("--fail-on", "major", str(SAMPLE))
    assert res.exit_code == 1, res.output
    assert "key-account-manager.txt:" in res.output


def test_clean_article_of_our_own_passes(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    res = check("--fail-on", "major", str(tmp_path / "clean.txt"))
    assert res.exit_code == 0, res.output


# ------------------------------------------------------------------------------- gate mechanics (test rules)


def test_dirty_fails_clean_passes(articles: Path, fake_rules: None) -> None:
    assert check("raw/dirty.txt").exit_code == 1
    res = check("raw/clean.txt")
    assert res.exit_code == 0 and "All checks passed (1 article)" in res.output


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        ("वह ढिमका है।", "major", 0),  # minor only
        ("वह ढिमका है।", "minor", 1),
        ("वह फलाना है।", "critical", 0),  # major only
        ("वह फलाना है।", "major", 1),
        ("यह गड़बड़झाला है।", "critical", 1),
    ],
)
def test_threshold(tmp_path: Path, fake_rules: None, text: str, fail_on: str, code: int) -> None:
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    assert check("--fail-on", fail_on, str(tmp_path / "a.txt")).exit_code == code


def test_threshold_default_comes_from_config(articles: Path, fake_rules: None) -> None:
    (articles / "minor.txt").write_text("वह ढिमका है।\n", encoding="utf-8")
    assert check("raw/minor.txt").exit_code == 0  # default fail_on = major
    Path("kamclean.toml").write_text('fail_on = "minor"\n', encoding="utf-8")
    assert check("raw/minor.txt").exit_code == 1
    assert check("--fail-on", "major", "raw/minor.txt").exit_code == 0  # the option wins


def test_exit_zero(articles: Path, fake_rules: None) -> None:
    res = check("--exit-zero", "raw")
    assert res.exit_code == 0
    assert "raw/dirty.txt:3:4:" in res.output  # findings still reported


def test_folders_are_searched_for_txt_in_order(articles: Path, fake_rules: None) -> None:
    (articles / "sub").mkdir()
    (articles / "sub" / "z.txt").write_text(DIRTY, encoding="utf-8")
    (articles / "notes.md").write_text(DIRTY, encoding="utf-8")
    (articles / ".hidden.txt").write_text(DIRTY, encoding="utf-8")
    res = check("--format", "json", "raw")
    data = json.loads(res.stdout)
    assert data["summary"]["articles"] == 3
    assert sorted({f["path"] for f in data["findings"]}) == ["raw/dirty.txt", "raw/sub/z.txt"]


@pytest.mark.parametrize(
    "args",
    [
        ["--fail-on", "bogus", "raw"],
        ["--format", "xml", "raw"],
        ["--frobnicate", "raw"],
        [],  # no path
        ["raw/nope.txt"],  # no such file
        ["--baseline", "missing.json", "raw"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(articles: Path, args: list[str]) -> None:
    res = check(*args)
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1, res.stderr
    assert res.stderr.startswith("kamclean: error:")
    assert "Traceback" not in res.output + res.stderr


def test_bad_config_exit_2(articles: Path) -> None:
    Path("kamclean.toml").write_text('fail_onn = "minor"\n', encoding="utf-8")
    res = check("raw")
    assert res.exit_code == 2 and "did you mean 'fail_on'" in res.stderr


def test_unreadable_article_exit_2_but_others_are_checked(articles: Path, fake_rules: None) -> None:
    (articles / "latin1.txt").write_bytes(b"caf\xe9")
    res = check("--format", "json", "raw")
    assert res.exit_code == 2
    assert "raw/latin1.txt: not valid UTF-8" in res.stderr
    data = json.loads(res.stdout)
    assert data["summary"]["articles"] == 2 and data["errors"][0]["path"] == "raw/latin1.txt"
    assert check("--exit-zero", "raw").exit_code == 2  # --exit-zero covers findings, not errors


def test_positions_point_into_the_raw_file(tmp_path: Path, fake_rules: None) -> None:
    # BOM, CRLF, a zero-width space and a no-break space before the span: the column is in the raw line
    raw = "\ufeffशीर्षक यहाँ\r\n\r\nक\u200bख\u00a0ग फलाना है।\r\n".encode()
    (tmp_path / "a.txt").write_bytes(raw)
    data = json.loads(check("--format", "json", str(tmp_path / "a.txt")).stdout)
    (f,) = data["findings"]
    line = raw.decode("utf-8-sig").split("\r\n")[f["line"] - 1]
    assert line[f["column"] - 1 : f["end_column"] - 1] == "फलाना"


# ------------------------------------------------------------------------------------------------- the text


def test_text_output_underlines_the_span(articles: Path, fake_rules: None) -> None:
    res = check("raw/dirty.txt")
    block = res.stdout.split("\n\n")[3]  # the finding on "गड़बड़झाला", line 7
    head, _, src, carets, *_ = block.split("\n")
    assert head.startswith("raw/dirty.txt:7:20: KC-S903 [critical] test-word-903:")
    shown = src.split(" | ", 1)[1]
    pad = carets.split(" | ", 1)[1]
    prefix = shown[: shown.index("गड़बड़झाला")]
    # the carets start at the display column of the span and are as wide as it: nukta, virama and the
    # conjunct take no column of their own, so code points would overshoot
    assert pad.index("^") == width(prefix) < len(prefix)
    assert pad.count("^") == width("गड़बड़झाला") < len("गड़बड़झाला")
    assert "Found 4 findings in 1 article (1 critical, 2 major, 1 minor); 3 at or above --fail-on major." in (
        res.output
    )


def test_long_lines_are_windowed_around_the_span() -> None:
    line = "क " * 200 + "फलाना" + " ख" * 200
    start = line.index("फलाना")
    shown, pad, span_w = window(line, start, start + 5, budget=60)
    assert width(shown) <= 62
    assert shown.startswith("…") and shown.endswith("…")
    assert shown[len(shown[:pad]) :].count("फलाना") == 1
    assert width(shown[: shown.index("फलाना")]) == pad and span_w == width("फलाना")


def test_no_colour_when_piped_or_no_color(articles: Path, fake_rules: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in check("raw").output  # CliRunner is not a terminal
    assert "\x1b[" in check("--color", "always", "raw").output

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _use_color("auto", Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert _use_color("auto", Tty()) is False
    assert _use_color("always", Tty()) is True


def test_output_file(articles: Path, fake_rules: None) -> None:
    res = check("--format", "sarif", "-o", "out/kamclean.sarif", "raw")
    assert res.exit_code == 1 and res.output == ""
    assert json.loads(Path("out/kamclean.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_window_on_long_lines_equals_the_whole_line_computation() -> None:
    """Cutting a long line to a stretch around the span never changes what is shown."""
    import random

    from kamclean.emit.reporters.text import _window, window

    rng = random.Random(5)
    pieces = [
        "कर्मचारी",
        "प्रबंधक",
        "है।",
        "का",
        "ज़िम्मेदारी",
        "sales",
        "$51,933",
        "\u200d",
        "\u0301",
        " ",
        "  ",
        "🇮🇳",
        "👩\u200d💻",
        "\t",
        "क्\u200dष",
        "、",
        "漢字",
    ]
    for _ in range(300):
        words = [rng.choice(pieces) for _ in range(rng.choice([5, 200, 900]))]
        line = " ".join(words)
        start = rng.randrange(len(line))
        end = min(len(line), start + rng.randrange(1, 30))
        budget = rng.choice([40, 96])
        full = _window(line[:start], line[start:end], line[end:], budget)[:3]
        assert window(line, start, end, budget) == full
