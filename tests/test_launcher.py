"""The shell side of the launcher: bin/lib.sh's stderr filter and `bin/dam bench`'s option checks (issue 17.6, 17.8).

Needs only bash, GNU sed and (for the bench tests) the offline Maven build; no Python packages.
"""
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
WARNING = b"WARNING: Using incubator modules: jdk.incubator.vector\n"


def filtered(data: bytes) -> bytes:
    """What dam_stderr_filter writes to stderr for the given input."""
    script = f'ROOT="{REPO}"; . "$ROOT/bin/lib.sh"; dam_stderr_filter'
    done = subprocess.run(["bash", "-c", script], input=data, capture_output=True, timeout=30)
    assert done.returncode == 0
    assert done.stdout == b""
    return done.stderr


@pytest.mark.parametrize("before, after", [
    # the config of issue 17.6: a NUL and bytes that are no UTF-8; grep took it for a binary file and said only that
    (b"dam sweep: config: \xff\xfe\x00garbage: unreadable\n", b"a later line\n"),
    (b"", b"dam sweep: failed: OutOfMemoryError: Java heap space\n"),
    (b"\x00\x00\x00\n" * 3, b"no newline at the end"),
    (b"WARNING: Using incubator modules: jdk.incubator.vector and more\n", b"WARNING: Using incubator modules\n"),
    (b"\xe2\x82\xac \r\n", b"\xff" * 5000 + b"\n"),
])
def test_the_filter_drops_exactly_the_incubator_warning_and_passes_every_other_byte(before, after):
    assert filtered(before + WARNING + after) == before + after
    assert filtered(WARNING + before + WARNING + after + (b"" if after.endswith(b"\n") else b"\n") + WARNING) \
        == before + after + (b"" if after.endswith(b"\n") else b"\n")


def test_the_filter_passes_each_line_as_it_arrives():
    script = f'ROOT="{REPO}"; . "$ROOT/bin/lib.sh"; dam_stderr_filter'
    p = subprocess.Popen(["bash", "-c", script], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        p.stdin.write(b"first line\n")
        p.stdin.flush()
        assert p.stderr.readline() == b"first line\n"  # before the input ends
    finally:
        p.stdin.close()
        p.wait(timeout=30)


@pytest.mark.parametrize("start", [b"\r[sweep] points 0/60 committed", b"W", b"WARNING: Using incubator modules: jdk.inc"])
def test_the_filter_passes_a_line_begun_before_its_newline_unless_it_may_become_the_warning(start):
    script = f'ROOT="{REPO}"; . "$ROOT/bin/lib.sh"; dam_stderr_filter'
    p = subprocess.Popen(["bash", "-c", script], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        p.stdin.write(start + b"X")  # X: no longer a start of the warning, so all of it is due now
        p.stdin.flush()
        assert p.stderr.read1(4096) == start + b"X"  # before any newline and before the input ends
        p.stdin.write(b"\n" + WARNING)
    finally:
        p.stdin.close()
        p.wait(timeout=30)
    assert p.stderr.read() == b"\n"


@pytest.mark.parametrize("args, message", [
    (["--frobnicate", "3"], "dam bench: --frobnicate: unknown option"),
    (["--seconds", "-1"], "dam bench: --seconds: must be positive, got -1"),
    (["--neurons", "abc"], "dam bench: --neurons: expected integers, got 'abc'"),
    (["--N", "512"], "dam bench: --N: renamed to --neurons"),
])
def test_bench_checks_its_options_before_anything_runs(args, message):
    start = time.monotonic()
    done = subprocess.run([str(REPO / "bin" / "dam"), "bench", *args], capture_output=True, timeout=600)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), lines
    assert done.stdout == b"", "no benchmark line before the refusal"
    assert time.monotonic() - start < 300


def dam_version(env_extra: dict) -> subprocess.CompletedProcess:
    import os
    env = dict(os.environ, **env_extra)
    return subprocess.run([str(REPO / "bin" / "dam"), "--version"], capture_output=True, timeout=600, env=env)


def test_the_class_archive_is_written_once_per_build_and_used_by_the_next_start(tmp_path):
    archive = tmp_path / "dam-start-test.jsa"
    first = dam_version({"DAM_JSA": str(archive)})
    assert first.returncode == 0 and first.stderr == b"", first.stderr
    assert archive.stat().st_size > 1_000_000
    written = archive.stat().st_mtime_ns
    log = tmp_path / "classes.txt"
    second = dam_version({"DAM_JSA": str(archive), "DAM_JAVA_OPTS": f"-Xlog:class+load=info:file={log}"})
    assert second.returncode == 0 and second.stderr == b"", second.stderr
    assert archive.stat().st_mtime_ns == written, "not written again"
    assert "dam.jobs.cli.Dam source: shared objects file (top)" in log.read_text()


def test_an_archive_the_jvm_cannot_use_is_skipped_without_a_word(tmp_path):
    archive = tmp_path / "dam-start-test.jsa"
    archive.write_bytes(b"not a class-data archive\n" * 100)
    done = dam_version({"DAM_JSA": str(archive)})
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    assert done.stdout.decode().startswith("dam ")
