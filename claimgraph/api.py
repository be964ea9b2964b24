"""The HTTP API and the web UI: a FastAPI app over ``analyze()`` and the DuckDB store.

``create_app()`` builds the app; ``claimgraph serve`` runs it with uvicorn. Every
route calls the same public functions the CLI calls (``analyze``, ``Store``
queries); ``ClaimgraphError`` becomes a 4xx answer ``{"detail": message}``.
Security: request bodies are capped (413), URLs given to ``/analyze`` are
fetched only from public addresses unless ``allow_private_urls``, the UI is
served under a strict Content-Security-Policy, and there is no SQL over HTTP.
"""

import datetime
import json
import logging
import re
import threading
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from . import __version__
from . import settings as settings_module
from .analyze import AnalyzeOptions, analyze
from .errors import ClaimgraphError, Errors, InputError, LexiconError, ModelError
from .model import EVENT_TYPES, FACTUALITY_VALUES, Analysis
from .readers import RawDocument
from .readers.files import from_bytes
from .readers.url import fetch
from .store import FACTUALITY_GROUPS, Filters, Store

logger = logging.getLogger(__name__)

WEB = Path(__file__).parent / "web"
PAGES = {
    "/": "index.html",
    "/article": "article.html",
    "/actor": "actor.html",
    "/docs": "docs.html",
}
# No inline script or style, nothing from another origin; data: only for Swagger UI's icons.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
# Factuality filter as `claimgraph query` takes it: a FactBank value or a group such as "probable+".
FACTUALITY_PATTERN = (
    "^(" + "|".join(re.escape(v) for v in (*FACTUALITY_GROUPS, *FACTUALITY_VALUES)) + ")$"
)
STATUS_OF_ERROR: dict[type, int] = {ModelError: 500, LexiconError: 500}


class AnalyzeRequest(BaseModel):
    """The JSON body of ``POST /analyze``: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article as plain text.")
    html: str | None = Field(default=None, description="The article as an HTML page.")
    url: str | None = Field(
        default=None, description="An http(s) address to fetch the article from."
    )
    published: datetime.date | None = Field(
        default=None, description="YYYY-MM-DD; anchors relative dates."
    )


class ErrorDetail(BaseModel):
    """Every error answer: the coded message, saying what to do."""

    detail: str


BAD_REQUEST = {400: {"model": ErrorDetail, "description": "Invalid input (coded message)"}}
NOT_FOUND = {404: {"model": ErrorDetail, "description": "No such id in the store"}}


class Page(BaseModel):
    """One page of a list: ``next`` is the address of the following page, null on the last."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next: str | None


class ActorProfile(BaseModel):
    """What an actor did and said, what others claim about it, and how those claims are sourced."""

    actor: dict[str, Any]
    did: list[dict[str, Any]] = Field(description="events with this actor as source")
    said: list[dict[str, Any]] = Field(description="quotes this actor speaks")
    claimed_about: list[dict[str, Any]] = Field(
        description="events involving this actor, attributed to someone else"
    )
    sourcing: dict[str, int] = Field(
        description="claims about the actor by kind of source: anonymous, named, asserted"
    )


def _body_schema(field: str, description: str) -> dict:
    """One accepted shape of the JSON body: ``field`` (not blank) and an optional ``published`` date."""
    return {
        "type": "object",
        "title": f"{field} body",
        "required": [field],
        "additionalProperties": False,
        "properties": {
            field: {"type": "string", "pattern": r"\S", "description": description},
            "published": {
                "type": "string",
                "format": "date",
                "description": "YYYY-MM-DD; anchors relative dates.",
            },
        },
    }


ANALYZE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        _body_schema("text", "The article as plain text."),
                        _body_schema("html", "The article as an HTML page."),
                        _body_schema("url", "An http(s) address to fetch the article from."),
                    ]
                }
            },
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
}


class BodyTooLarge(Exception):
    """Raised from the wrapped ``receive`` when a body grows past the cap."""


