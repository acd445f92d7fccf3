"""dyad: checkable event data from news about international relations.

    import dyad
    doc = dyad.extract(text, published="2024-04-23")     # a typed Document
    doc = dyad.extract_file("article.html")
    for item in dyad.extract_many(["corpus/"]): ...      # Documents and Skips
    with dyad.open_store("dyad.duckdb") as store: ...
"""

from dyad._version import __version__
from dyad.api import default_pipeline, extract, extract_file, extract_many, process, stages
from dyad.config import Settings
from dyad.contract import schema, to_json, to_record
from dyad.errors import DyadError
from dyad.model import (
    Actor,
    Document,
    Event,
    Evidence,
    IssueScore,
    Mention,
    Note,
    Position,
    Quote,
    Sentence,
    Skip,
    Span,
    TimeExpr,
)
from dyad.pipeline import Pipeline, Stage
from dyad.store import Store, open_store

__all__ = [
    "Actor",
    "Document",
    "DyadError",
    "Event",
    "Evidence",
    "IssueScore",
    "Mention",
    "Note",
    "Pipeline",
    "Position",
    "Quote",
    "Sentence",
    "Settings",
    "Skip",
    "Span",
    "Stage",
    "Store",
    "TimeExpr",
    "__version__",
    "default_pipeline",
    "extract",
    "extract_file",
    "extract_many",
    "open_store",
    "process",
    "schema",
    "stages",
    "to_json",
    "to_record",
]
