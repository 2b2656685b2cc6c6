"""`edition build --cluster`: the units on a Dask cluster (a scheduler and workers started
here, as `dask scheduler` and `dask worker` would be by hand) give the bytes of a local
build; a worker killed during the build leaves every output whole and each unit recorded
once; the scheduler gone stops the build (exit 1), and the next build continues."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

distributed = pytest.importorskip("distributed")

from edition.cluster import parse_address  # noqa: E402
from edition.errors import UsageError  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A scheduler and a worker command of two processes, on 127.0.0.1."""

    def __init__(self):
        self.address = f"tcp://127.0.0.1:{free_port()}"
        port = self.address.rsplit(":", 1)[1]
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.scheduler = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
             "--port", port, "--no-dashboard"], **quiet)
        self.workers = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--nworkers",
             "2", "--nthreads", "1", "--no-dashboard"], cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, **quiet)
        with distributed.Client(self.address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)

    def worker_pids(self) -> list[int]:
        with distributed.Client(self.address, timeout=30) as client:
            return sorted(client.run(os.getpid).values())

    def close(self):
        for process in (self.workers, self.scheduler):
            if process.poll() is None:
                process.terminate()
        for process in (self.workers, self.scheduler):
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def cluster():
    made = Cluster()
    yield made
    made.close()


@pytest.fixture
def source(tmp_path):
    """Another project's TEI: the foreign fixtures, each twice (enough units to kill a
    worker among them)."""
    root = tmp_path / "src"
    root.mkdir()
    for path in sorted((FIXTURES / "foreign").glob("*.xml")):
        for n in (1, 2):
            shutil.copy(path, root / f"{path.stem}-{n}.xml")
    shutil.copy(FIXTURES / "foreign" / "mill.png", root / "mill.png")
    return root


def build(source: Path, out: Path, *extra: str, wait: bool = True):
    """The build, run where source and out are, with relative paths (the workers have
    another working directory)."""
    here = out.parent
    command = [sys.executable, "-m", "edition", "build", "--source",
               os.path.relpath(source, here), "--out", out.name, "--format", "html,epub",
               "--report", f"{out.name}.json", *extra]
    process = subprocess.Popen(command, cwd=here, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    if not wait:
        return process
    stdout, stderr = process.communicate(timeout=600)
    return process.returncode, stdout + stderr


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".manifest.json"}


def report(out: Path) -> dict:
    return json.loads((out.parent / f"{out.name}.json").read_text())


def test_addresses():
    assert parse_address("local") == ("local", None)
    assert parse_address("local:3") == ("local", 3)
    assert parse_address("tcp://10.0.0.1:8786") == ("tcp://10.0.0.1:8786", None)
    for bad in ("local:0", "local:x", "10.0.0.1:8786", "tcp://"):
        with pytest.raises(UsageError):
            parse_address(bad)


@pytest.mark.parametrize("storage", [
    (),  # auto: the workers see both directories, read the source and write the outputs
    ("--cluster-outputs", "returned"),  # they send the outputs back; this command writes
    ("--cluster-outputs", "returned", "--cluster-source", "sent"),  # nothing shared
], ids=["auto", "returned", "nothing-shared"])
def test_a_build_on_the_cluster_has_the_bytes_of_a_local_build_even_with_a_worker_killed(
        cluster, source, tmp_path, storage):
    status, said = build(source, tmp_path / "local", "--jobs", "2")
    assert status == 0, said
    running = build(source, tmp_path / "dask", "--cluster", cluster.address, *storage,
                    wait=False)
    # Kill a worker once the first text's page is written: units are in flight on it.
    deadline = time.monotonic() + 300
    while not list((tmp_path / "dask" / "html").glob("*.html")):
        assert running.poll() is None, running.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(cluster.worker_pids()[0], signal.SIGKILL)
    stdout, stderr = running.communicate(timeout=600)
    assert running.returncode == 0, stdout + stderr
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    units = [u["id"] for u in report(tmp_path / "dask")["units"]]
    assert len(units) == len(set(units))  # each unit recorded once
    assert all(u["status"] == "built" for u in report(tmp_path / "dask")["units"])


def test_the_scheduler_gone_stops_the_build_and_the_next_build_continues(
        cluster, source, tmp_path):
    out = tmp_path / "out"
    running = build(source, out, "--cluster", cluster.address, wait=False)
    deadline = time.monotonic() + 300
    while len(list((out / "html").glob("*.html"))) < 4:
        assert running.poll() is None, running.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    cluster.scheduler.kill()
    stdout, stderr = running.communicate(timeout=120)
    assert running.returncode == 1, stdout + stderr
    assert "scheduler" in stderr and "is gone" in stderr
    assert "Traceback" not in stderr
    status, said = build(source, out, "--jobs", "1")
    assert status == 0, said
    statuses = [u["status"] for u in report(out)["units"]]
    assert "up to date" in statuses and "built" in statuses  # continued, not redone


