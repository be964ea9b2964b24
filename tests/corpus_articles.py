"""Short team-written news articles and broken inputs for the corpus tests (store, batch, CLI)."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

# Each article: a headline with a verb, then two short paragraphs (written for these tests).
ARTICLES = [
    (
        "Germany sends tanks to Poland",
        "Germany sent twenty tanks to Poland on Monday, the defence ministry said.",
        "Officials in Warsaw welcomed the delivery.",
    ),
    (
        "France condemns the attack on the embassy",
        "France condemned the attack on its embassy in Bamako, the foreign minister said.",
        "Nobody was hurt, according to a spokesman.",
    ),
    (
        "Japan and India sign a trade agreement",
        "Japan and India signed a trade agreement in Tokyo on Tuesday.",
        "The deal cuts tariffs on cars and rice.",
    ),
    (
        "Brazil rejects the proposal from Argentina",
        "Brazil rejected a proposal from Argentina to share the cost of the bridge.",
        "The two governments will meet again in May.",
    ),
    (
        "Canada imposes sanctions on Iran",
        "Canada imposed sanctions on Iran over its nuclear programme, the government announced.",
        "Iran called the measures illegal.",
    ),
    (
        "Kenya asks the UN for food aid",
        "Kenya asked the United Nations for food aid after the drought, officials said.",
        "The UN said it would study the request.",
    ),
    (
        "Turkey threatens to close its border",
        "Turkey threatened to close its border with Syria, the interior minister said.",
        "Thousands of people crossed the border last week.",
    ),
    (
        "Egypt hosts talks between the rivals",
        "Egypt hosted talks between the two rival factions in Cairo on Sunday.",
        "The talks ended without an agreement.",
    ),
    (
        "Spain recalls its ambassador from Algeria",
        "Spain recalled its ambassador from Algeria after the dispute over gas prices.",
        "Algeria said it regretted the decision.",
    ),
    (
        "Norway gives money to the refugee agency",
        "Norway gave fifty million dollars to the refugee agency, the minister said.",
        "The money will pay for shelters.",
    ),
    (
        "Mexico protests the new wall",
        "Mexico protested the construction of a new wall on its northern border.",
        "Washington did not comment.",
    ),
    (
        "Australia deploys ships to the strait",
        "Australia deployed three warships to the strait, the navy said on Friday.",
        "China warned against provocations.",
    ),
    (
        "Chile and Peru agree to settle the dispute",
        "Chile and Peru agreed to settle their fishing dispute at the court in The Hague.",
        "Both presidents praised the decision.",
    ),
    (
        "Italy arrests smugglers near the coast",
        "Italian police arrested six smugglers near the coast of Sicily on Wednesday.",
        "The boat carried forty migrants.",
    ),
    (
        "Sweden accuses Russia of spying",
        "Sweden accused Russia of spying on its military bases, the security service said.",
        "Moscow denied the claim.",
    ),
    (
        "Ghana welcomes the investment from Britain",
        "Ghana welcomed a new investment from Britain in its railway network.",
        "The work starts next year.",
    ),
    (
        "Poland requests more troops from NATO",
        "Poland requested more troops from NATO after the incident on the border.",
        "The alliance said it would consider the request.",
    ),
    (
        "Vietnam releases the detained fishermen",
        "Vietnam released twelve detained fishermen on Thursday, the foreign ministry said.",
        "The men returned home by boat.",
    ),
    (
        "Morocco and Senegal open a new ferry route",
        "Morocco and Senegal opened a new ferry route between their ports.",
        "The first ship left Tangier on Saturday.",
    ),
]


def article_text(index: int) -> str:
    headline, first, second = ARTICLES[index]
    return f"{headline}\n\n{first}\n\n{second}\n"


def write_articles(directory: Path, count: int = len(ARTICLES)) -> list[Path]:
    """``count`` articles as .txt files (the first one gzipped, to exercise .txt.gz)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        if i == 0:
            path = directory / f"article-{i:02d}.txt.gz"
            path.write_bytes(gzip.compress(article_text(i).encode("utf-8")))
        else:
            path = directory / f"article-{i:02d}.txt"
            path.write_text(article_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def write_warc(path: Path, pages: dict[str, str], others: dict[str, tuple[str, bytes]]) -> None:
    """A gzipped WARC: an HTML response per ``pages`` URL, a non-HTML response per ``others`` URL
    (content type, bytes), and a request record per page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, html in pages.items():
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
            )
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO(html.encode("utf-8"))
            writer.write_record(
                writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
            )
        for url, (ctype, body) in others.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )


def html_page(index: int) -> str:
    headline, first, second = ARTICLES[index]
    return (
        f"<!doctype html><html><head><title>{headline}</title></head><body><article>"
        f"<h1>{headline}</h1><p>{first}</p><p>{second}</p></article></body></html>"
    )


def write_bad_inputs(directory: Path) -> dict[str, Path]:
    """One input of each bad kind: binary, empty, truncated gzip, a WARC of non-HTML records only."""
    directory.mkdir(parents=True, exist_ok=True)
    bad = {
        "binary": directory / "photo.txt",
        "empty": directory / "empty.txt",
        "truncated": directory / "cut.txt.gz",
        "warc": directory / "assets.warc.gz",
    }
    bad["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    bad["empty"].write_bytes(b"")
    bad["truncated"].write_bytes(gzip.compress(article_text(1).encode("utf-8") * 20)[:60])
    write_warc(
        bad["warc"],
        {},
        {"https://example.org/logo.png": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)},
    )
    return bad


def hand_analysis(
    index: int, *, future: bool = False, attributed: bool = True, published: str = "2022-03-14"
):
    """A SPEC record built by hand over ``ARTICLES[index]`` (no model): two actors, a quote and an
    event by the first country on the second, so store tests do not depend on the components."""
    from claimgraph.analyze import document_id
    from claimgraph.model import Analysis

    text = article_text(index).strip()
    headline, first, _ = ARTICLES[index]
    words = headline.split()
    source_name, verb = words[0], words[1]
    target_name = next((w for w in reversed(words[2:]) if w[0].isupper()), "Nations")
    body = text.index(first)
    source_at, verb_at = 0, text.index(verb)
    target_at = text.index(target_name) if target_name in text else body
    said = first.rfind(",")
    attribution = [{"actor": "anon:1", "text": "officials", "cue": "say"}] if attributed else []
    return Analysis.model_validate(
        {
            "document": {"id": document_id(None, text), "title": headline, "published": published, "text": text},
            "actors": [
                {"id": f"{source_name[:3].upper()}.GOV", "name": source_name, "kind": "government", "country": source_name[:3].upper(), "mentions": [[source_at, source_at + len(source_name)]]},
                {"id": target_name[:3].upper(), "name": target_name, "kind": "country", "country": target_name[:3].upper(), "mentions": [[target_at, target_at + len(target_name)]]},
                {"id": "anon:1", "name": "officials", "kind": "anonymous", "role": "official"},
            ],
            "quotes": [
                {"id": "q1", "kind": "indirect", "text": first[: max(said, 10)], "span": [body, body + max(said, 10)], "cue": "say",
                 "speaker": {"text": "officials", "span": [body, body + 9], "actor": "anon:1"}, "confidence": 0.8},
            ],
            "events": [
                {"id": "e1", "type": "AID", "cameo": "071", "source": f"{source_name[:3].upper()}.GOV", "target": target_name[:3].upper(),
                 "trigger": {"text": verb, "span": [verb_at, verb_at + len(verb)]}, "sentence": [body, body + len(first)],
                 "time": "future" if future else "past", "factuality": "probable" if attributed else "certain",
                 "attribution": attribution, "confidence": 0.7},
            ],
        }
    )  # fmt: skip
