"""Readable terminal output of an ``Analysis`` (rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..model import Analysis

FACTUALITY_STYLE = {
    "certain": "green",
    "probable": "yellow",
    "possible": "dark_orange",
    "unknown": "dim",
    "certain_not": "red",
    "probable_not": "red",
    "possible_not": "red",
}


def print_analysis(analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    doc = analysis.document
    names = {actor.id: actor.name for actor in analysis.actors}
    console.print(f"[bold]{doc.title or '(untitled)'}[/bold]")
    console.print(
        f"[dim]id {doc.id} · {doc.outlet or 'outlet unknown'} · published {doc.published or 'unknown'} · "
        f"{len(doc.text.split())} words · {len(doc.removed)} boilerplate lines removed[/dim]\n"
    )

    actors = Table(title="Actors", title_justify="left", show_lines=False)
    for col in ("id", "name", "kind", "country", "role", "mentions"):
        actors.add_column(col)
    for actor in analysis.actors:
        actors.add_row(
            actor.id,
            actor.name,
            actor.kind,
            actor.country or "",
            actor.role or "",
            str(len(actor.mentions)),
        )
    console.print(actors)

    quotes = Table(title="Quotes", title_justify="left", show_lines=True)
    for col in ("kind", "speaker", "cue", "text"):
        quotes.add_column(col, overflow="fold")
    for quote in analysis.quotes:
        speaker = quote.speaker
        who = (
            f"{speaker.text} [dim]({names.get(speaker.actor, speaker.actor)})[/dim]"
            if speaker
            else "[dim]unknown[/dim]"
        )
        quotes.add_row(quote.kind, who, quote.cue or "", quote.text)
    console.print(quotes)

    events = Table(title="Events", title_justify="left", show_lines=True)
    for col in ("type", "source → target", "trigger", "time", "factuality", "according to"):
        events.add_column(col, overflow="fold")
    for event in analysis.events:
        source = names.get(event.source, event.source or "?")
        target = names.get(event.target, event.target or "—") if event.target else "—"
        style = FACTUALITY_STYLE.get(event.factuality, "")
        chain = (
            " ← ".join(f"{s.text} ({s.cue})" for s in event.attribution) or "[dim]the outlet[/dim]"
        )
        flags = " [italic](if)[/italic]" if event.hypothetical else ""
        events.add_row(
            f"{event.type}{'/' + event.mode if event.mode else ''}",
            f"{source} → {target}",
            event.trigger.text,
            event.time + (f" {event.date}" if event.date else ""),
            f"[{style}]{event.factuality}[/{style}]{flags}",
            chain,
        )
    console.print(events)
