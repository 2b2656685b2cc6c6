"""The code base stays clean under the project's linter."""

import shutil
import subprocess

import pytest

from conftest import ROOT


def test_ruff_is_clean():
    if not shutil.which("ruff"):
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        ["ruff", "check", "src", "tests", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