def test_a_returning_worker_sends_back_what_it_made_and_writes_nothing_of_the_clients(
        source, tmp_path, monkeypatch):
    from edition import cluster
    from edition.build import run_build
    from edition.builders import REGISTRY
    from edition.corpus import Corpus

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "out"
    assert run_build(source, out, ["html"], [], {}, jobs=1).ok
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    corpus = Corpus(source, made_header=out / ".cache" / "source" / "edition.xml")
    text = next(t for t in corpus.texts if t.id.startswith("drama"))
    runner = cluster.ClusterRunner(source, out, {}, {"html": REGISTRY["html"]}, "local",
                                   outputs="returned")
    unit = type("Unit", (), {"kind": "text", "text": text, "format": "html",
                             "id": f"html:{text.id}"})()
    sent = runner.sent_files(unit)
    assert set(sent) == {".cache/source/edition.xml", f".cache/html/views/{text.id}"}
    job = runner._job(unit, None)  # a text's job needs no queue
    assert (job.name, job.relative) == (text.id, text.relative)
    outcome, made = cluster.run_unit(job, cluster.Setup(str(source), None, {}, "build-1"),
                                     ({}, sent))
    assert not outcome.error, outcome.detail
    assert set(made) == set(outcome.outputs) and f"html/{text.id}.html" in made
    assert all(made[name] == (out / name).read_bytes() for name in made)  # as built here
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before
    worker = next(iter(cluster._workers.values()))
    scratch = worker.output_root
    assert out not in scratch.parents and not list(scratch.rglob("*.html"))  # sent, gone
    assert "_found" not in worker.corpus.__dict__  # the job named its text: no walk


def test_a_worker_apart_from_the_source_is_sent_what_it_reads_and_makes_the_same_bytes(
        source, tmp_path, monkeypatch):
    """A worker that sees neither the source nor the outputs: each unit is sent its TEI
    (and its pictures, and the texts it shows beside it), the worker once the corpus's
    snapshot; the source directory is gone when the worker runs."""
    from edition import cluster
    from edition.build import run_build
    from edition.builders import REGISTRY
    from edition.corpus import Corpus
    from edition.media import images_in_file

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "out"
    assert run_build(source, out, ["html", "epub"], [], {}, jobs=1).ok
    corpus = Corpus(source, made_header=out / ".cache" / "source" / "edition.xml")
    texts = [t for t in corpus.texts if t.id.startswith(("gaps-figures", "drama"))]
    assert len(texts) == 4
    runner = cluster.ClusterRunner(source, out, {}, REGISTRY, "local", outputs="returned",
                                   source="sent")
    runner.sent_source = runner.returned = True
    snapshot = runner.corpus.snapshot()
    assert [r for r, _ in snapshot["texts"]] == [t.relative for t in corpus.texts]
    work = []
    for text in texts:
        pictures = [i.path for i in images_in_file(text.path, source)]
        assert bool(pictures) == text.id.startswith("gaps-figures")
        for format_name in ("html", "epub"):
            unit = type("Unit", (), {"kind": "text", "text": text, "format": format_name,
                                     "id": f"{format_name}:{text.id}",
                                     "reads": (text.path, *pictures)})()
            work.append((runner._job(unit, None), runner.source_files(unit),
                         runner.sent_files(unit)))
    source.rename(tmp_path / "elsewhere")
    setup = cluster.Setup(None, None, {}, "build-2")
    for job, sources, files in work:
        outcome, made = cluster.run_unit(job, setup, (sources, files), snapshot)
        assert not outcome.error, outcome.detail
        assert made and all(made[name] == (out / name).read_bytes() for name in made), job
    worker = next(w for k, w in cluster._workers.items() if k[-1] == "build-2")
    assert worker.corpus.foreign and source not in worker.corpus.tei_dir.parents
    assert not list(worker.corpus.tei_dir.rglob("*.*"))  # a unit's files go with it


@pytest.mark.parametrize("sees, asked, decided", [
    ((True, True), ("auto", "auto"), (False, False)),
    ((False, True), ("auto", "auto"), (True, False)),  # no shared outputs: returned
    ((True, False), ("auto", "auto"), (False, True)),  # no shared source: sent
    ((False, False), ("auto", "auto"), (True, True)),
    ((True, True), ("returned", "sent"), (True, True)),  # asked for, whatever is shared
    ((True, False), ("auto", "shared"), UsageError),
    ((False, True), ("shared", "auto"), UsageError),
])
def test_what_the_workers_see_decides_what_is_sent(source, tmp_path, sees, asked, decided):
    from edition import cluster

    class Client:  # what every worker says it sees (cluster._sees)
        def run(self, *_):
            return {"tcp://10.0.0.1:1": (True, True), "tcp://10.0.0.2:1": sees}

    runner = cluster.ClusterRunner(source, tmp_path / "out", {}, {}, "local",
                                   outputs=asked[0], source=asked[1])
    runner.client = Client()
    if decided is UsageError:
        with pytest.raises(UsageError, match="1 of 2 workers cannot see"):
            runner._check_storage()
    else:
        runner._check_storage()
        assert (runner.returned, runner.sent_source) == decided
    assert not list((tmp_path / "out").iterdir())  # the probe is gone


