"""Storage: the DuckDB database, its numbered migrations and the table layout."""

from dyad.store.db import LATEST, Store, WriteReport, migrations, open_store
from dyad.store.tables import TABLES, TableSpec

__all__ = ["LATEST", "TABLES", "Store", "TableSpec", "WriteReport", "migrations", "open_store"]
