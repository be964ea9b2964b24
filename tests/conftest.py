"""Shared fixtures: the loaded pipeline, the reference article, the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
REFERENCE = SHARED / "corpus" / "china-russia-aid.txt"


@pytest.fixture(scope="session")
def nlp():
    from claimgraph import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def reference_text() -> str:
    if not REFERENCE.exists():
        pytest.skip(
            f"reference article not found at {REFERENCE} (it lives in ../shared beside the repository)"
        )
    return REFERENCE.read_text("utf-8")


@pytest.fixture(scope="session")
def reference_analysis(reference_text):
    from claimgraph import analyze

    return analyze(reference_text, published="2022-03-14")


def shared_path(*parts: str) -> Path:
    """A path under ../shared/eval, or a skip when the benchmark data is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found (benchmark data lives in ../shared/eval)")
    return path


def load_bench(name: str):
    """bench/<name>.py as a module (bench/ is not a package), for the quality gates."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_example_corpus(path: Path) -> None:
    """A store of the repository's example articles, and the reference article when ../shared has it."""
    from claimgraph import analyze
    from claimgraph.readers import read
    from claimgraph.settings import load as load_settings
    from claimgraph.store import Store

    with Store(path) as store:
        for example in sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.html")):
            store.add(analyze(read(str(example), load_settings())), source=str(example))
        if REFERENCE.exists():
            reference = analyze(REFERENCE.read_text("utf-8"), published="2022-03-14")
            store.add(reference, source=str(REFERENCE))


def assert_quote(quote: dict, kind: str, content: str, speaker: str) -> None:
    """``quote`` is of ``kind``, with that content and that speaker's surface text."""
    assert (quote["kind"], quote["text"], quote["speaker"]["text"]) == (kind, content, speaker)
