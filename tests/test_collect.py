"""Many inputs: directories, globs, WARC, JSONL and RSS/Atom, with a failure for each bad one."""

from __future__ import annotations

import gzip
import json

from corpus_articles import (
    ARTICLES,
    article_text,
    html_page,
    write_articles,
    write_bad_inputs,
    write_warc,
)

from claimgraph import settings
from claimgraph.readers import RawDocument
from claimgraph.readers.collect import BATCH_MARKER, ReadFailure, iter_inputs

SETTINGS = settings.load()


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, RawDocument)], [
        i for i in items if isinstance(i, ReadFailure)
    ]


def test_directory_is_read_recursively_without_hidden_files(tmp_path):
    write_articles(tmp_path / "a", 3)
    write_articles(tmp_path / "a" / "nested", 2)
    (tmp_path / "a" / ".hidden.txt").write_text(article_text(5))
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / BATCH_MARKER).write_text("{}")
    (tmp_path / "batch" / "stray.txt").write_text(article_text(6))
    docs, failures = _split(iter_inputs([str(tmp_path / "a"), str(tmp_path / "batch")], SETTINGS))
    assert len(docs) == 5 and not failures
    assert docs[0].content.startswith(ARTICLES[0][0])  # the .txt.gz one, decompressed


def test_directory_walk_skips_non_article_files_and_says_so(tmp_path):
    write_articles(tmp_path, 2)
    (tmp_path / "README.md").write_text("# Notes\n\nThese are the articles we collected.\n")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    docs, failures = _split(iter_inputs([str(tmp_path)], SETTINGS))
    assert len(docs) == 2
    assert [f.stage for f in failures] == ["skip"]
    assert (
        "CG317" in failures[0].error
        and ".md ×1" in failures[0].error
        and ".png ×1" in failures[0].error
    )
    named, none_failed = _split(iter_inputs([str(tmp_path / "README.md")], SETTINGS))
    assert len(named) == 1 and not none_failed  # named directly, any file is read


def test_globs_and_missing_inputs(tmp_path):
    write_articles(tmp_path, 4)
    docs, failures = _split(
        iter_inputs(
            [str(tmp_path / "*.txt"), str(tmp_path / "none-*.txt"), str(tmp_path / "gone.txt")],
            SETTINGS,
        )
    )
    assert len(docs) == 3
    assert [f.stage for f in failures] == ["read", "read"]
    assert "CG308" in failures[0].error and "CG101" in failures[1].error


def test_bad_files_become_failures(tmp_path):
    bad = write_bad_inputs(tmp_path)
    docs, failures = _split(iter_inputs([str(tmp_path)], SETTINGS))
    assert docs == []
    by_source = {f.source: f for f in failures}
    assert "CG104" in by_source[str(bad["binary"])].error
    assert "CG103" in by_source[str(bad["empty"])].error
    assert "CG110" in by_source[str(bad["truncated"])].error
    assert by_source[str(bad["warc"])].stage == "skip"
    assert "image/png" in by_source[str(bad["warc"])].error


def test_warc_html_responses_only(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    pages = {f"https://news.example.org/{i}": html_page(i) for i in range(3)}
    write_warc(path, pages, {"https://news.example.org/style.css": ("text/css", b"body {}")})
    docs, failures = _split(iter_inputs([str(path)], SETTINGS))
    assert [d.url for d in docs] == list(pages)
    assert all(d.kind == "html" and ARTICLES[i][1] in d.content for i, d in enumerate(docs))
    assert [f.stage for f in failures] == ["skip"]
    assert "text/css" in failures[0].error


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, {f"https://news.example.org/{i}": html_page(i) for i in range(3)}, {})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 50])  # inside the last page's record
    docs, failures = _split(iter_inputs([str(path)], SETTINGS))
    assert len(docs) == 2
    assert [f.stage for f in failures] == ["read"]
    assert "CG313" in failures[0].error and "news.example.org/2" in failures[0].source


def test_jsonl_records(tmp_path):
    records = [
        {
            "text": article_text(0),
            "url": "https://example.org/tanks",
            "published": "2022-03-14",
            "outlet": "Example",
            "id": "a1",
        },
        {"html": html_page(1)},
        {"title": "no body"},
        "not an object",
    ]
    lines = [json.dumps(r) for r in records] + ["{broken json"]
    path = tmp_path / "records.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    docs, failures = _split(iter_inputs([str(path)], SETTINGS))
    assert [d.kind for d in docs] == ["text", "html"]
    assert docs[0].url == "https://example.org/tanks"
    assert docs[0].meta == {"published": "2022-03-14", "outlet": "Example", "id": "a1"}
    assert docs[1].source == f"{path}:2"
    assert [f.source for f in failures] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert all("CG312" in f.error for f in failures)


def test_rss_items_with_content_and_link_only_items(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(
        f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example News</title>
<item><title>{ARTICLES[2][0]}</title><link>https://example.org/trade</link>
<pubDate>Tue, 15 Mar 2022 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{ARTICLES[2][1]}</p><p>{ARTICLES[2][2]}</p>]]></content:encoded></item>
<item><title>{ARTICLES[3][0]}</title><link>https://example.org/bridge</link><description>Short summary.</description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    docs, failures = _split(iter_inputs([str(path)], SETTINGS))
    assert len(docs) == 1
    assert docs[0].url == "https://example.org/trade"
    assert docs[0].meta == {
        "title": ARTICLES[2][0],
        "published": "2022-03-15",
        "outlet": "Example News",
    }
    assert ARTICLES[2][1] in docs[0].content
    assert [(f.stage, f.source) for f in failures] == [
        ("skip", f"{path}#https://example.org/bridge")
    ]
    assert "--fetch" in failures[0].error
