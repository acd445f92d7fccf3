"""Command line: parse, call the library, map errors to one message and an exit code.

Exit codes: 0 ok, 1 the input could not be read, 2 usage or user error, 3 database error,
4 pipeline misassembled, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dyad._version import __version__
from dyad.config import DEFAULT_DB, DEMO_DB, Settings
from dyad.errors import DyadError, UserError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="dyad: who did or said what to whom, when, on which issue, from news text.")
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

F = TypeVar("F", bound=Callable[..., Any])

# the later stages' outputs: (label, fact the stage assigns, table it is stored in)
STAGE_COUNTS = (
    ("Actor mentions", "mentions", "mentions"),
    ("Time expressions", "times", "times"),
    ("Quotes", "quotes", "quotes"),
    ("Events", "events", "events"),
    ("Document issues", "issues", "doc_issues"),
    ("Stance positions", "positions", "positions"),
)


def handle_errors(fn: F) -> F:
    """User-facing errors become one line on stderr and an exit code, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DyadError as exc:
            err.print(f"[bold red]error:[/] {escape(exc.message)}", markup=True, soft_wrap=True)
            if exc.hint:
                err.print(f"[dim]hint: {escape(exc.hint)}[/]", soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted; the batch in progress was rolled back")
            raise typer.Exit(130) from None
        except BrokenPipeError:  # `dyad extract ... | head`
            with contextlib.suppress(Exception):
                sys.stdout = open("/dev/null", "w")  # noqa: SIM115 -- silence the interpreter's flush at exit
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        out.print(f"dyad {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="TOML settings file (a \\[dyad] table).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", help="Your own gazetteer file (YAML or CSV), added to the shipped one; repeatable.")] = None,
    events: Annotated[list[Path] | None, typer.Option(
        "--events", help="Your own event patterns (YAML) or codes (CSV), added to the shipped ones; repeatable.")
    ] = None,
    issues: Annotated[list[Path] | None, typer.Option(
        "--issues", help="Your own issue taxonomy or tone words (YAML), added to the shipped ones; repeatable.")
    ] = None,
    semantic: Annotated[bool, typer.Option(
        "--semantic", help="Also tag issues with the sentence-embedding model (needs dyad\\[embed]).")] = False,
) -> None:
    try:
        settings = Settings.load(config)
        settings = settings.with_(**_user_files(settings, actors=actors, events=events, issues=issues))
        if semantic:
            settings = settings.with_(semantic=True)
    except DyadError as exc:
        err.print(f"[bold red]error:[/] {escape(exc.message)}")
        raise typer.Exit(exc.exit_code) from None
    ctx.obj = settings.with_(progress=False) if quiet else settings


def _user_files(base: Settings, **given: list[Path] | None) -> dict[str, tuple[Path, ...]]:
    """The user's --actors/--events/--issues files added to those the settings name; a missing one is an error."""
    out: dict[str, tuple[Path, ...]] = {}
    for kind, paths in given.items():
        if not paths:
            continue
        missing = [p for p in paths if not p.is_file()]
        if missing:
            raise UserError(f"{kind} file not found: {missing[0]}")
        out[kind] = (*getattr(base, kind), *paths)
    return out


def _settings(ctx: typer.Context, actors: list[Path] | None = None, events: list[Path] | None = None,
              issues: list[Path] | None = None, **changes: Any) -> Settings:
    base: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    changes.update(_user_files(base, actors=actors, events=events, issues=issues))
    try:
        return base.with_(**changes)
    except DyadError:
        raise
    except (TypeError, ValueError) as exc:
        raise UserError(str(exc)) from None


@contextlib.contextmanager
def _progress(settings: Settings, total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar over input bytes on stderr, shown only on a terminal."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    show = settings.progress and err.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=err, transient=True, disable=not show) as bar:
        task = bar.add_task(label, total=max(total, 1))
        yield lambda n: bar.advance(task, n)


PathsArg = Annotated[list[Path] | None, typer.Argument(help="Files or folders (read recursively).",
                                                       show_default=False)]
ManifestOpt = Annotated[Path | None, typer.Option("--manifest", "-m",
                                                  help="CSV manifest: path,published,source,title,kind.")]
DbOpt = Annotated[Path | None, typer.Option("--db", help=f"DuckDB file [default: {DEFAULT_DB}].")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")]
MaxBytesOpt = Annotated[int | None, typer.Option("--max-bytes", help="Skip inputs larger than this (5 MB).")]
BatchOpt = Annotated[int | None, typer.Option("--batch-size", help="Documents per atomic transaction.")]
ActorsOpt = Annotated[list[Path] | None, typer.Option(
    "--actors", help="Your own gazetteer file (YAML or CSV), added to the shipped one; repeatable.")]
EventsOpt = Annotated[list[Path] | None, typer.Option(
    "--events", help="Your own event patterns (YAML) or codes (CSV), added to the shipped ones; repeatable.")]
IssuesOpt = Annotated[list[Path] | None, typer.Option(
    "--issues", help="Your own issue taxonomy or tone words (YAML), added to the shipped ones; repeatable.")]


def _entries(paths: list[Path] | None, manifest: Path | None) -> list[Any]:
    from dyad.ingest import plan

    if not paths and manifest is None:
        raise UserError("no input given", "name files or folders, or pass --manifest FILE")
    return plan(paths or [], manifest)


@app.command()
@handle_errors
def ingest(ctx: typer.Context, paths: PathsArg = None, manifest: ManifestOpt = None, db: DbOpt = None,
           max_bytes: MaxBytesOpt = None, batch_size: BatchOpt = None, actors: ActorsOpt = None,
           events: EventsOpt = None, issues: IssuesOpt = None) -> None:
    """Read documents, run every stage and store the results in the database (re-ingesting is a no-op)."""
    from dyad.api import default_pipeline, process
    from dyad.store import open_store

    settings = _settings(ctx, actors, events, issues, db=db, max_bytes=max_bytes, batch_size=batch_size)
    entries = _entries(paths, manifest)
    pipeline = default_pipeline(settings)
    with open_store(settings.db) as store, _progress(settings, sum(e.size for e in entries), "ingest") as step:
        report = store.write_all(process(entries, settings, pipeline, on_entry=lambda e: step(e.size)),
                                 settings.batch_size, pipeline.names)
        counts = store.counts()
    table = Table(title=f"dyad ingest → {settings.db}", show_header=True)
    table.add_column("")
    table.add_column("this run", justify="right")
    table.add_column("in database", justify="right")
    table.add_row("Documents stored", f"{report.documents:,}", f"{counts.get('documents', 0):,}")
    table.add_row("Sentences", f"{report.sentences:,}", f"{counts.get('sentences', 0):,}")
    table.add_row("Actor mentions", f"{report.mentions:,}", f"{counts.get('mentions', 0):,}")
    table.add_row("Time expressions", f"{report.times:,}", f"{counts.get('times', 0):,}")
    table.add_row("Quotations", f"{report.quotes:,}", f"{counts.get('quotes', 0):,}")
    table.add_row("Events", f"{report.events:,}", f"{counts.get('events', 0):,}")
    table.add_row("Document issues", f"{report.issues:,}", f"{counts.get('doc_issues', 0):,}")
    table.add_row("Stance positions", f"{report.positions:,}", f"{counts.get('positions', 0):,}")
    if report.updated:
        table.add_row("Updated (re-run with new stages)", f"{report.updated:,}", "")
    table.add_row("Already stored (same content)", f"{report.duplicates:,}", "")
    table.add_row("Skipped", f"{report.skips:,}", f"{counts.get('skips', 0):,}")
    for reason, n in sorted(report.skip_reasons.items()):
        table.add_row(f"  {reason}", f"{n:,}", "")
    out.print(table)


@app.command()
@handle_errors
def extract(ctx: typer.Context, paths: PathsArg = None, manifest: ManifestOpt = None,
            out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write JSON lines here.")] = None,
            db: Annotated[Path | None, typer.Option("--db", help="Also store the results in this DuckDB file.")] = None,
            max_bytes: MaxBytesOpt = None, actors: ActorsOpt = None, events: EventsOpt = None,
            issues: IssuesOpt = None) -> None:
    """Print the output contract as JSON lines, one per document (or one skip record per unreadable input)."""
    from dyad.api import default_pipeline, process
    from dyad.contract import to_json
    from dyad.model import Skip

    settings = _settings(ctx, actors, events, issues, max_bytes=max_bytes)
    entries = _entries(paths, manifest)
    pipeline = default_pipeline(settings)
    n_docs = n_sents = n_skips = 0
    with contextlib.ExitStack() as stack:
        sink: TextIO = sys.stdout
        if out_file is not None:
            try:
                sink = stack.enter_context(out_file.open("w", encoding="utf-8"))
            except OSError as exc:
                raise UserError(f"cannot write {out_file}: {exc.strerror}") from None
        step = stack.enter_context(_progress(settings, sum(e.size for e in entries), "extract"))
        items = process(entries, settings, pipeline, on_entry=lambda e: step(e.size))
        if db is not None:
            from dyad.store import open_store

            store = stack.enter_context(open_store(db))
            items = (it for it, _ in store.write(items, settings.batch_size, pipeline.names))
        for item in items:
            sink.write(to_json(item))
            sink.write("\n")
            if isinstance(item, Skip):
                n_skips += 1
            else:
                n_docs += 1
                n_sents += len(item.sentences)
    where = f" → {out_file}" if out_file else ""
    stored = f", stored in {db}" if db else ""
    err.print(f"dyad extract: {n_docs:,} documents, {n_sents:,} sentences, {n_skips:,} skipped{where}{stored}")


@app.command()
@handle_errors
def demo(ctx: typer.Context,
         db: Annotated[Path, typer.Option("--db", help="Demo database (recreated).")] = DEMO_DB) -> None:
    """Ingest the bundled sample corpus into a fresh demo database and print a summary."""
    from importlib import resources

    from dyad.api import default_pipeline, process
    from dyad.ingest import plan
    from dyad.store import open_store

    settings = _settings(ctx)
    if db.name == DEFAULT_DB.name or db.resolve() == settings.db.resolve():
        raise UserError(f"the demo will not overwrite {db}", "the demo database is recreated each run; "
                                                             f"use a name such as {DEMO_DB}")
    for f in (db, db.with_name(db.name + ".wal")):
        f.unlink(missing_ok=True)
    pipeline = default_pipeline(settings)
    with resources.as_file(resources.files("dyad.data") / "sample") as sample:
        entries = plan([sample])
        with open_store(db) as store:
            with _progress(settings, sum(e.size for e in entries), "demo") as step:
                store.write_all(process(entries, settings, pipeline, on_entry=lambda e: step(e.size)),
                                settings.batch_size, pipeline.names)
            counts = store.counts()
            docs = store.documents()
            skips = store.skips()
            dyads = store.dyads(limit=8) if "events" in counts else []
            issues = store.issue_counts(limit=8) if "doc_issues" in counts else []
    _print_summary(counts, docs, skips, pipeline.assigns, db)
    if issues:
        top_issues = Table(title="Issues (documents about them)")
        for col in ("issue", "documents", "mean score"):
            top_issues.add_column(col, justify="left" if col == "issue" else "right")
        for r in issues:
            top_issues.add_row(r["issue"], str(r["documents"]), f"{r['mean_score']:.2f}")
        out.print(top_issues)
    if dyads:
        top = Table(title="Most active dyads (asserted events)")
        for col in ("source", "target", "events", "cooperation", "conflict", "mean Goldstein"):
            top.add_column(col, justify="left" if col in ("source", "target") else "right")
        for d in dyads:
            top.add_row(d["source"], d["target"], str(d["events"]), str(d["cooperation"]), str(d["conflict"]),
                        f"{d['goldstein']:+.2f}" if d["goldstein"] is not None else "")
        out.print(top)
        pair = f"{dyads[0]['source']}-{dyads[0]['target']}"
        out.print(f"[dim]list them: dyad events --db {db} --dyad {pair}; "
                  f"where each side stands: dyad stance --db {db} --dyad {pair}[/]")


def _print_summary(counts: dict[str, int], docs: list[dict[str, Any]], skips: list[dict[str, Any]],
                   assigned: frozenset[str], db: Path) -> None:
    per_doc = Table(title="Sample corpus", show_lines=False)
    for col, just in (("document", "left"), ("outlet", "left"), ("published", "left"), ("kind", "left"),
                      ("lang", "left"), ("sentences", "right")):
        per_doc.add_column(col, justify=just)  # type: ignore[arg-type]
    for d in docs:
        per_doc.add_row(d["doc_id"], d["outlet"] or "", d["published"] or "", d["kind"] or "",
                        d["language"] or "?", str(d["n_sentences"]))
    out.print(per_doc)
    summary = Table(title=f"dyad demo → {db}")
    summary.add_column("")
    summary.add_column("count", justify="right")
    summary.add_row("Documents", f"{counts.get('documents', 0):,}")
    summary.add_row("Sentences", f"{counts.get('sentences', 0):,}")
    summary.add_row("Skipped", f"{counts.get('skips', 0):,}")
    for label, fact, table in STAGE_COUNTS:
        value = f"{counts.get(table, 0):,}" if fact in assigned else "[dim]stage not built yet[/]"
        summary.add_row(label, value)
    out.print(summary)
    for s in skips:
        out.print(f"[yellow]skipped[/] {s['path'] or s['doc_id']}: {s['reason']}")


@app.command()
@handle_errors
def status(ctx: typer.Context, db: DbOpt = None) -> None:
    """Rows per table, schema version and batches of a database."""
    from dyad.store import open_store

    settings = _settings(ctx, db=db)
    with open_store(settings.db, read_only=True) as store:
        counts, version, batches = store.counts(), store.version, store.batches()
    table = Table(title=f"{settings.db} (schema version {version})")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in counts.items():
        table.add_row(name, f"{n:,}")
    out.print(table)
    if batches:
        last = batches[-1]
        out.print(f"{len(batches)} batches; last at {last['finished_at']:%Y-%m-%d %H:%M:%S} UTC "
                  f"by dyad {last['dyad_version']} ({last['stages']})")


@app.command()
@handle_errors
def docs(ctx: typer.Context, db: DbOpt = None,
         limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many.")] = 50) -> None:
    """List stored documents."""
    from dyad.store import open_store

    settings = _settings(ctx, db=db)
    with open_store(settings.db, read_only=True) as store:
        rows = store.documents(limit=limit)
    table = Table(title=f"documents in {settings.db}")
    for col in ("doc_id", "outlet", "published", "kind", "lang", "sentences", "title"):
        table.add_column(col)
    for d in rows:
        table.add_row(d["doc_id"], d["outlet"] or "", d["published"] or "", d["kind"] or "", d["language"] or "?",
                      str(d["n_sentences"]), (d["title"] or "")[:60])
    out.print(table)


@app.command()
@handle_errors
def actors(ctx: typer.Context, db: DbOpt = None,
           doc: Annotated[str | None, typer.Option("--doc", help="Only this document (doc_id or hash).")] = None,
           code: Annotated[str | None, typer.Option("--code", help="Only codes starting so (CHN, USAGOV).")] = None,
           limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many.")] = 50,
           as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False) -> None:
    """List the actors in the database (or in one document) with their codes and mention counts."""
    from dyad.store import open_store

    settings = _settings(ctx, db=db)
    with open_store(settings.db, read_only=True) as store:
        if doc is not None and store.get(doc) is None:
            raise UserError(f"no document {doc!r} in {settings.db}", "`dyad docs` lists them")
        rows = store.actors(doc=doc, code=code, limit=limit)
    if as_json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))
        return
    table = Table(title=f"actors in {doc or settings.db}")
    for col, just in (("name", "left"), ("code", "left"), ("role", "left"), ("mentions", "right"),
                      ("docs", "right"), ("as written", "left")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for r in rows:
        table.add_row(r["name"], r["code"] or "?", (r["role"] or "")[:40], str(r["mentions"]), str(r["documents"]),
                      "; ".join(r["surfaces"] or [])[:60])
    out.print(table)


@app.command()
@handle_errors
def quotes(ctx: typer.Context, db: DbOpt = None,
           speaker: Annotated[str | None, typer.Option("--speaker", help="Speakers whose name contains this.")] = None,
           issue: Annotated[str | None, typer.Option("--issue", help="Only quotations tagged with this issue.")] = None,
           code: Annotated[str | None, typer.Option("--code", help="Speakers whose code starts so (CHNGOV).")] = None,
           doc: Annotated[str | None, typer.Option("--doc", help="Only this document (doc_id or hash).")] = None,
           kind: Annotated[str | None, typer.Option("--kind", help="direct, partial or indirect.")] = None,
           limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many.")] = 50,
           as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False) -> None:
    """List quotations and reported speech with their speakers ("what has China's ambassador said?")."""
    from dyad.store import open_store

    if kind is not None and kind not in ("direct", "partial", "indirect"):
        raise UserError(f"--kind must be direct, partial or indirect, not {kind!r}")
    settings = _settings(ctx, db=db)
    with open_store(settings.db, read_only=True) as store:
        rows = store.quotes(speaker=speaker, code=code, doc=doc, kind=kind, issue=issue, limit=limit)
    if as_json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))
        return
    table = Table(title=f"quotations in {settings.db}", show_lines=True)
    for col in ("document", "date", "speaker", "code", "kind", "text"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["doc_id"], r["published"] or "", escape(r["speaker_name"] or "—"), r["speaker_code"] or "",
                      r["kind"], escape(r["text"][:300]))
    out.print(table)
    if not rows:
        out.print("[dim]no quotations match[/]")


@app.command()
@handle_errors
def events(ctx: typer.Context, db: DbOpt = None,
           dyad: Annotated[str | None, typer.Option(
               "--dyad", help="Two actor codes: USA-CHN (both directions) or USA>CHN (USA the source).")] = None,
           actor: Annotated[str | None, typer.Option("--actor", help="Events with this actor code on either side.")
                            ] = None,
           since: SinceOpt = None, until: UntilOpt = None,
           status: Annotated[str | None, typer.Option(
               "--status", help="asserted, planned, negated, hypothetical or alleged.")] = None,
           code: Annotated[str | None, typer.Option("--code", help="CAMEO code prefix: 04, 163 ...")] = None,
           plover: Annotated[str | None, typer.Option("--plover", help="PLOVER category: CONSULT, ACCUSE ...")
                             ] = None,
           doc: Annotated[str | None, typer.Option("--doc", help="Only this document (doc_id or hash).")] = None,
           fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, jsonl, parquet or gdelt.")] = "table",
           out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
           limit: Annotated[int | None, typer.Option("--limit", "-n", help="At most this many.")] = None) -> None:
    """List or export events: who did what to whom, when, with what status, and the sentence that shows it."""
    from dyad.model import STATUSES
    from dyad.store import open_store
    from dyad.store.export import FORMATS, write_events

    if fmt not in FORMATS:
        raise UserError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if status is not None and status not in STATUSES:
        raise UserError(f"--status must be one of {', '.join(STATUSES)}, not {status!r}")
    _check_dates(since, until)
    if fmt == "parquet" and out_file is None:
        raise UserError("--format parquet needs --out FILE")
    settings = _settings(ctx, db=db)
    with open_store(settings.db, read_only=True) as store:
        rows = store.events(dyad=dyad, actor=actor, since=since, until=until, status=status, code=code,
                            plover=plover, doc=doc, limit=limit if limit is not None or fmt != "table" else 100)
    if fmt != "table":
        if out_file is not None and fmt == "parquet":
            write_events(rows, fmt, path=out_file)
        elif out_file is not None:
            try:
                with out_file.open("w", encoding="utf-8", newline="") as fh:
                    write_events(rows, fmt, fh)
            except OSError as exc:
                raise UserError(f"cannot write {out_file}: {exc.strerror}") from None
        else:
            write_events(rows, fmt, sys.stdout)
        if out_file is not None:
            err.print(f"dyad events: {len(rows):,} events → {out_file}")
        return
    table = Table(title=f"events in {settings.db}", show_lines=True)
    for col in ("date", "source", "event", "target", "status", "evidence"):
        table.add_column(col)
    for r in rows:
        date = r["date"] or ""
        if r["date_precision"] == "document":
            date += " (doc)"
        src = f"{r['source_name'] or '—'}\n[dim]{r['source_code'] or ''}[/]"
        tgt = f"{r['target_name'] or '—'}\n[dim]{r['target_code'] or ''}[/]"
        ev = f"{r['cameo']} {r['plover'] or ''}\n[dim]{r['trigger_text']}[/]"
        table.add_row(date, src, ev, tgt, r["status"], f"[dim]{escape(r['doc_id'])}:{r['sentence']}[/] "
                      + escape(r["sentence_text"][:240]))
    out.print(table)
    if not rows:
        out.print("[dim]no events match[/]")


@app.command()
@handle_errors
def stance(ctx: typer.Context, db: DbOpt = None,
           dyad: Annotated[str | None, typer.Option(
               "--dyad", help="Two sides: USA-CHN (both) or USA>CHN (the USA's positions towards China).")] = None,
           actor: Annotated[str | None, typer.Option("--actor", help="One side's positions: USA.")] = None,
           issue: Annotated[str | None, typer.Option("--issue", help="One issue: taiwan, trade ...")] = None,
           since: SinceOpt = None, until: UntilOpt = None,
           fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or jsonl.")] = "table",
           limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many evidence rows.")] = 30) -> None:
    """Where each side stands on each issue: the polarity of its events, the tone of its quotations, the evidence."""
    from dyad.issues.taxonomy import load as load_taxonomy
    from dyad.store import open_store

    if fmt not in ("table", "csv", "jsonl"):
        raise UserError(f"--format must be table, csv or jsonl, not {fmt!r}")
    if dyad is None and actor is None:
        raise UserError("give --dyad A-B (or A>B) or --actor A")
    settings = _settings(ctx, db=db)
    known = load_taxonomy(settings.issues)
    if issue is not None and issue not in known:
        raise UserError(f"unknown issue {issue!r}; known: {', '.join(known.ids())}")
    _check_dates(since, until)
    with open_store(settings.db, read_only=True) as store:
        rows = store.positions(dyad=dyad, actor=actor, issue=issue, since=since, until=until)
    if fmt != "table":
        _write_rows(rows, fmt)
        return
    summary = Table(title=f"stance{' ' + dyad if dyad else ''}{' ' + actor if actor else ''}"
                          f"{' on ' + issue if issue else ''} in {settings.db}")
    for col in ("side", "issue", "events", "polarity", "quotes", "tone", "documents"):
        summary.add_column(col, justify="right" if col in ("events", "quotes", "documents") else "left")
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["actor"], r["issue"]), []).append(r)
    for (side, iss), items in sorted(groups.items()):
        evs = [r["value"] for r in items if r["kind"] == "event" and r["status"] not in ("negated", "hypothetical")]
        tones = [r["value"] for r in items if r["kind"] == "quote" and r["words"]]
        summary.add_row(side, iss, str(sum(r["kind"] == "event" for r in items)), _lean(evs, "cooperative",
                        "conflictual"), str(sum(r["kind"] == "quote" for r in items)), _lean(tones, "warm", "hostile"),
                        str(len({r["doc_id"] for r in items})))
    out.print(summary)
    if not rows:
        out.print("[dim]no positions match[/]")
        return
    table = Table(title="evidence", show_lines=True)
    for col in ("date", "side", "issue", "position", "evidence"):
        table.add_column(col)
    for r in rows[:limit]:
        if r["kind"] == "event":
            what = f"{r['code']} {r['polarity']} ({r['value']:+.2f})\n[dim]{r['trigger_text'] or ''}[/]"
        else:
            what = f"quote {r['polarity']} ({r['value']:+.2f})\n[dim]{r['words'] or 'no tone words'}[/]"
        day = r["day"].isoformat() if r["day"] else (r["published"] or "")
        table.add_row(day, f"{r['actor']}\n[dim]{escape(r['actor_name'] or '')}[/]", r["issue"], what,
                      f"[dim]{escape(r['doc_id'])}:{r['sentence']}[/] " + escape(r["sentence_text"][:240]))
    out.print(table)
    if len(rows) > limit:
        out.print(f"[dim]{len(rows) - limit} more; --limit N shows more, --format csv all[/]")


