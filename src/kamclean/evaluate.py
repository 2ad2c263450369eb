"""Score kamclean's flags and removals against a labelled set of articles: precision and recall.

Label format ------------

A labelled set is a folder. Every article is a raw ``NAME.txt`` (exactly what ``kamclean run`` reads) with a
sibling ``NAME.labels.yaml`` that lists what a careful editor expects::

    removed:                     # every piece of page residue that should be removed
      - "डिजिटल विजन / गेटी इमेजेज"  # its text (surrounding whitespace ignored) ...
      - text: "दिन का वीडियो"
        rule: KC-A004            # ... optionally with the artefact rule expected to remove it
    flags:                       # every translation error that should be flagged
      - "बिक्री और बिक्री"         # the erroneous text, or part of it: any rule may flag it
      - text: "नुकसान भरपाई"
        category: mistranslation # optionally the category expected ...
      - text: "गिनती"
        rule: KC-G002            # ... or the exact rule

Both keys are optional (an article with no errors has an empty file or ``flags: []``); any other key is an
error. Sentences of correct Hindi need no label: every flag raised on them is a false positive.

Matching --------

* A predicted **flag** matches a label when one text contains the other (flags quote exact spans, labels may
  quote a little more or less) and the label's rule / category, if given, equal the flag's. Each label and
  each flag is matched at most once, in reading order.
* A predicted **removal** matches a label when the texts are equal after stripping whitespace (and the rule,
  if given, is equal). Whitespace-only removals are not scored. Removals that touch on one line (a template
  error, then a credit glued after it) also match a label that quotes them together, as one removal.

Scores ------

Precision = matched predictions / predictions; recall = matched labels / labels; F1 their harmonic mean; per
rule, per category and overall. A label that names no rule counts towards the category of the flag that
matched it, or, when nothing matched it, towards its own category (or "(any)" when it names none), so recall
per rule is computed over labels that name that rule or were matched by it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamclean.config import Config

LABEL_SUFFIX = ".labels.yaml"
_KEYS = ("removed", "flags")
_ITEM_KEYS = ("text", "rule", "category")


class LabelError(Exception):
    """A label file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Label:
    text: str
    rule: str | None = None
    category: str | None = None