def test_cluster_storage_without_a_cluster_is_a_usage_error(source, tmp_path):
    status, said = build(source, tmp_path / "out", "--cluster-outputs", "returned")
    assert status == 2 and "--cluster" in said
    status, said = build(source, tmp_path / "out", "--cluster-source", "sent")
    assert status == 2 and "--cluster-source" in said


def test_no_scheduler_is_a_usage_error(source, tmp_path):
    status, said = build(source, tmp_path / "out", "--cluster",
                         f"tcp://127.0.0.1:{free_port()}")
    assert status == 2, said
    assert "no scheduler answers" in said


def test_a_books_pieces_are_tasks_of_the_cluster_and_give_the_local_bytes(cluster, tmp_path):
    """A long book's pieces (and the edition's book's, made in the client when nothing is
    shared) are laid out as tasks of their own on the cluster's workers, with the bytes of
    a local build."""
    from test_pdf_pieces import BOOK, SHORT

    source = tmp_path / "src"
    source.mkdir()
    (source / "book.xml").write_text(BOOK, encoding="utf-8")
    (source / "short.xml").write_text(SHORT, encoding="utf-8")
    pdf = ("--format", "pdf", "--pdf-pieces", "3", "--edition-book", "always")
    status, said = build(source, tmp_path / "local", "--jobs", "2", *pdf)
    assert status == 0, said
    for name, storage in (("shared", ()), ("apart", ("--cluster-outputs", "returned",
                                                      "--cluster-source", "sent"))):
        status, said = build(source, tmp_path / name, "--cluster", cluster.address,
                             *storage, *pdf)
        assert status == 0, said
        assert outputs(tmp_path / name) == outputs(tmp_path / "local")
    with distributed.Client(cluster.address, timeout=30) as client:
        keys = client.run_on_scheduler(
            lambda dask_scheduler: sorted({str(t[0]) for t in dask_scheduler.transition_log}))
    pieces = [k for k in keys if k.startswith("edition-piece-")]
    # Both builds: the book's pieces and the edition's own, as tasks.
    assert len(pieces) >= 8, keys[:20]
    # And each book's folio sheet: none laid out in a unit's own process.
    assert len([k for k in keys if k.startswith("edition-folios-")]) >= 4, keys[:20]


def test_a_piece_runs_beside_a_unit_only_while_the_unit_waits_for_its_pieces():
    import threading

    from edition.cluster import _Turns

    turns, order = _Turns(), []
    unit_in, piece_may_start = threading.Event(), threading.Event()

    def piece():
        piece_may_start.wait(5)
        with turns.piece():
            order.append("piece")

    def unit():
        with turns.unit():
            unit_in.set()
            piece_may_start.set()
            time.sleep(0.2)  # laying out: the piece must not start
            order.append("unit works")
            with turns.waiting_for_pieces():
                runner.join(5)  # the piece runs meanwhile
            order.append("unit goes on")

    runner = threading.Thread(target=piece)
    runner.start()
    worker = threading.Thread(target=unit)
    worker.start()
    worker.join(10)
    assert order == ["unit works", "piece", "unit goes on"]


def test_a_unit_waiting_for_its_turn_leaves_the_one_thread_to_the_pieces():
    """A worker of one thread: unit A waits for its piece (A has left the thread pool, as
    distributed's worker_client does); unit B, given the thread, waits for A's turn and must
    leave the thread meanwhile, or A's piece never runs."""
    import threading

    from edition.cluster import _Turns

    turns, order, slot = _Turns(), [], threading.Semaphore(1)
    aside = (slot.release, slot.acquire)  # what secede and rejoin do to the one thread
    a_waits, b_asks = threading.Event(), threading.Event()

    def task(work):  # run by the worker's one thread
        if slot.acquire(timeout=5):
            try:
                work()
            finally:
                slot.release()

    def unit_a():
        with turns.unit(aside):
            with turns.waiting_for_pieces():
                slot.release()
                a_waits.set()
                piece_thread.join(5)
                order.append("A goes on")
                slot.acquire()

    def unit_b():
        b_asks.set()
        with turns.unit(aside):
            order.append("B")

    def lay_out():
        with turns.piece():
            order.append("piece")

    def piece():
        b_asks.wait(5)
        time.sleep(0.1)  # B has the thread now, waiting for the turn
        task(lay_out)

    piece_thread = threading.Thread(target=piece)  # sent once B has the thread
    piece_thread.start()
    a = threading.Thread(target=task, args=(unit_a,))
    a.start()
    a_waits.wait(5)
    b = threading.Thread(target=task, args=(unit_b,))
    b.start()
    for thread in (a, b, piece_thread):
        thread.join(10)
    assert order == ["piece", "A goes on", "B"]