class Guard:
    """ASGI middleware: the security headers on every answer, and a 413 for bodies over ``limit``."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send_with_headers)
            return
        received = 0

        async def capped_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise BodyTooLarge
            return message

        try:
            await self.app(scope, capped_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await self._refuse(send_with_headers)

    async def _refuse(self, send) -> None:
        response = JSONResponse({"detail": Errors.CG350.format(limit=self.limit)}, status_code=413)
        await response({"type": "http"}, None, send)


def create_app(
    store_path: str | Path | None = None,
    *,
    allow_private_urls: bool = False,
    config: str | Path | None = None,
    options: AnalyzeOptions | None = None,
) -> FastAPI:
    """The claimgraph HTTP API and web UI over the store at ``store_path``.

    ``allow_private_urls`` lets ``/analyze`` fetch from loopback, private and
    link-local addresses (off by default: a server must not become a proxy
    into its own network). ``config`` is a TOML file over settings.toml;
    ``options`` are the analysis options (model, actor dictionary).
    """
    settings = settings_module.load(config)
    serve_settings = settings["serve"]
    options = options or AnalyzeOptions(config=str(config) if config else None)
    state = _StoreState(store_path)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        state.close()

    app = FastAPI(
        title="claimgraph",
        version=__version__,
        summary="Who does what to whom in the news, according to whom, how sure, and when.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(Guard, limit=serve_settings["max_body_bytes"])
    app.add_exception_handler(ClaimgraphError, _claimgraph_error)
    _add_pages(app)

    max_limit = serve_settings["max_page_size"]
    Limit = Annotated[int, Query(ge=1, le=max_limit, description="Rows per page.")]
    Offset = Annotated[
        int, Query(ge=0, le=serve_settings["max_offset"], description="Rows to skip.")
    ]
    default_limit = serve_settings["page_size"]

    @app.post(
        "/analyze",
        response_model=Analysis,
        tags=["analyze"],
        openapi_extra=ANALYZE_BODY,
        responses={
            **BAD_REQUEST,
            413: {"model": ErrorDetail, "description": "Body over [serve] max_body_bytes"},
            415: {"model": ErrorDetail, "description": "Unsupported body type"},
        },
    )
    async def analyze_article(
        request: Request,
        store: Annotated[bool, Query(description="Also add the record to the store.")] = False,
    ) -> Analysis:
        """Analyse one article sent as text/plain, text/html or JSON ``{text|html|url, published?}``.

        Returns the SPEC.md record. A URL is fetched only from a public address
        unless the server runs with ``--allow-private-urls``.
        """
        raw, published = await _read_analyze_body(request, settings)
        if isinstance(raw, str):
            raw = await run_in_threadpool(fetch, raw, settings, public_only=not allow_private_urls)
        run_options = replace(options, published=published) if published else options
        result = await run_in_threadpool(analyze, raw, options=run_options)
        if store:
            await run_in_threadpool(state.call, lambda s: s.add(result))
        return result

    @app.get("/documents", response_model=Page, tags=["corpus"], responses=BAD_REQUEST)
    def documents(
        request: Request, filters: FilterParams, limit: Limit = default_limit, offset: Offset = 0
    ):
        """Stored documents matching the filters (metadata, no text)."""
        return _page(request, state, "documents", filters, limit, offset)

    @app.get(
        "/documents/{document_id}", response_model=Analysis, tags=["corpus"], responses=NOT_FOUND
    )
    def document(document_id: str) -> Analysis:
        """The full SPEC.md record of one stored document."""
        result = state.call(lambda s: s.document(document_id))
        if result is None:
            raise HTTPException(404, Errors.CG352.format(id=document_id))
        return result

    @app.get("/events", response_model=Page, tags=["corpus"], responses=BAD_REQUEST)
    def events(
        request: Request, filters: FilterParams, limit: Limit = default_limit, offset: Offset = 0
    ):
        """Stored events matching the filters, each with its document and evidence sentence."""
        return _page(request, state, "events", filters, limit, offset)

    @app.get("/quotes", response_model=Page, tags=["corpus"], responses=BAD_REQUEST)
    def quotes(
        request: Request, filters: FilterParams, limit: Limit = default_limit, offset: Offset = 0
    ):
        """Stored quotes matching the filters."""
        return _page(request, state, "quotes", filters, limit, offset)

    @app.get("/actors", response_model=Page, tags=["corpus"], responses=BAD_REQUEST)
    def actors(
        request: Request, filters: FilterParams, limit: Limit = default_limit, offset: Offset = 0
    ):
        """Actors in the store with their counts."""
        return _page(request, state, "actors", filters, limit, offset)

    @app.get(
        "/actors/{actor_id}", response_model=ActorProfile, tags=["corpus"], responses=NOT_FOUND
    )
    def actor(actor_id: str) -> ActorProfile:
        """One actor's page: what it did and said, what others claim about it, its sourcing profile."""
        return state.call(lambda s: actor_profile(s, actor_id, max_limit))

    @app.get("/graph", tags=["corpus"], responses=BAD_REQUEST)
    def graph(filters: FilterParams) -> dict[str, list[dict[str, Any]]]:
        """The actor network: nodes are actors, edges events aggregated by type, counted by factuality and sourcing."""
        return state.call(lambda s: s.graph(filters))

    @app.get("/timeline", tags=["corpus"], responses=BAD_REQUEST)
    def timeline(
        filters: FilterParams,
        interval: Annotated[Literal["day", "week"], Query(description="Bucket size.")] = "day",
    ) -> list[dict[str, Any]]:
        """Event counts per day or week and type, split into confirmed (asserted as certain) and only claimed."""
        return state.call(lambda s: s.timeline(filters, interval=interval))

    @app.get("/stats", tags=["corpus"])
    def stats() -> dict[str, Any]:
        """Row counts of the store."""
        return state.call(lambda s: s.count())

    return app


