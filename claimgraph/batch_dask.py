"""The part of ``batch.run_dask`` that runs on Dask workers: the model plugin and the chunk task.

Kept apart from ``batch`` so the ``ingest`` worker processes, which import ``batch``, load no
Dask; and it builds plain rows (``tables.rows``), so a Dask worker loads neither DuckDB nor Arrow
(~64 MB less per worker): the client turns them into Arrow tables.
"""

from __future__ import annotations

from distributed import WorkerPlugin, get_worker

from .analyze import AnalyzeOptions
from .batch import analyse_chunk, analyse_chunk_in_zone
from .readers import RawDocument
from .tables import rows


class ModelPlugin(WorkerPlugin):
    """Dask worker plugin: loads the spaCy pipeline once when a worker starts."""

    name = "claimgraph-model"

    def __init__(self, options: AnalyzeOptions):
        self.options = options

    def setup(self, worker) -> None:
        self.options.pipeline()


def dask_chunk(
    raws: list[RawDocument], keys: list[str], options: AnalyzeOptions
) -> tuple[list[dict[str, list[dict]]], list[tuple]]:
    """On a Dask worker: analyse a chunk and return its table rows (the client makes them Arrow
    tables, so a worker loads no Arrow) and its failures."""
    single = get_worker().state.nthreads == 1  # `dask worker --nthreads 1`, as the docs advise
    outcomes = (analyse_chunk_in_zone if single else analyse_chunk)(raws, keys, options)
    good = [o for o in outcomes if o.analysis is not None]
    row_sets = [rows(o.analysis, o.source) for o in good]
    row_sets.append(
        {
            "inputs": [
                {"key": o.key, "document_id": o.analysis.document.id, "source": o.source}
                for o in good
            ]
        }
    )
    failed = [(o.source, o.stage, o.error) for o in outcomes if o.analysis is None]
    return row_sets, failed
