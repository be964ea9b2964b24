"""Bad input: each one a coded ``InputError`` from the library, one stderr line and exit 1 from the CLI."""

from __future__ import annotations

import gzip
import sys
import zipfile

import pytest

from claimgraph import settings as settings_module
from claimgraph.clean import clean
from claimgraph.cli import main
from claimgraph.errors import InputError
from claimgraph.readers import files, read

ARTICLE = (
    "Ministers agree new rules on farm subsidies\n\n"
    "European agriculture ministers agreed on Monday to simplify the rules for farm subsidies, "
    "after weeks of protests by farmers across the continent, officials said.\n"
)


@pytest.fixture
def settings():
    return settings_module.load()


def write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


@pytest.fixture
def bad_inputs(tmp_path):
    """Path (or address) of each bad input, with the code it must give."""
    zip_path = tmp_path / "story.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr("story.txt", ARTICLE)
    (tmp_path / "folder").mkdir()
    whole = gzip.compress(
        ("<html><body>" + "<p>Ministers met on Monday.</p>" * 500 + "</body></html>").encode()
    )
    return {
        "missing": (str(tmp_path / "no-such-story.txt"), "CG101"),
        "directory": (str(tmp_path / "folder"), "CG102"),
        "empty": (write(tmp_path / "empty.txt", b""), "CG103"),
        "blank": (write(tmp_path / "blank.txt", b" \n\n\t\n"), "CG103"),
        "png": (
            write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200),
            "CG104",
        ),
        "pdf": (
            write(
                tmp_path / "report.html",
                b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n",
            ),
            "CG104",
        ),
        "zip": (str(zip_path), "CG104"),
        "nul": (
            write(tmp_path / "data.txt", b"Ministers met\x00\x00\x00on Monday\x00" * 20),
            "CG104",
        ),
        "undecodable": (write(tmp_path / "noise.txt", bytes(range(128, 256)) * 50), "CG105"),
        "truncated-gz": (write(tmp_path / "page.html.gz", whole[: len(whole) // 2]), "CG110"),
        "ftp": ("ftp://files.example.org/story.txt", "CG111"),
        "unreachable": ("http://127.0.0.1:9/story", "CG108"),
    }


CASES = [
    "missing", "directory", "empty", "blank", "png", "pdf", "zip", "nul", "undecodable", "truncated-gz", "ftp", "unreachable",
]  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_reader_refuses_with_a_code(bad_inputs, settings, case):
    source, code = bad_inputs[case]
    with pytest.raises(InputError, match=rf"^\[{code}\] "):
        read(source, settings)


@pytest.mark.parametrize("case", CASES)
def test_cli_main_prints_one_line_and_exits_1(bad_inputs, monkeypatch, capsys, case):
    """``main()`` as the console script runs it, in-process: one stderr line, exit code 1."""
    source, code = bad_inputs[case]
    monkeypatch.setattr(sys, "argv", ["claimgraph", "analyze", source])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"claimgraph: error: [{code}] ")
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_latin1_and_cp1252_files_are_read_correctly(tmp_path, settings):
    text = "Le café où Zoë Müller attend\n\nThe café near the Kasciunas office was closed on Monday, said Zoë Müller. It will reopen in “two weeks”.\n"
    raw = read(write(tmp_path / "cp1252.txt", text.encode("cp1252")), settings)
    assert raw.content == text
    latin = "Un café à Zürich\n\nLe café de Zoë Müller a fermé lundi, a déclaré la mairie à la presse.\n"
    assert read(write(tmp_path / "latin1.txt", latin.encode("latin-1")), settings).content == latin


def test_oversize_file_fails_on_size_before_reading(tmp_path, settings, monkeypatch):
    path = tmp_path / "huge.html"
    paragraph = (
        b"<p>" + b"Ministers met again on Monday to discuss the subsidy rules. " * 16 + b"</p>\n"
    )
    with path.open("wb") as out:
        out.write(b"<html><body>")
        for _ in range(50_000_000 // len(paragraph) + 1):
            out.write(paragraph)
    assert path.stat().st_size > 50_000_000

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was read before its size was checked")

    monkeypatch.setattr(files, "read_stream", no_reading)
    with pytest.raises(InputError, match=r"^\[CG106\] .*20000000-byte limit"):
        read(str(path), settings)


def test_gzip_expanding_past_the_cap_is_refused(tmp_path, settings):
    settings["input"]["max_bytes"] = 1_000_000
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000 + b"</p>")
    with pytest.raises(InputError, match=r"^\[CG106\]"):
        read(write(tmp_path / "bomb.html.gz", bomb), settings)


def test_html_with_no_article_is_refused_by_the_cleaner(tmp_path, settings):
    html = b"<!doctype html><html><head><title>Sign in</title></head><body><form><input name='user'><button>Log in</button></form></body></html>"
    raw = read(write(tmp_path / "login.html", html), settings)
    with pytest.raises(InputError, match=r"^\[CG107\] No article text found in .*login\.html"):
        clean(raw, settings)