class _StoreState:
    """The app's one store connection, opened on first use; DuckDB calls are serialised by a lock."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = path
        self.store = None
        self.lock = threading.Lock()

    def call(self, fn: Callable):
        with self.lock:
            if self.store is None:
                self.store = Store(self.path)
            return fn(self.store)

    def close(self) -> None:
        with self.lock:
            if self.store is not None:
                self.store.close()
                self.store = None


def _filters(
    source: Annotated[
        str | None, Query(description="Actor id of the event's source, e.g. CHN.GOV.")
    ] = None,
    target: Annotated[str | None, Query(description="Actor id of the event's target.")] = None,
    actor: Annotated[str | None, Query(description="Actor id as source or target.")] = None,
    type: Annotated[
        str | None, Query(description=f"PLOVER event type: {', '.join(EVENT_TYPES)}.")
    ] = None,
    since: Annotated[datetime.date | None, Query(description="First day, YYYY-MM-DD.")] = None,
    until: Annotated[datetime.date | None, Query(description="Last day, YYYY-MM-DD.")] = None,
    factuality: Annotated[
        str | None,
        Query(
            pattern=FACTUALITY_PATTERN,
            description="A factuality value; 'probable+' = at least probable.",
        ),
    ] = None,
    attributed: Annotated[
        bool | None,
        Query(description="true: attributed to a source; false: asserted by the outlet."),
    ] = None,
    speaker_kind: Annotated[
        str | None, Query(description="Kind of the quote's speaker, e.g. anonymous.")
    ] = None,
    speaker: Annotated[str | None, Query(description="Actor id of the quote's speaker.")] = None,
    contains: Annotated[
        str | None, Query(max_length=200, description="Text the quote or sentence contains.")
    ] = None,
    document: Annotated[str | None, Query(description="Document id.")] = None,
):
    """The same filters as ``claimgraph query``, from the query string."""
    return Filters(
        source=source,
        target=target,
        actor=actor,
        type=type,
        since=_iso(since),
        until=_iso(until),
        factuality=factuality,
        attributed=attributed,
        speaker_kind=speaker_kind,
        speaker=speaker,
        contains=contains,
        document=document,
    )


FilterParams = Annotated[Filters, Depends(_filters)]


def _page(
    request: Request, state: _StoreState, table: str, filters, limit: int, offset: int
) -> Page:
    """One page of a store listing; asks for one row more to know whether a next page exists."""
    rows = state.call(lambda s: getattr(s, table)(filters, limit=limit + 1, offset=offset))
    following = None
    if len(rows) > limit:
        following = str(
            request.url.include_query_params(offset=offset + limit).replace(scheme="", netloc="")
        )
        following = following.removeprefix("//")
    return Page(items=rows[:limit], limit=limit, offset=offset, next=following)


def actor_profile(store, actor_id: str, limit: int) -> ActorProfile:
    """An actor's page from the store's events and quotes (404 when the store does not know it).

    As in the store's filters, an actor includes its sub-actors ("CHN" covers
    "CHN.GOV"). A claim about the actor is an event it is source or target of;
    its sourcing is the innermost source's kind: anonymous, named, or none
    (asserted in the outlet's own voice).
    """
    known = [
        row
        for row in store.actors(Filters(actor=actor_id), limit=limit, offset=0)
        if row["id"] == actor_id
    ]
    if not known:
        raise HTTPException(404, Errors.CG353.format(id=actor_id))
    involving = store.events(Filters(actor=actor_id), limit=limit, offset=0)
    said = store.quotes(Filters(actor=actor_id), limit=limit, offset=0)
    did = [row for row in involving if _covers(actor_id, row["source"])]
    about = [row for row in involving if not _covers(actor_id, row["speaker_actor"])]
    claimed = [row for row in about if row["attributed"]]
    sourcing = {
        "anonymous": sum(1 for row in claimed if row["speaker_kind"] == "anonymous"),
        "named": sum(1 for row in claimed if row["speaker_kind"] != "anonymous"),
        "asserted": len(about) - len(claimed),
    }
    return ActorProfile(
        actor=known[0], did=did, said=said, claimed_about=claimed, sourcing=sourcing
    )


def _covers(actor_id: str, other: str | None) -> bool:
    """True when ``other`` is ``actor_id`` or one of its sub-actors ("CHN" covers "CHN.GOV")."""
    return other is not None and (other == actor_id or other.startswith(actor_id + "."))


async def _read_analyze_body(
    request: Request, settings: dict
) -> tuple[RawDocument | str, str | None]:
    """The article of a ``POST /analyze`` body, or the URL to fetch it from, and its publication date."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    body = await request.body()
    if media_type in ("text/plain", "text/html"):
        raw = from_bytes(body, "<request body>", settings)
        raw.kind = "html" if media_type == "text/html" else "text"
        return raw, None
    if media_type != "application/json":
        raise HTTPException(415, Errors.CG354.format(ctype=media_type or "none"))
    try:
        payload = AnalyzeRequest.model_validate(json.loads(body))
    except (ValueError, ValidationError) as err:
        raise HTTPException(400, Errors.CG355.format(detail=_first_error(err))) from err
    given = [name for name in ("text", "html", "url") if getattr(payload, name) is not None]
    if len(given) != 1:
        raise HTTPException(
            400,
            Errors.CG355.format(
                detail=f"give exactly one of text, html, url (got {given or 'none'})"
            ),
        )
    if payload.url is not None:
        return payload.url, _iso(payload.published)
    content = payload.text if payload.text is not None else payload.html
    if not content.strip():
        raise InputError(Errors.CG103.format(path="<request body>"))
    kind = "text" if payload.text is not None else "html"
    return RawDocument(source="<request body>", content=content, kind=kind), _iso(payload.published)


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _first_error(err: Exception) -> str:
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc']) or 'body'}: {first['msg']}"
    return f"not JSON ({err})"


async def _claimgraph_error(_request: Request, err: ClaimgraphError) -> JSONResponse:
    status = next((code for cls, code in STATUS_OF_ERROR.items() if isinstance(err, cls)), 400)
    if status >= 500:
        logger.error("%s", err)
    return JSONResponse({"detail": str(err)}, status_code=status)


def _add_pages(app: FastAPI) -> None:
    """The UI's HTML pages, its static files, and Swagger UI from the swagger-ui-bundle package."""
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/static/swagger", StaticFiles(directory=str(swagger_ui_path)), name="swagger")
    app.mount("/static", StaticFiles(directory=str(WEB)), name="static")
    for route, filename in PAGES.items():
        app.add_api_route(
            route, _page_file(WEB / filename), methods=["GET", "HEAD"], include_in_schema=False
        )


def _page_file(path: Path) -> Callable:
    async def page() -> FileResponse:
        return FileResponse(path, media_type="text/html")

    return page
