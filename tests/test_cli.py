"""The ``eduextract`` command end to end: real processes for input handling and exit codes,
in-process runs (with the controlled recognizer) for the content of every format."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eduextract import Extractor, cli
from eduextract import export as ex
from tests import fake_recognizer

ROOT = Path(__file__).resolve().parents[1]
TEXT = "辽宁省教育厅印发辽教发〔2020〕39号。2021年全省投入7.64亿元，新增学位7091个，占比达到53%。"


def run(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "eduextract", *args], input=stdin,
                          capture_output=True, cwd=cwd, env=env, timeout=120)


def library_rows(text: str, name: str) -> list[dict]:
    record = ex.Record.of(text, Extractor().extract(text), name)
    return list(ex.jsonl_rows(record))


def rows(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def one_line_error(proc: subprocess.CompletedProcess, code: int = 1) -> str:
    assert proc.returncode == code
    assert proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert err.count("\n") == 1 and err.startswith("eduextract: "), err
    return err


# -- real processes -----------------------------------------------------------------------


def test_file_and_stdin_give_the_library_spans(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    proc = run(str(path))
    assert proc.returncode == 0, proc.stderr
    assert rows(proc.stdout) == library_rows(TEXT, str(path))
    money = [r for r in rows(proc.stdout) if r["label"] == "MONEY"]
    assert [(m["text"], m["value"]["value"]) for m in money] == [("7.64亿元", 764000000)]
    piped = run(stdin=TEXT.encode("utf-8"))
    assert piped.returncode == 0 and rows(piped.stdout) == library_rows(TEXT, "-")
    assert piped.stderr == b""


def test_gb18030_input_is_read_with_a_message(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    proc = run(str(path))
    assert proc.returncode == 0
    assert rows(proc.stdout) == library_rows(TEXT, str(path))
    assert {"MONEY", "PERCENT", "DOCNO"} <= {r["label"] for r in rows(proc.stdout)}
    assert "not UTF-8; read it as GB18030" in proc.stderr.decode()
    piped = run(stdin=TEXT.encode("gb18030"))
    assert rows(piped.stdout) == library_rows(TEXT, "-")
    assert "<stdin> is not UTF-8" in piped.stderr.decode()
    explicit = run("--encoding", "gb18030", str(path))
    assert explicit.stderr == b"" and explicit.stdout == proc.stdout


def test_utf8_bom_is_dropped_so_offsets_match(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert rows(run(str(path)).stdout) == library_rows(TEXT, str(path))


@pytest.mark.parametrize("junk", [bytes(range(256)) * 8,  # NUL bytes
                                  bytes(range(1, 32)) * 40 + b"\x81\x30" * 10])  # no NUL
def test_binary_junk_is_a_one_line_error(tmp_path, junk):
    path = tmp_path / "junk.bin"
    path.write_bytes(junk)
    assert "binary" in one_line_error(run(str(path)))
    assert "binary" in one_line_error(run(stdin=junk))


def test_missing_file_and_directory_are_one_line_errors(tmp_path):
    assert "no such file" in one_line_error(run(str(tmp_path / "missing.txt")))
    assert "is a directory" in one_line_error(run(str(tmp_path)))


def test_undecodable_with_explicit_encoding(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    assert "not valid utf-8" in one_line_error(run("--encoding", "utf-8", str(path)))
    assert "unknown encoding" in one_line_error(run("--encoding", "klingon", str(path)), code=2)


def test_usage_errors_exit_2(tmp_path):
    assert "unknown label" in one_line_error(run("--labels", "NUMBERS"), code=2)
    assert "code points" in one_line_error(run("--format", "conll", "--offsets", "utf8"), code=2)
    proc = run("--format", "xml")
    assert proc.returncode == 2


def test_output_is_atomic(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = run(str(good), "--output", str(out))
    assert proc.returncode == 0 and proc.stdout == b""
    assert rows(out.read_bytes()) == library_rows(TEXT, str(good))
    # a failure half-way (the second input is missing) leaves the old file and no temp file
    before = out.read_bytes()
    failed = run(str(good), str(tmp_path / "missing.txt"), "--output", str(out))
    assert failed.returncode == 1
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.jsonl"]


def test_progress_only_when_asked_or_on_a_terminal(tmp_path):
    files = []
    for i in range(3):
        files.append(tmp_path / f"{i}.txt")
        files[-1].write_text(TEXT, encoding="utf-8")
    quiet = run(*map(str, files))
    assert quiet.stderr == b""  # stderr is a pipe here
    shown = run(*map(str, files), "--progress")
    assert shown.returncode == 0
    assert "3/3 files" in shown.stderr.decode() and "100%" in shown.stderr.decode()
    assert shown.stdout == quiet.stdout


def test_brat_folder_output(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_bytes(TEXT.encode("gb18030"))
    out = tmp_path / "brat"
    proc = run("--format", "brat", "--output", str(out), str(a), str(b))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.ann", "a.txt", "annotation.conf",
                                                      "b.ann", "b.txt"]
    for stem in "ab":
        text = (out / f"{stem}.txt").read_text(encoding="utf-8")
        assert text == TEXT
        spans = ex.read_brat(text, (out / f"{stem}.ann").read_text(encoding="utf-8"))
        assert [(s.start, s.end, s.label, s.value) for s in spans] == [
            (s.start, s.end, s.label, s.value) for s in Extractor().extract(TEXT)]
    other = tmp_path / "sub" / "a.txt"  # same stem as a.txt: kept apart
    other.parent.mkdir()
    other.write_text("共3所", encoding="utf-8")
    assert run("--format", "brat", "--output", str(out), str(a), str(other)).returncode == 0
    assert (out / "a-2.txt").read_text(encoding="utf-8") == "共3所"
    assert (out / "a.txt").read_text(encoding="utf-8") == TEXT
    assert "several inputs needs --output" in one_line_error(
        run("--format", "brat", str(a), str(b)), code=2)


# -- in process, with spans we control ---------------------------------------------------------


@pytest.fixture
def fake(monkeypatch, tmp_path):
    fake_recognizer.install(monkeypatch)
    path = tmp_path / "s.txt"
    path.write_text(fake_recognizer.SENTENCE, encoding="utf-8")
    return path


def test_every_format_reads_back(fake, capsys, monkeypatch):
    text = fake_recognizer.SENTENCE
    spans = Extractor().extract(text)
    name = str(fake)
    want = [(s.start, s.end, s.label, s.text) for s in spans]

    def output(*args: str) -> str:
        assert cli.main([*args, name]) == 0
        return capsys.readouterr().out

    def key(found):
        return [(s.start, s.end, s.label, s.text) for s in found]

    assert key(ex.read_jsonl(output().splitlines())[name]) == want
    assert key(ex.read_jsonl(output("--offsets", "utf16").splitlines(), {name: text},
                             "utf16")[name]) == want
    assert key(ex.read_table(output("--format", "table").splitlines(keepends=True))[name]) == want
    conll = ex.read_conll(output("--format", "conll").splitlines(keepends=True))
    assert key(conll[0].spans) == want
    tasks = json.loads(output("--format", "labelstudio"))
    assert key(ex.read_label_studio(tasks)[0].spans) == want  # UTF-16 by default
    assert key(ex.read_brat(text, output("--format", "brat"))) == want


def test_labels_option_filters(fake, capsys):
    assert cli.main(["--labels", "MONEY,PERCENT", str(fake)]) == 0
    labels = [json.loads(line)["label"] for line in capsys.readouterr().out.splitlines()]
    assert labels == ["MONEY", "PERCENT"]


def test_utf8_offsets_on_astral_text(fake, capsys):
    assert cli.main(["--offsets", "utf8", "--labels", "ORG", str(fake)]) == 0
    row = json.loads(capsys.readouterr().out)
    assert (row["start"], row["end"]) == (4, 13)  # 𠀀 is 4 bytes, 教育部 9


def test_stdin_in_process(fake, capsys, monkeypatch):
    data = fake_recognizer.SENTENCE.encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert cli.main(["--format", "table"]) == 0
    captured = capsys.readouterr()
    assert "MONEY\t7.64亿元" in captured.out
    assert "<stdin> is not UTF-8; read it as GB18030" in captured.err


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_progress_appears_by_itself_on_a_terminal(tmp_path):
    import pty

    files = []
    for i in range(2):
        files.append(tmp_path / f"{i}.txt")
        files[-1].write_text(TEXT, encoding="utf-8")
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "eduextract", *map(str, files)],
                          stdout=subprocess.PIPE, stderr=follower, cwd=ROOT, env=env, timeout=120)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO once the terminal has nothing more
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert proc.returncode == 0
    assert b"2/2 files" in shown
    assert b"files" not in proc.stdout


def test_atomic_writer_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), cli.atomic_writer(target) as fh:
        fh.write("half of the new content")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    with cli.atomic_writer(target) as fh:
        fh.write("new")
    assert target.read_text(encoding="utf-8") == "new"
