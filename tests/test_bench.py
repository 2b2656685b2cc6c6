"""The benchmark's script runs (on a two-text corpus, once each): its table and JSON have
every figure. Its timings are not checked here: bench/run.py is run by hand (README,
Performance)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES, ROOT


def test_benchmark_runs_on_a_small_corpus(tmp_path):
    out = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--corpus",
               str(FIXTURES / "epub"), "--runs", "1", "--sizes", "2", "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text())
    real = results["real"]
    for name in results["formats"]:
        assert real[f"build {name}"]["wall"] > 0
        assert real[f"floor {name}"]["work"] > 0
    assert real["no-op"]["wall"] > 0
    assert real["one changed"]["built"]  # the change was built
    assert [row["texts"] for row in results["scaling"]] == [2]
    assert results["scaling"][0]["validate"]["peak_mb"] > 0
    assert "| no-op rebuild, all formats |" in done.stdout
    assert "| build epub, 2 texts" in done.stdout
