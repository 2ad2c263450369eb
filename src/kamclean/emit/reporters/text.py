"""Human text, after ruff's full format::

    raw/x.txt:12:5: KC-G001 [major] mistranslated-term: "नुकसान भरपाई" means damages here ...
       |
    12 | …वेतन और नुकसान भरपाई का विवरण…
       |         ^^^^^^^^^^^^
       = suggestion: पारिश्रमिक

The underline is measured in *display* columns, not code points: Devanagari vowel signs, virama and nukta
take no column of their own, so counting code points would push the carets to the right of the span. Widths
come from ``wcwidth.width`` (grapheme-aware: combining marks are 0, wide CJK is 2), and long lines (a
paragraph is one line in these articles) are cut to a window around the span at grapheme boundaries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
import regex
from wcwidth import iter_graphemes, width

if TYPE_CHECKING:
    from kamclean.emit.reporters import Options
    from kamclean.gate import CheckResult, Issue

WINDOW = 96  # display columns of source shown per finding
ELLIPSIS = "…"
_COLOURS = {"critical": ("red", True), "major": ("yellow", True), "minor": ("cyan", False)}


def display_width(text: str) -> int:
    return width(text, control_codes="ignore")


def _printable(text: str) -> str:
    # a tab or control character would move the cursor by an unknown amount: show it as one space
    return "".join(" " if (c == "\t" or ord(c) < 32 or ord(c) == 127) else c for c in text)


def _take(graphemes: list[str], budget: int) -> tuple[list[str], bool]:
    """The longest prefix of ``graphemes`` that fits ``budget`` display columns; whether it was cut."""
    out: list[str] = []
    used = 0
    for g in graphemes:
        w = display_width(g)
        if used + w > budget:
            return out, True
        out.append(g)
        used += w
    return out, False


def window(line: str, start: int, end: int, budget: int = WINDOW) -> tuple[str, int, int]:
    """(shown text, display columns before the span, display width of the span), cut to ``budget`` columns.

    Only a stretch of a few hundred characters on each side of the span is split into graphemes (see
    :func:`_near`), so that a one-line article of a megabyte with many findings costs time per finding, not per
    megabyte; where that stretch does not fill the window, the whole side is used, with the same result.
    """
    before, after = line[:start], line[end:]
    near_before, near_after = _near(before, budget, tail=True), _near(after, budget, tail=False)
    shown = _window(near_before, line[start:end], near_after, budget)
    if (near_before is not before and not shown[3]) or (near_after is not after and not shown[4]):
        shown = _window(before, line[start:end], after, budget)  # the stretch fitted: take the whole side
    return shown[0], shown[1], shown[2]


_NEAR = 4  # stretch kept on each side, in windows' worth of characters
_HARD_BEFORE = regex.compile(r"[\p{Latin}\p{Devanagari}\d ,.;:!?।॥'\"()-]")


def _near(text: str, budget: int, tail: bool) -> str:
    """The end (``tail``) or the start of ``text``, cut at a space that is a grapheme boundary whatever comes
    before it (a space is never joined to what precedes it, except after a "prepend" character, so only spaces
    after a plain letter, digit or punctuation are taken), at least ``_NEAR`` × ``budget`` characters from the
    span; ``text`` itself when it is short or no such space is near."""
    n = _NEAR * budget
    if len(text) <= 2 * n:
        return text
    if tail:
        cut = text.rfind(" ", len(text) - 2 * n, len(text) - n)
        ok = cut > 0 and _HARD_BEFORE.match(text[cut - 1]) is not None
        return text[cut:] if ok else text
    cut = text.find(" ", n, 2 * n)
    ok = cut > 0 and _HARD_BEFORE.match(text[cut - 1]) is not None
    return text[:cut] if ok else text


def _window(before: str, span: str, after: str, budget: int) -> tuple[str, int, int, bool, bool]:
    before, span, after = (_printable(s) for s in (before, span, after))
    span_g, span_cut = _take(list(iter_graphemes(span)), max(budget - 20, 8))
    span_text = "".join(span_g) + (ELLIPSIS if span_cut else "")
    span_w = max(1, display_width(span_text))
    room = max(budget - span_w, 0)
    left_g, left_cut = _take(list(iter_graphemes(before))[::-1], room // 2 if after else room)
    left = "".join(left_g[::-1])
    if left_cut:
        left = ELLIPSIS + left
    right_g, right_cut = _take(list(iter_graphemes(after)), max(room - display_width(left), 0))
    right = "".join(right_g) + (ELLIPSIS if right_cut else "")
    return left + span_text + right, display_width(left), span_w, left_cut, right_cut


def _style(text: str, color: bool, **kw: object) -> str:
    return click.style(text, **kw) if color else text  # type: ignore[arg-type]


def format_issue(i: Issue, color: bool) -> str:
    fg, bold = _COLOURS[i.severity]
    head = (
        f"{_style(f'{i.path}:{i.line}:{i.column}:', color, bold=True)} "
        f"{_style(i.rule, color, fg=fg, bold=True)} [{_style(i.severity, color, fg=fg, bold=bold)}] "
        f"{i.name}: {i.message}"
    )
    start = max(i.column - 1, 0)
    end = i.end_column - 1 if i.end_line == i.line else len(i.source_line)
    shown, pad, span_w = window(i.source_line, start, max(end, start + 1))
    gutter = " " * len(str(i.line))
    lines = [
        head,
        f"{gutter} |",
        f"{_style(str(i.line), color, fg='blue', bold=True)} | {shown}",
        f"{gutter} | {' ' * pad}{_style('^' * span_w, color, fg=fg, bold=True)}",
    ]
    if i.suggestion:
        lines.append(f"{gutter} = suggestion: {i.suggestion}")
    return "\n".join(lines)


def summary(result: CheckResult) -> list[str]:
    active = result.active
    c = result.counts()
    out: list[str] = []
    if active:
        out.append(
            f"Found {len(active)} finding{'s' if len(active) != 1 else ''} in {len(result.files)} "
            f"article{'s' if len(result.files) != 1 else ''} ({c['critical']} critical, {c['major']} major, "
            f"{c['minor']} minor); {len(result.failing)} at or above --fail-on {result.fail_on}."
        )
    else:
        out.append(f"All checks passed ({len(result.files)} article{'s' if len(result.files) != 1 else ''}).")
    if result.failing:
        hint = 'To accept a finding: kamclean baseline accept PATH --line LINE --rule RULE --reason "why"'
        if result.baseline is None:
            hint += ", then check with --baseline .kamclean-baseline.json"
        out.append(hint + ".")
    if result.suppressed:
        accepted = sum(1 for i in result.suppressed if i.suppression and i.suppression.kind == "accepted")
        out.append(
            f"{len(result.suppressed)} finding{'s' if len(result.suppressed) != 1 else ''} hidden by the "
            f"baseline {result.baseline} ({accepted} accepted with a reason)."
        )
    return out


def render(result: CheckResult, options: Options) -> str:
    blocks = [format_issue(i, options.color) for i in result.active]
    tail = "\n".join(summary(result))
    return "\n\n".join([*blocks, tail]) + "\n"
