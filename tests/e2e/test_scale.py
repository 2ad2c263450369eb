"""Scale: every executor writes the same bytes, re-runs are incremental, a killed run resumes to a complete
OUT,
JSON Lines / HTML / fsspec inputs, and ids that must never become paths outside OUT."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kamclean.cli import cli
from kamclean.config import Config
from kamclean.runner import run

from ..conftest import SAMPLE

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _article(i: int) -> str:
    # distinct articles built from the sample plus a sentence of our own
    return SAMPLE_TEXT + f"\n\nइस लेख का क्रमांक {i} है और यह जांच के लिए लिखा गया है।\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    (raw / "careers").mkdir(parents=True)
    for i in range(12):
        (raw / ("careers" if i % 2 else "") / f"a{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    (raw / "bad.txt").write_bytes(b"caf\xe9")
    lines = [json.dumps({"id": f"r{i}", "text": _article(100 + i), "url": f"https://example.invalid/{i}"},
                        ensure_ascii=False) for i in range(4)]
    lines.insert(2, "{not json")
    (raw / "shard.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(raw / "packed.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"id": f"g{i}", "text": _article(200 + i), "title": "एक शीर्षक"},
                                ensure_ascii=False) + "\n")
    return raw


def test_sequential_pool_and_dask_write_identical_bytes(corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    seq, pool, dask = tmp_path / "seq", tmp_path / "pool", tmp_path / "dask"
    a = CliRunner().invoke(cli, ["run", "--jobs", "1", str(corpus), str(seq)])
    b = CliRunner().invoke(cli, ["run", "--jobs", "2", str(corpus), str(pool)])
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        c = CliRunner().invoke(
            cli,
            ["run", "--executor", "dask", "--scheduler", cluster.scheduler_address, str(corpus), str(dask)],
        )
    assert a.exit_code == b.exit_code == c.exit_code == 2  # bad.txt and one bad JSONL line
    expected = _tree_bytes(seq)
    assert len(expected) == 12 + 2 + 3  # 12 articles, 2 shards, manifest + summary + report.html
    assert _tree_bytes(pool) == expected
    assert _tree_bytes(dask) == expected


def test_jsonl_shards_give_one_document_per_line(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["run", str(corpus), str(out)])
    assert "shard.jsonl:3: not JSON" in res.stderr  # the bad line is named by file and line number
    docs = [json.loads(line) for line in (out / "shard.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["source"]["id"] for d in docs] == ["r0", "r1", "r2", "r3"]  # the rest of the shard went on
    assert docs[0]["source"]["url"] == "https://example.invalid/0"
    assert docs[0]["source"]["path"] == "shard.jsonl" and docs[0]["source"]["format"] == "jsonl"
    packed = out / "packed.jsonl.gz"
    gdocs = [json.loads(line) for line in gzip.decompress(packed.read_bytes()).decode().splitlines()]
    assert [d["source"]["id"] for d in gdocs] == ["g0", "g1", "g2"]
    # the text has its own title, so the record's title is not used; the text is the same as a .txt article's
    assert gdocs[0]["title"] == "मुख्य खाता प्रबंधक के लिए नौकरी का विवरण"
    summary = json.loads((out / ".kamclean" / "summary.json").read_text(encoding="utf-8"))
    assert {"path": "shard.jsonl:3", "reason": summary["failed"][1]["reason"]} in summary["failed"]
    ids = [d.get("id") for d in summary["documents"] if d["path"] == "shard.jsonl"]
    assert ids == ["r0", "r1", "r2", "r3"]


def test_record_title_is_used_when_the_text_has_none(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    rec = {"id": "t1", "text": "एक लेखाकार हिसाब रखता है। वह रिपोर्ट भी बनाता है।", "title": "लेखाकार का काम"}
    (raw / "s.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    run(str(raw), str(tmp_path / "out"), Config())
    doc = json.loads((tmp_path / "out" / "s.jsonl").read_text(encoding="utf-8"))
    assert doc["title"] == "लेखाकार का काम" and doc["title_line"] is None


# --- incremental runs
# ----------------------------------------------------------------------------------------


def _run(raw: Path, out: Path, *args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["run", "--jobs", "1", *args, str(raw), str(out)])
    return res.exit_code, res.stderr


def test_rerun_skips_unchanged_reprocesses_changed_and_removes_deleted(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(corpus, out)
    first = _tree_bytes(out)
    code, err = _run(corpus, out)
    assert "0 inputs processed, 15 unchanged" in err and code == 2  # bad.txt is still reported
    assert "bad.txt: not valid UTF-8" in err
    assert _tree_bytes(out) == first  # an unchanged re-run writes the same bytes

    (corpus / "a00.txt").write_text(_article(999), encoding="utf-8")
    (corpus / "careers" / "a01.txt").unlink()
    (out / "a02.json").unlink()  # a missing output is made again
    code, err = _run(corpus, out)
    assert "2 inputs processed, 12 unchanged" in err and "1 deleted" in err
    assert "careers/a01.txt: deleted from the input; removed careers/a01.json" in err
    assert not (out / "careers" / "a01.json").exists()
    summary = json.loads((out / ".kamclean" / "summary.json").read_text(encoding="utf-8"))
    assert summary["deleted"] == [{"path": "careers/a01.txt", "outputs": ["careers/a01.json"]}]
    assert "क्रमांक 999" in (out / "a00.json").read_text(encoding="utf-8")

    # the result equals a fresh run of the current input (the summary differs only by "deleted")
    fresh = tmp_path / "fresh"
    _run(corpus, fresh)
    mine, theirs = _tree_bytes(out), _tree_bytes(fresh)
    mine.pop(".kamclean/summary.json")
    theirs.pop(".kamclean/summary.json")
    assert mine == theirs

    code, err = _run(corpus, out, "--force")
    assert "14 inputs processed, 0 unchanged" in err


def test_config_change_reprocesses_everything(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(corpus, out)
    cfg = tmp_path / "kamclean.toml"
    cfg.write_text('ignore = ["KC-A008"]\n', encoding="utf-8")
    res = CliRunner().invoke(cli, ["--config", str(cfg), "run", "--jobs", "1", str(corpus), str(out)])
    assert "15 inputs processed, 0 unchanged" in res.stderr
    assert "configuration changed" in res.stderr


def test_killed_run_resumes_to_the_same_out_as_a_clean_run(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    n = 600
    for i in range(n):
        (raw / f"a{i:04d}.txt").write_text(_article(i), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "kamclean", "run", "--jobs", "2", "--no-progress", str(raw), str(out)]
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        done = len(list(out.glob("*.json"))) if out.exists() else 0
        journal = out / ".kamclean" / "journal"
        # a completed journal segment (not the temporary file of one being written)
        segments = [p for p in journal.iterdir() if not p.name.startswith(".tmp-")] if journal.exists() else []
        if done >= n // 4 and segments:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be killed; use more articles"
    os.kill(proc.pid, signal.SIGKILL)  # the run's main process only, as `kill -9 PID` would
    proc.wait()
    try:  # its pool workers die with it
        for _ in range(200):
            os.killpg(proc.pid, 0)
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("pool workers outlived the killed run")
    except ProcessLookupError:
        pass
    killed_with = len(list(out.glob("*.json")))
    assert 0 < killed_with < n
    assert not (out / ".kamclean" / "summary.json").exists()

    res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    processed = int(res.stderr.split(" inputs processed")[0].rsplit("(", 1)[1])
    assert processed < n  # the journal of the killed run was used

    clean = tmp_path / "clean"
    subprocess.run([*cmd[:-2], str(raw), str(clean)], env=env, check=True, capture_output=True, timeout=120)
    assert _tree_bytes(out) == _tree_bytes(clean)  # documents, manifest and summary: byte for byte


# --- ids, HTML, fsspec -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rid",
    ["../../x", "/etc/passwd", "a/../../b", "a\x00b", ".kamclean/summary", "a//b", "C:\\x", "a\\..\\b", "x\n",
     ""],
)
def test_unsafe_ids_never_become_paths(tmp_path: Path, rid: str) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    recs = [{"id": rid, "text": "एक लेखाकार हिसाब रखता है।"}, {"id": "ok/one", "text": "वह रिपोर्ट बनाता है।"}]
    (raw / "s.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    out = tmp_path / "sub" / "out"
    res = CliRunner().invoke(cli, ["run", "--split", str(raw), str(out)])
    assert res.exit_code == 2 and "s.jsonl:1:" in res.stderr
    assert (out / "s" / "ok" / "one.json").is_file()  # the safe record of the same shard went on
    inside = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert all(p.startswith(("raw/", "sub/out/")) for p in inside), inside
    written = {p for p in inside if p.startswith("sub/out/") and ".kamclean" not in p}
    assert written == {"sub/out/s/ok/one.json"}


def test_id_to_path_accepts_plain_ids() -> None:
    from kamclean.ingest.jsonl import UnsafeId, id_to_path

    assert id_to_path("careers/key-account-manager") == "careers/key-account-manager"
    assert id_to_path("लेख-१२") == "लेख-१२"
    with pytest.raises(UnsafeId):
        id_to_path("x" * 500)


HTML_PAGE = """<html><head><title>लेखाकार का काम | करियर</title></head><body>
<nav><a href="/">होम</a> | <a href="/c">करियर</a></nav>
<article><h1>लेखाकार का काम</h1>
<p>एक लेखाकार कंपनी के वित्तीय रिकॉर्ड रखता है। वह हर महीने रिपोर्ट तैयार करता है और प्रबंधकों को भेजता है।</p>
<h2>शिक्षा और प्रमाणन</h2>
<p>अधिकांश नियोक्ता स्नातक की डिग्री वाले उम्मीदवारों को पसंद करते हैं। कुछ के पास मास्टर की डिग्री भी होती है।</p>
<h2>वेतन</h2>
<p>औसत वेतन अनुभव के साथ बढ़ता है। बोनस और कमीशन भी मिलते हैं, जो बिक्री पर निर्भर करते हैं।</p>
</article><footer>सर्वाधिकार सुरक्षित</footer></body></html>"""


def test_html_page_keeps_headings(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["run", str(raw), str(out)])
    assert res.exit_code == 0, res.stderr
    doc = json.loads((out / "page.json").read_text(encoding="utf-8"))
    assert doc["title"] == "लेखाकार का काम"
    assert [s["heading"] for s in doc["sections"]] == [None, "शिक्षा और प्रमाणन", "वेतन"]
    assert doc["source"]["format"] == "html"
    text = json.dumps(doc, ensure_ascii=False)
    assert "होम" not in text and "सर्वाधिकार" not in text  # navigation and footer are not main text


def test_html_without_trafilatura_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamclean.ingest import html

    monkeypatch.setattr(html, "available", lambda: False)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (raw / "a.txt").write_text(_article(1), encoding="utf-8")
    res = CliRunner().invoke(cli, ["run", str(raw), str(tmp_path / "out")])
    assert res.exit_code == 2
    assert "page.html: HTML input needs trafilatura: pip install 'kamclean[html]'" in res.stderr
    assert (tmp_path / "out" / "a.json").is_file()


def test_fsspec_urls_in_and_out(corpus: Path, tmp_path: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    local = tmp_path / "local"
    _run(corpus, local)
    expected = _tree_bytes(local)

    # file:// URLs
    via_url = tmp_path / "via-url"
    res = CliRunner().invoke(cli, ["run", f"file://{corpus}", f"file://{via_url}"])
    assert res.exit_code == 2
    assert _tree_bytes(via_url) == expected

    # memory:// in and out
    mem = fsspec.filesystem("memory")
    for rel, data in _tree_bytes(corpus).items():
        mem.pipe_file(f"/kc-test/raw/{rel}", data)
    try:
        res = CliRunner().invoke(cli, ["run", "memory://kc-test/raw", "memory://kc-test/out"])
        assert res.exit_code == 2, res.stderr
        got = {p[len("/kc-test/out/"):]: mem.cat_file(p) for p in mem.find("/kc-test/out")}
        assert got == expected
        res = CliRunner().invoke(cli, ["run", "memory://kc-test/raw", "memory://kc-test/out"])
        assert "0 inputs processed, 15 unchanged" in res.stderr
    finally:
        mem.rm("/kc-test", recursive=True)


def test_split_shard_rerun_removes_documents_of_dropped_records(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shard = raw / "s.jsonl"

    def write(ids: list[str]) -> None:
        recs = [json.dumps({"id": i, "text": f"लेख {i} का पाठ यहाँ है।"}, ensure_ascii=False) for i in ids]
        shard.write_text("".join(r + "\n" for r in recs), encoding="utf-8")

    out = tmp_path / "out"
    write(["a", "b/c"])
    assert CliRunner().invoke(cli, ["run", "--split", str(raw), str(out)]).exit_code == 0
    assert (out / "s" / "b" / "c.json").is_file()
    write(["a"])
    res = CliRunner().invoke(cli, ["run", "--split", str(raw), str(out)])
    assert res.exit_code == 0 and "1 inputs processed" in res.stderr
    assert not (out / "s" / "b" / "c.json").exists() and (out / "s" / "a.json").is_file()


def test_corrupt_gzip_shard_is_one_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "broken.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x", "text": "abc"}\n' * 50)[:40])
    (raw / "a.txt").write_text(_article(1), encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["run", str(raw), str(out)])
    assert res.exit_code == 2
    assert "broken.jsonl.gz: not a valid gzip file" in res.stderr and "Traceback" not in res.stderr
    assert (out / "a.json").is_file() and not (out / "broken.jsonl.gz").exists()
    assert not [p for p in out.rglob(".tmp-*")]  # no half-written shard left behind


def test_html_outputs_survive_a_run_without_trafilatura(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("trafilatura")
    from kamclean.ingest import html

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["run", str(raw), str(out)]).exit_code == 0
    monkeypatch.setattr(html, "available", lambda: False)
    res = CliRunner().invoke(cli, ["run", str(raw), str(out)])
    assert res.exit_code == 2 and "0 deleted" in res.stderr
    assert (out / "page.json").is_file()  # not treated as a deleted input
    monkeypatch.undo()
    (raw / "page.html").unlink()
    res = CliRunner().invoke(cli, ["run", str(raw), str(out)])
    assert "page.html: deleted from the input; removed page.json" in res.stderr  # still tracked
