"""Settings: one frozen object passed down explicitly, never module globals.

Sources, later ones winning: defaults, a TOML file (`[dyad]` table, `--config FILE`), environment
variables `DYAD_DB`, `DYAD_MAX_BYTES`, `DYAD_ACTORS` and `DYAD_EVENTS`, then command-line options.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from dyad.errors import ConfigError

DEFAULT_DB = Path("dyad.duckdb")
DEMO_DB = Path("dyad-demo.duckdb")


# the settings an environment variable DYAD_<NAME> sets
ENV_SETTINGS = ("db", "max_bytes", "actors", "events", "issues", "semantic")


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path = DEFAULT_DB
    max_bytes: int = 5_000_000          # larger inputs become Skip("too large")
    batch_size: int = 500               # documents per atomic database transaction
    languages: tuple[str, ...] = ("en",)  # languages the English-only stages run on
    progress: bool = True               # a progress bar on stderr when it is a terminal
    actors: tuple[Path, ...] = ()       # the user's gazetteer files (YAML or CSV), added to the shipped one
    events: tuple[Path, ...] = ()       # the user's event patterns (YAML) and codes (CSV), added to the shipped ones
    issues: tuple[Path, ...] = ()       # the user's issue taxonomy and tone files (YAML), added to the shipped ones
    issue_threshold: float = 0.55       # a document is about an issue from this score on
    semantic: bool = False              # semantic issue tagging with the sentence-embedding model (dyad[embed])

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}")
        if not 0.0 < self.issue_threshold < 1.0:
            raise ConfigError(f"issue_threshold must be between 0 and 1, got {self.issue_threshold}")

    def with_(self, **changes: Any) -> Settings:
        """A copy with the given fields changed; None values are ignored (unset CLI options)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def load(cls, config_file: Path | None = None, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        if config_file is not None:
            values.update(_read_toml(config_file))
        for key in ENV_SETTINGS:  # DYAD_DB, DYAD_MAX_BYTES, ...
            if env.get(f"DYAD_{key.upper()}"):
                values[key] = env[f"DYAD_{key.upper()}"]
        return cls()._coerce(values)

    def _coerce(self, values: dict[str, Any]) -> Settings:
        known = {f.name: f for f in fields(self)}
        out: dict[str, Any] = {}
        for key, raw in values.items():
            if key not in known:
                raise ConfigError(f"unknown setting {key!r}; known: {', '.join(sorted(known))}")
            default = getattr(self, key)
            try:
                if isinstance(default, bool):
                    out[key] = raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
                elif isinstance(default, int):
                    out[key] = int(raw)
                elif isinstance(default, float):
                    out[key] = float(raw)
                elif isinstance(default, Path):
                    out[key] = Path(raw)
                elif key in ("actors", "events", "issues"):
                    items = raw if isinstance(raw, list | tuple) else str(raw).split(",")
                    out[key] = tuple(Path(str(x)) for x in items if str(x))
                elif isinstance(default, tuple):
                    out[key] = tuple(raw) if isinstance(raw, list | tuple) else tuple(str(raw).split(","))
                else:
                    out[key] = raw
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"setting {key!r}: cannot use {raw!r}: {exc}") from None
        return replace(self, **out)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    table = data.get("dyad", data)
    if not isinstance(table, dict):
        raise ConfigError(f"config file {path}: [dyad] must be a table")
    return table
