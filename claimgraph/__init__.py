"""claimgraph: who does what to whom in the news, according to whom, how sure, and when."""

from .analyze import AnalyzeOptions, analyze, analyze_many
from .errors import ClaimgraphError, InputError, LexiconError, ModelError, StoreError
from .model import Analysis

__version__ = "0.1.0"


def __getattr__(name: str):
    """``claimgraph.Store`` on first use, so importing claimgraph does not load DuckDB."""
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(f"module 'claimgraph' has no attribute {name!r}")


__all__ = [
    "Analysis",
    "AnalyzeOptions",
    "ClaimgraphError",
    "InputError",
    "LexiconError",
    "ModelError",
    "Store",
    "StoreError",
    "analyze",
    "analyze_many",
]