def _lean(values: list[float], good: str, bad: str) -> str:
    if not values:
        return "—"
    m = sum(values) / len(values)
    word = good if m > 0.05 else bad if m < -0.05 else "neutral"
    return f"{word} ({m:+.2f})"


def _check_dates(since: str | None, until: str | None) -> None:
    """--since and --until are ISO dates."""
    import datetime as dt

    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise UserError(f"{name} takes a date: dates are YYYY-MM-DD, not {value!r}") from None


def _write_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    """Rows as CSV or JSON lines on stdout."""
    import csv

    import orjson

    if fmt == "jsonl":
        for r in rows:
            sys.stdout.write(orjson.dumps(r, default=str).decode() + "\n")
        return
    if rows:
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


@app.command("issues")
@handle_errors
def issues_cmd(ctx: typer.Context, db: DbOpt = None,
               taxonomy: Annotated[bool, typer.Option("--taxonomy", help="List the taxonomy instead.")] = False
               ) -> None:
    """Issues by the number of stored documents about them (or, with --taxonomy, the issues known)."""
    from dyad.issues.taxonomy import load as load_taxonomy
    from dyad.store import open_store

    settings = _settings(ctx, db=db)
    if taxonomy:
        tax = load_taxonomy(settings.issues)
        table = Table(title="issue taxonomy")
        for col in ("id", "name", "patterns", "weak", "actors", "description"):
            table.add_column(col)
        for i in tax.issues.values():
            table.add_row(i.id, i.name, str(len(i.patterns)), str(len(i.weak)), ", ".join(i.actors[:6]),
                          escape(i.description[:160]))
        out.print(table)
        return
    with open_store(settings.db, read_only=True) as store:
        rows = store.issue_counts()
    table = Table(title=f"issues in {settings.db}")
    for col in ("issue", "documents", "mean score", "first", "last"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["issue"], str(r["documents"]), f"{r['mean_score']:.2f}", r["first"] or "", r["last"] or "")
    out.print(table)
    if not rows:
        out.print("[dim]no documents with issues[/]")


