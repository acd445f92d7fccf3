"""One exception tree for dyad; every error says what to do next.

    DyadError                     base; `hint` tells the user what to do, `exit_code` is what the CLI returns
     ├── UserError                bad arguments or files named by the user            (exit 2)
     │    ├── InputNotFound       a path given on the command line does not exist
     │    ├── ManifestError       a CSV manifest lacks the `path` column or is unreadable
     │    └── ConfigError         a bad setting or config file
     ├── SkippedInput             the single input of `extract_file` could not be read (carries the Skip)  (exit 1)
     ├── StoreError               the database cannot be used                         (exit 3)
     │    ├── StoreLocked         another process holds the database
     │    └── SchemaTooNew        the database was written by a newer dyad
     └── PipelineError            stages assembled in an order that cannot work       (exit 4)

Bad documents are not errors: they become `Skip(reason)` records (see model.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyad.model import Skip


class DyadError(Exception):
    """Base of all dyad errors."""

    exit_code = 1
    hint = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UserError(DyadError):
    exit_code = 2


class InputNotFound(UserError):
    hint = "check the path; folders are read recursively"


class ManifestError(UserError):
    hint = "a manifest is a CSV file with the columns path,published,source,title,kind"


class ConfigError(UserError):
    hint = "see `dyad --help` and the README's configuration section"


class SkippedInput(DyadError):
    """The one input of `extract_file` became a Skip."""

    exit_code = 1

    def __init__(self, skip: Skip) -> None:
        super().__init__(f"{skip.path or skip.doc_id}: skipped: {skip.reason}",
                         "dyad reads text, HTML, JSONL and CSV manifests")
        self.skip = skip


class StoreError(DyadError):
    exit_code = 3


class StoreLocked(StoreError):
    hint = "another dyad process is using this database; wait for it to finish or pass --db OTHER.duckdb"


class SchemaTooNew(StoreError):
    hint = "upgrade dyad (pip install -U dyad) or use another --db"


class PipelineError(DyadError):
    exit_code = 4
    hint = "reorder the stages so that each one comes after the stages whose output it requires"
