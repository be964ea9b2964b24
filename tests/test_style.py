"""The code keeps the project's lint rules (ruff, with print allowed only in the CLI and bench)."""

import shutil
import subprocess

import pytest
from conftest import ROOT


def test_ruff_check_passes():
    ruff = shutil.which("ruff") or shutil.which("ruff", path=str(ROOT / ".venv" / "bin"))
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the [test] extra)")
    result = subprocess.run(
        [ruff, "check", "claimgraph", "tests", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
