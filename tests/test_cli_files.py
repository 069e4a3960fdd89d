"""The command line against the file system: output paths and modes, special files, closed
streams, signals, large inputs.  Real processes, because exit codes, umasks, signals and
closed file descriptors only exist there."""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eduextract import Extractor, cli, inputs, outputs
from eduextract import export as ex

ROOT = Path(__file__).resolve().parents[1]
TEXT = "辽宁省教育厅印发辽教发〔2020〕39号。2021年全省投入7.64亿元，新增学位7091个，占比达到53%。"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
CMD = [sys.executable, "-m", "eduextract"]


def run(*args: str, stdin: bytes | None = None, umask: int | None = None,
        **kw) -> subprocess.CompletedProcess:
    def pre() -> None:
        if umask is not None:
            os.umask(umask)
    return subprocess.run([*CMD, *args], input=stdin, capture_output=True, cwd=ROOT, env=ENV,
                          timeout=120, preexec_fn=pre, **kw)


def shell(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", "-c", script], capture_output=True, cwd=ROOT, env=ENV,
                          timeout=120)


def one_line_error(proc: subprocess.CompletedProcess, code: int = 1) -> str:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == code, err
    assert proc.stdout == b""
    assert err.count("\n") == 1 and err.startswith("eduextract: "), err
    assert "Traceback" not in err
    return err


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# -- output paths -------------------------------------------------------------------------------


def test_missing_directory_and_directory_target_are_one_line(doc, tmp_path):
    err = one_line_error(run(str(doc), "--output", "/no/such/dir/x.jsonl"))
    assert "/no/such/dir/x.jsonl" in err and "does not exist" in err
    err = one_line_error(run(str(doc), "--output", str(tmp_path)))
    assert str(tmp_path) in err and "is a directory" in err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    err = one_line_error(run(str(doc), "--output", str(blocker / "x.jsonl")))
    assert "not a directory" in err.lower()