@dataclass
class Tally:
    tp: int = 0  # matched predictions (for precision)
    fp: int = 0
    hit: int = 0  # matched labels (for recall)
    fn: int = 0

    def row(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.hit / (self.hit + self.fn) if self.hit + self.fn else None
        f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
        return {
            "predicted": self.tp + self.fp,
            "labelled": self.hit + self.fn,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": None if p is None else round(p, 3),
            "recall": None if r is None else round(r, 3),
            "f1": None if f1 is None else round(f1, 3),
        }


@dataclass
class Report:
    articles: int = 0
    flags: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    flag_categories: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    removals: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[dict[str, Any]] = field(default_factory=list)  # false negatives and false positives

    def to_json(self) -> dict[str, Any]:
        def total(t: dict[str, Tally]) -> dict[str, Any]:
            s = Tally()
            for x in t.values():
                s.tp, s.fp, s.hit, s.fn = s.tp + x.tp, s.fp + x.fp, s.hit + x.hit, s.fn + x.fn
            return s.row()

        return {
            "articles": self.articles,
            "flags": {
                # every prediction and every label has a category bucket ("(any)" for a label naming none)
                "overall": total(self.flag_categories),
                "by_rule": {k: v.row() for k, v in sorted(self.flags.items())},
                "by_category": {k: v.row() for k, v in sorted(self.flag_categories.items())},
            },
            "removals": {
                "overall": total(self.removals),
                "by_rule": {k: v.row() for k, v in sorted(self.removals.items())},
            },
            "errors": self.misses,
        }


def _items(raw: Any, where: str, key: str) -> list[Label]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise LabelError(f"{where}: '{key}' must be a list")
    out: list[Label] = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            raise LabelError(f"{where}: {key}[{i}] needs a non-empty 'text'")
        extra = set(item) - set(_ITEM_KEYS)
        if extra:
            from kamclean.checks.patterns import did_you_mean

            k = sorted(extra)[0]
            raise LabelError(f"{where}: {key}[{i}]: unknown key '{k}'{did_you_mean(k, _ITEM_KEYS)}")
        out.append(Label(item["text"].strip(), item.get("rule"), item.get("category")))
    return out


def load_labels(path: Path) -> tuple[list[Label], list[Label]]:
    """(expected removals, expected flags) from one ``.labels.yaml``."""
    from kamclean.checks.patterns import DataError, did_you_mean, load_yaml

    try:
        data = load_yaml(path, str(path)) or {}
    except DataError as exc:
        raise LabelError(str(exc)) from None
    if not isinstance(data, dict):
        raise LabelError(f"{path}: expected a mapping with 'removed' and 'flags'")
    for k in data:
        if k not in _KEYS:
            raise LabelError(f"{path}: unknown key '{k}'{did_you_mean(str(k), _KEYS)}")
    return _items(data.get("removed"), str(path), "removed"), _items(data.get("flags"), str(path), "flags")


def discover(folder: Path) -> list[tuple[Path, Path]]:
    if not folder.is_dir():
        raise LabelError(f"{folder}: not a folder of labelled articles")
    pairs = []
    for txt in sorted(folder.rglob("*.txt")):
        labels = txt.with_name(txt.name[: -len(".txt")] + LABEL_SUFFIX)
        if not labels.is_file():
            raise LabelError(f"{txt}: no label file {labels.name}")
        pairs.append((txt, labels))
    if not pairs:
        raise LabelError(f"{folder}: no .txt articles")
    return pairs


def _flag_match(label: Label, flag: dict[str, Any]) -> bool:
    if label.rule and label.rule != flag["rule"]:
        return False
    if label.category and label.category != flag["category"]:
        return False
    return label.text in flag["text"] or flag["text"] in label.text


def score_article(doc: dict[str, Any], removed: list[Label], flags: list[Label], report: Report, rel: str) -> None:
    report.articles += 1
    # flags
    used: set[int] = set()
    for f in doc["flags"]:
        match = next((i for i, lab in enumerate(flags) if i not in used and _flag_match(lab, f)), None)
        if match is None:
            report.flags[f["rule"]].fp += 1
            report.flag_categories[f["category"]].fp += 1
            report.misses.append({"article": rel, "kind": "false flag", "rule": f["rule"], "text": f["text"]})
            continue
        used.add(match)
        report.flags[f["rule"]].tp += 1
        report.flags[f["rule"]].hit += 1
        report.flag_categories[f["category"]].tp += 1
        report.flag_categories[f["category"]].hit += 1
    for i, lab in enumerate(flags):
        if i in used:
            continue
        if lab.rule:
            report.flags[lab.rule].fn += 1
        report.flag_categories[lab.category or _category_of(lab.rule) or "(any)"].fn += 1
        report.misses.append({"article": rel, "kind": "missed flag", "rule": lab.rule, "text": lab.text})
    # removals: pieces that touch on one line (a template error, then a credit) may be labelled as one removal
    used = set()
    pieces: list[dict[str, Any]] = []
    for group in _touching(doc["removed"]):
        whole = "".join(r["text"] for r in group).strip()
        real = [r for r in group if r.get("kind") != "whitespace"]
        if len(real) > 1:
            rules = {r["rule"] for r in real}
            match = next(
                (
                    i
                    for i, lab in enumerate(removed)
                    if i not in used and lab.text == whole and (not lab.rule or lab.rule in rules)
                ),
                None,
            )
            if match is not None:
                used.add(match)
                report.removals[real[0]["rule"]].tp += 1
                report.removals[real[0]["rule"]].hit += 1
                continue
        pieces.extend(real)
    for r in pieces:
        text = r["text"].strip()
        match = next(
            (
                i
                for i, lab in enumerate(removed)
                if i not in used and lab.text == text and (not lab.rule or lab.rule == r["rule"])
            ),
            None,
        )
        if match is None:
            report.removals[r["rule"]].fp += 1
            report.misses.append({"article": rel, "kind": "false removal", "rule": r["rule"], "text": text})
            continue
        used.add(match)
        report.removals[r["rule"]].tp += 1
        report.removals[r["rule"]].hit += 1
    for i, lab in enumerate(removed):
        if i not in used:
            report.removals[lab.rule or "(any)"].fn += 1
            report.misses.append({"article": rel, "kind": "missed removal", "rule": lab.rule, "text": lab.text})


def _touching(removed: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Removals grouped into runs that touch: same line, each starting where the one before it ended."""
    groups: list[list[dict[str, Any]]] = []
    for r in removed:
        if groups:
            prev = groups[-1][-1]
            line, column = r.get("line"), r.get("column")
            if line is not None and line == prev.get("line") and column == prev.get("column", 0) + len(prev["text"]):
                groups[-1].append(r)
                continue
        groups.append([r])
    return groups


def _category_of(rule: str | None) -> str | None:
    if not rule:
        return None
    from kamclean.checks import registry

    r = registry.get(rule, Config())
    return r.meta.category if r else None


def evaluate(folder: Path, config: Config) -> Report:
    """Process every labelled article under ``folder`` and score it. Raises LabelError for unusable labels."""
    from kamclean.ingest.text import InputError, read_bytes
    from kamclean.pipeline import process

    report = Report()
    for txt, labels in discover(folder):
        removed, flags = load_labels(labels)
        rel = txt.relative_to(folder).as_posix()
        try:
            doc = process(read_bytes(txt, rel), rel, config)
        except InputError as exc:
            raise LabelError(f"{txt}: {exc}") from None
        score_article(doc, removed, flags, report, rel)
    return report


def format_text(report: Report) -> str:
    data = report.to_json()

    def fmt(v: Any) -> str:
        return "-" if v is None else f"{v:.3f}"

    lines = [f"{data['articles']} labelled articles", ""]
    for title, block in (("flags", data["flags"]), ("removals", data["removals"])):
        head = ("pred", "gold", "tp", "fp", "fn", "prec", "rec", "f1")
        widths = (5, 5, 4, 4, 4, 6, 6, 6)
        lines.append(f"{title:24} " + " ".join(f"{h:>{w}}" for h, w in zip(head, widths, strict=True)))
        sections = [("overall", {"all": block["overall"]}), ("by rule", block["by_rule"])]
        if "by_category" in block:
            sections.append(("by category", block["by_category"]))
        for name, rows in sections:
            lines.append(f"  {name}")
            for key, r in rows.items():
                cells = (r["predicted"], r["labelled"], r["tp"], r["fp"], r["fn"])
                cells += (fmt(r["precision"]), fmt(r["recall"]), fmt(r["f1"]))
                row = " ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True))
                lines.append(f"    {key:20} {row}")
        lines.append("")
    if data["errors"]:
        lines.append("errors")
        for e in data["errors"]:
            lines.append(f"  {e['article']}: {e['kind']} {e['rule'] or ''} '{e['text']}'")
    return "\n".join(lines).rstrip() + "\n"
