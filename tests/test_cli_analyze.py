"""``claimgraph analyze`` as users run it: the console script for errors, CliRunner for results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT
from typer.testing import CliRunner

import claimgraph.cli.analyze  # noqa: F401  (registers the command on the app)
from claimgraph.cli import app

SCRIPT = Path(sys.executable).parent / "claimgraph"


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def assert_one_error_line(result: subprocess.CompletedProcess, code: str) -> None:
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"claimgraph: error: [{code}] ")
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed beside this Python")
def test_script_missing_file(tmp_path):
    result = run_script("analyze", str(tmp_path / "nowhere.txt"))
    assert_one_error_line(result, "CG101")
    assert "nowhere.txt" in result.stderr and "'-'" in result.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed beside this Python")
def test_script_50_mb_page_fails_on_size(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as out:
        out.write(b"<html><body>")
        out.write(b"<p>Ministers met on Monday.</p>\n" * (50_000_000 // 32 + 1))
    result = run_script("analyze", str(path))
    assert_one_error_line(result, "CG106")
    assert "max_bytes" in result.stderr


@pytest.mark.model
@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed beside this Python")
def test_script_html_without_article(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(
        "<html><head><title>Front page</title></head><body><nav><a href='/a'>World</a></nav></body></html>"
    )
    assert_one_error_line(run_script("analyze", str(path)), "CG107")


@pytest.mark.model
def test_analyze_example_page_json():
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES / "baltic-drills.html"), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)["document"]
    assert (
        document["title"]
        == "Lithuania asks Nato for more air defence as Russian drills near border, officials say"
    )
    assert document["authors"] == ["Ona Petraitė"]
    assert document["published"] == "2025-09-16"
    assert document["outlet"] == "The Example Ledger"
    assert (
        document["url"] == "https://ledger.example.org/world/2025/sep/16/lithuania-nato-air-defence"
    )
    assert document["text"].startswith(document["title"] + "\n\n")
    assert "Share on Facebook · Share on X · Email" in document["removed"]
    assert "Notify of" in document["removed"]
    assert any("Cookie settings" in line for line in document["removed"])


@pytest.mark.model
def test_analyze_reads_stdin_and_options_override_metadata():
    text = (EXAMPLES / "baltic-drills.txt").read_text(
        "utf-8"
    ) + "\n\nShare this article\n\n12 comments\n"
    result = CliRunner().invoke(
        app,
        [
            "analyze",
            "-",
            "--json",
            "--published",
            "2025-09-16",
            "--url",
            "https://ledger.example.org/x",
        ],
        input=text,
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)["document"]
    assert document["title"] == text.splitlines()[0]
    assert document["published"] == "2025-09-16"
    assert document["url"] == "https://ledger.example.org/x"
    assert document["removed"][-2:] == ["Share this article", "12 comments"]
