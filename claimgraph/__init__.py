"""claimgraph: who does what to whom in the news, according to whom, how sure, and when."""

from .analyze import AnalyzeOptions, analyze, analyze_many
from .errors import ClaimgraphError, InputError, LexiconError, ModelError, StoreError
from .model import Analysis

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "AnalyzeOptions",
    "ClaimgraphError",
    "InputError",
    "LexiconError",
    "ModelError",
    "StoreError",
    "analyze",
    "analyze_many",
]