@app.command()
@handle_errors
def skips(ctx: typer.Context, db: DbOpt = None) -> None:
    """List inputs that could not be read, with the reason."""
    from dyad.store import open_store

    settings = _settings(ctx, db=db)
    with open_store(settings.db, read_only=True) as store:
        rows = store.skips()
    table = Table(title=f"skipped inputs in {settings.db}")
    for col in ("input", "reason", "detail"):
        table.add_column(col)
    for s in rows:
        table.add_row(s["path"] or s["doc_id"], s["reason"], s["detail"] or "")
    out.print(table)


@app.command()
@handle_errors
def show(ctx: typer.Context, doc_id: Annotated[str, typer.Argument(help="doc_id or content hash.")],
         db: DbOpt = None,
         as_json: Annotated[bool, typer.Option("--json", help="The output-contract record.")] = False) -> None:
    """Show one stored document, sentence by sentence."""
    from dyad.contract import to_record
    from dyad.store import open_store

    settings = _settings(ctx, db=db)
    with open_store(settings.db, read_only=True) as store:
        doc = store.get(doc_id)
    if doc is None:
        raise UserError(f"no document {doc_id!r} in {settings.db}", "`dyad docs` lists them")
    if as_json:
        print(json.dumps(to_record(doc), ensure_ascii=False, indent=2))
        return
    out.print(f"[bold]{doc.title or doc.doc_id}[/]  {doc.outlet or ''} {doc.published or ''} "
              f"[dim]{doc.doc_id} · {doc.language or '?'}[/]")
    para = -1
    for i, s in enumerate(doc.sentences):
        if s.paragraph != para:
            para = s.paragraph
            out.print()
        out.print(f"[dim]{i:>3}[/] {escape(doc.text[s.start:s.end])}", soft_wrap=True)
        found = [f"[cyan]{escape(m.text)}[/]={m.actor.code or '?'}" for m in doc.mentions if m.sentence == i]
        found += [f"[green]{escape(t.text)}[/]={t.value or '?'}" for t in doc.times if t.sentence == i]
        if found:
            out.print("      " + "  ".join(found), soft_wrap=True)
    for n in doc.notes:
        out.print(f"[dim]note ({n.stage}): {n.message}[/]")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