@pytest.mark.parametrize("mask, want", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_get_the_umask_mode(doc, tmp_path, mask, want):
    out = tmp_path / "out.jsonl"
    assert run(str(doc), "--output", str(out), umask=mask).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == want
    folder = tmp_path / "brat"
    assert run(str(doc), "--format", "brat", "--output", str(folder), umask=mask).returncode == 0
    for name in ("doc.txt", "doc.ann", "annotation.conf"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == want, name


def test_existing_files_keep_their_mode(doc, tmp_path):
    out = tmp_path / "out.tsv"
    out.write_text("old")
    out.chmod(0o640)
    assert run(str(doc), "--format", "table", "--output", str(out), umask=0o077).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text(encoding="utf-8").startswith("file\tstart")
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.ann").write_text("old")
    (folder / "doc.ann").chmod(0o604)
    assert run(str(doc), "--format", "brat", "--output", str(folder)).returncode == 0
    assert stat.S_IMODE((folder / "doc.ann").stat().st_mode) == 0o604


def test_symlink_target_is_followed_not_replaced(doc, tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text("old")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert run(str(doc), "--output", str(link)).returncode == 0
    assert link.is_symlink() and json.loads(real.read_text().splitlines()[0])["file"] == str(doc)


def test_brat_output_must_be_a_directory(doc, tmp_path):
    err = one_line_error(run(str(doc), "--format", "brat", "--output",
                             str(tmp_path / "brat.ann")), code=2)
    assert "directory" in err
    assert not (tmp_path / "brat.ann").exists()
    existing = tmp_path / "plain"
    existing.write_text("keep")
    assert "not a directory" in one_line_error(
        run(str(doc), "--format", "brat", "--output", str(existing)), code=2)
    assert existing.read_text() == "keep"
    help_text = run("--help").stdout.decode()
    assert "brat" in help_text and "DIRECTORY" in help_text and "a FILE" in help_text


def test_devices_are_written_into_never_replaced(doc):
    assert run(str(doc), "--output", "/dev/null").returncode == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    err = one_line_error(run(str(doc), "--output", "/dev/full"))
    assert "/dev/full" in err and "No space left" in err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_stdout_on_a_full_disk_is_one_line(doc):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    proc = shell(f"{sys.executable} -m eduextract {doc} > /dev/full")
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1, err
    assert "standard output" in err and "No space left" in err


DROP_ROOT = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
             "--inh-caps=-dac_override,-dac_read_search", "--"]


def test_unwritable_directory_with_a_writable_target(doc, tmp_path):
    """Root may write anywhere: run the command without the capabilities that allow it."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root without setpriv: permissions cannot be tested")
        prefix = DROP_ROOT
    locked = tmp_path / "locked"
    locked.mkdir()
    target = locked / "out.jsonl"
    target.write_text("old")
    target.chmod(0o666)
    locked.chmod(0o555)
    try:
        def run_locked(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run([*prefix, *CMD, *args], capture_output=True, cwd=ROOT,
                                  env=ENV, timeout=120)

        probe = subprocess.run([*prefix, "sh", "-c", f"touch {locked}/probe"],
                               capture_output=True, timeout=60)
        assert probe.returncode != 0, "the folder is writable after all"
        proc = run_locked(str(doc), "--output", str(target))
        assert proc.returncode == 0, proc.stderr
        assert [json.loads(x)["label"] for x in target.read_text().splitlines()][:1] == ["ORG"]
        assert stat.S_IMODE(target.stat().st_mode) == 0o666
        assert sorted(p.name for p in locked.iterdir()) == ["out.jsonl"]
        # no file to write into: one line naming the cause
        err = one_line_error(run_locked(str(doc), "--output", str(locked / "new.jsonl")))
        assert "new.jsonl" in err and "permission denied" in err
    finally:
        locked.chmod(0o755)


def test_copy_in_fallback_in_process(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def refuse(*args, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(outputs.tempfile, "mkstemp", refuse)
    with outputs.output_file(target) as fh:
        fh.write("new content")
    assert target.read_text() == "new content"
    with pytest.raises(outputs.OutputError, match="permission denied"), \
            outputs.output_file(tmp_path / "new.txt"):
        pass


# -- inputs ---------------------------------------------------------------------------------------


def test_all_inputs_are_checked_before_any_output(doc, tmp_path):
    err = one_line_error(run(str(doc), str(tmp_path / "missing.txt")))
    assert "missing.txt: no such file" in err


def test_late_decode_failure_names_the_complete_files(doc, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00" + b"\x00\x01" * 50)
    proc = run(str(doc), str(bad), "--encoding", "utf-8")
    assert proc.returncode == 1 and proc.stdout  # the first file's spans are out
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "bad.txt" in err and str(doc) in err and "complete" in err


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_non_regular_inputs_are_refused(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    assert "not a regular file" in one_line_error(run(device))


def test_fifo_input_is_refused(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert "not a regular file" in one_line_error(run(str(fifo)))


def test_usage_errors(doc, tmp_path):
    for labels in (",", "", " , "):
        assert "names no label" in one_line_error(run("--labels", labels, str(doc)), code=2)
    assert "unknown encoding" in one_line_error(run("--encoding", "nope", str(doc)), code=2)
    bad = tmp_path / "g.csv"
    bad.write_text("kind\nschool\n", encoding="utf-8")
    err = one_line_error(run("--gazetteer", str(bad), str(doc)), code=2)
    assert "g.csv" in err
    assert "nope.csv" in one_line_error(run("--gazetteer", str(tmp_path / "nope.csv"),
                                            str(doc)), code=2)


def test_gazetteer_version_and_help(tmp_path):
    gaz1, gaz2 = tmp_path / "a.csv", tmp_path / "b.jsonl"
    gaz1.write_text("name,kind,id\n星河实验学院,school,X1\n", encoding="utf-8")
    gaz2.write_text(json.dumps({"name": "云岭师范学堂", "kind": "school", "id": "Y2"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    text = "星河实验学院与云岭师范学堂今年招生300人。"
    proc = run("--gazetteer", str(gaz1), "--gazetteer", str(gaz2), "--labels", "ORG",
               stdin=text.encode())
    assert proc.returncode == 0, proc.stderr
    found = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [(r["text"], r["value"]["id"], r["source"]) for r in found] == [
        ("星河实验学院", "X1", "gazetteer.user"), ("云岭师范学堂", "Y2", "gazetteer.user")]
    want = Extractor(labels="ORG", gazetteers=[gaz1, gaz2]).extract(text)
    assert [(r["start"], r["end"]) for r in found] == [(s.start, s.end) for s in want]
    from eduextract import __version__

    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.decode().strip() == f"eduextract {__version__}"
    help_text = run("--help").stdout.decode()
    for needle in ("--gazetteer", "exit codes", "examples", "143", "130", "file by file", "stdout"):
        assert needle in help_text, needle


# -- closed streams, pipes, signals ---------------------------------------------------------------


def test_closed_stderr_and_stdin(doc, tmp_path):
    proc = shell(f"{sys.executable} -m eduextract {tmp_path}/missing.txt 2>&-")
    assert proc.returncode == 1 and proc.stdout == b""
    ok = shell(f"{sys.executable} -m eduextract {doc} 2>&-")
    assert ok.returncode == 0 and ok.stdout
    err = shell(f"{sys.executable} -m eduextract <&-")
    assert err.returncode == 1 and err.stderr.decode().count("\n") == 1
    assert "standard input is closed" in err.stderr.decode()
    closed_out = shell(f"{sys.executable} -m eduextract {doc} >&-")
    assert closed_out.returncode == 1 and "standard output" in closed_out.stderr.decode()


def test_pipe_into_head_ends_quietly(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text((TEXT + "\n") * 3000, encoding="utf-8")
    proc = shell(f"{sys.executable} -m eduextract {big} | head -1")
    assert proc.stderr == b"", proc.stderr.decode()
    assert json.loads(proc.stdout)["label"] == "ORG"


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signals_leave_no_temp_file(tmp_path, sig, code):
    out = tmp_path / "out.jsonl"
    out.write_text("old")
    proc = subprocess.Popen([*CMD, "--output", str(out)], stdin=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env=ENV)
    deadline = time.monotonic() + 60
    while not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]:
        assert time.monotonic() < deadline, "the temp file never appeared"
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.decode().count("\n") == 1 and "Traceback" not in err.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
    assert out.read_text() == "old"


# -- large inputs in pieces ----------------------------------------------------------------------


def test_read_pieces_cover_the_text_and_end_at_line_breaks(tmp_path):
    text = "".join(f"第{i}段：投入{i}.5亿元，增长{i}%。\n" for i in range(400)) + "末行无换行"
    for codec in ("utf-8", "gb18030"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(text.encode(codec))
        pieces = list(inputs.read_pieces(str(path), "auto", piece_chars=300, piece_max=1200))
        assert "".join(p for _, p, _ in pieces) == text
        assert all(p.endswith("\n") for _, p, _ in pieces[:-1])
        assert [o for o, _, _ in pieces] == [sum(len(p) for _, p, _ in pieces[:i])
                                            for i in range(len(pieces))]
        assert {u for _, _, u in pieces} == {"utf-8-sig" if codec == "utf-8" else "gb18030"}
    late = tmp_path / "late.txt"
    late.write_bytes(("好" * 400_000).encode() + b"\xff\xfe\xfd")
    with pytest.raises(inputs.InputError, match=r"late\.txt: not valid"):
        list(inputs.read_pieces(str(late), "auto"))


@pytest.mark.parametrize("offsets", ["codepoint", "utf16", "utf8"])
def test_streamed_output_keeps_whole_file_offsets(tmp_path, monkeypatch, capsys, offsets):
    lines = [TEXT.replace("2020", str(1990 + i % 30)) for i in range(60)]
    text = "\n".join(lines) + "\n😀第3条\n"
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(cli, "STREAM_ABOVE", 100)
    monkeypatch.setattr(cli, "read_pieces",
                        functools.partial(inputs.read_pieces, piece_chars=200, piece_max=800))
    assert cli.main(["--offsets", offsets, str(path)]) == 0
    streamed = capsys.readouterr().out.splitlines()
    got = ex.read_jsonl(streamed, {str(path): text}, offsets)[str(path)]
    assert got and all(s.text == text[s.start:s.end] for s in got)
    # each line is a document of its own, so pieces at line breaks give the whole file's spans
    want = [s for s in Extractor().extract(text)]
    assert [(s.start, s.end, s.label) for s in got] == [(s.start, s.end, s.label) for s in want]


def test_stdin_is_streamed_with_whole_input_offsets(monkeypatch, capsys):
    import io

    text = "\n".join(TEXT for _ in range(40)) + "\n"
    monkeypatch.setattr(cli, "read_pieces",
                        functools.partial(inputs.read_pieces, piece_chars=150, piece_max=600))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("gb18030"))))
    assert cli.main(["--output", "-", "--offsets", "utf16"]) == 0
    out, err = capsys.readouterr()
    got = ex.read_jsonl(out.splitlines(), {"-": text}, "utf16")["-"]
    want = Extractor().extract(text)
    assert [(s.start, s.end, s.label) for s in got] == [(s.start, s.end, s.label) for s in want]
    assert err.count("read it as GB18030") == 1
