"""Throughput of `dyad extract` (ingest → clean → language → segment → actors → time → quotes → events →
issues → JSON lines), on one core.

Generates N news-like documents (default 5,000) into a temporary folder, then runs the same code
path as `dyad extract FOLDER` in this process, pinned to one CPU, writing the JSON lines to a null
sink, with no database writes. It runs the full pipeline, the pipeline up to events, up to
actors, and the issue-2 pipeline (ingest to segment) alternately, best of --rounds each, so that
the cost of the later stages is a ratio measured under the same conditions. Reports documents/s,
sentences/s, peak RSS, and the time per stage (measured in an extra, instrumented pass).

Generated documents: text files with YAML front matter, 4-9 paragraphs of 2-5 sentences built
from templates that mix titles and initials (Sen., Gen., Lloyd J. Austin), "U.S.", dates
("Jan. 5"), decimals, quotations with attribution, and page furniture (a doubled photo caption
with a credit, a "Read More:" line, a related-stories list, a contact line) in about one in three.

    python bench/throughput.py [--docs 5000] [--seed 7] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import dyad
from dyad.api import default_pipeline
from dyad.contract import to_json
from dyad.ingest import plan, read_entry
from dyad.model import Document
from dyad.pipeline import Pipeline

PEOPLE = ["Secretary of State Antony Blinken", "Sen. Marco Rubio", "Defense Secretary Lloyd J. Austin",
          "Gen. Charles Q. Brown Jr.", "Foreign Minister Wang Yi", "Treasury Secretary Janet L. Yellen",
          "Rep. Mike Gallagher", "Dr. Zhang Wei", "Adm. John C. Aquilino", "President Xi Jinping"]
PLACES = ["Beijing", "Washington", "Manila", "Tokyo", "the U.S. capital", "Shanghai", "Singapore", "Taipei"]
ISSUES = ["export controls", "the South China Sea", "fentanyl precursors", "Taiwan", "tariffs on EVs",
          "military communication", "artificial intelligence", "the war in Ukraine"]
DATES = ["on Jan. 5", "on Tuesday", "last week", "on Feb. 14", "earlier this month", "on Sept. 3", "in 2023"]
TEMPLATES = [
    "{p} met officials in {pl} {d} to discuss {i}.",
    "{p} said the talks on {i} were \u201ccandid and constructive.\u201d",
    "The U.S. Commerce Department expanded its rules on {i} {d}, according to a notice.",
    "Trade between the two countries fell 3.5 percent in the first quarter, data showed.",
    "\u201cWe will not accept unilateral moves on {i},\u201d {p} told reporters in {pl}.",
    "Officials from No. 10 Downing St. joined a call {d} on {i}.",
    "Analysts said the meeting in {pl} could ease tensions over {i}, though few expected a breakthrough.",
    "{p} is expected to travel to {pl} next month for a second round of talks.",
    "The ministry said it had lodged a protest with the U.S. embassy over {i}.",
    "A senior official, speaking on condition of anonymity, said progress on {i} had been slow.",
]


def make_doc(rng: random.Random, n: int) -> str:
    paras = []
    for _ in range(rng.randint(4, 9)):
        sents = [rng.choice(TEMPLATES).format(p=rng.choice(PEOPLE), pl=rng.choice(PLACES), d=rng.choice(DATES),
                                              i=rng.choice(ISSUES)) for _ in range(rng.randint(2, 5))]
        paras.append(" ".join(sents))
    if n % 3 == 0:
        cap = f"{rng.choice(PEOPLE)} arrives in {rng.choice(PLACES)}."
        paras.insert(2, f"{cap}\n{cap} | REUTERS")
        paras.insert(4, f"Read More: What {rng.choice(ISSUES)} means for Asia")
        paras.append("More from The Bench Wire\n- Story one about trade\n- Story two about chips\n"
                     "Contact us at desk@bench.example")
    front = (f"---\npublished: 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\nsource: Bench Wire\n"
             f"title: Generated brief {n}\nkind: news\n---\n")
    return front + "\n\n".join(paras) + "\n"


def generate(folder: Path, n: int, seed: int) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        data = make_doc(rng, i)
        total += len(data.encode())
        (folder / f"doc_{i:05d}.txt").write_text(data, encoding="utf-8")
    return total


def run(folder: Path, pipeline: Pipeline) -> tuple[int, int, float]:
    """The `dyad extract FOLDER` path: plan, read, pipeline, serialise; returns docs, sentences, seconds."""
    settings = dyad.Settings()
    t0 = time.perf_counter()
    docs = sents = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:  # as `dyad extract FOLDER > /dev/null`
        for item in dyad.process(plan([folder]), settings, pipeline):
            sink.write(to_json(item))
            sink.write("\n")
            if isinstance(item, Document):
                docs += 1
                sents += len(item.sentences)
    return docs, sents, time.perf_counter() - t0


def per_stage(folder: Path) -> dict[str, float]:
    """Seconds spent in reading, each pipeline stage and serialisation (an instrumented pass)."""
    settings = dyad.Settings()
    pipeline = default_pipeline(settings)
    spent = {"read": 0.0, **{s.name: 0.0 for s in pipeline.stages}, "json": 0.0}
    for entry in plan([folder]):
        t = time.perf_counter()
        items = list(read_entry(entry, settings))
        spent["read"] += time.perf_counter() - t
        for item in items:
            if not isinstance(item, Document):
                continue
            for stage in pipeline.stages:
                t = time.perf_counter()
                item = stage(item)
                spent[stage.name] += time.perf_counter() - t
            t = time.perf_counter()
            to_json(item)
            spent["json"] += time.perf_counter() - t
    return spent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--rounds", type=int, default=3, help="runs of each pipeline; the best counts")
    a = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    full = default_pipeline(dyad.Settings())
    # the pipeline as issue 2 measured it (ingest → clean → language → segment), for the cost of what came after
    base = Pipeline([st for st in full.stages if st.name in ("clean", "language", "segment")])
    # ingest through actors (issue 3's bar: not half of base) and through events (issue 6's bar)
    names = [st.name for st in full.stages]
    actors = Pipeline(full.stages[:names.index("actors") + 1])
    events = Pipeline(full.stages[:names.index("events") + 1])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = generate(folder, a.docs, a.seed)
        dyad.extract("Warm-up text, so that the language model is loaded. It has two sentences.")
        # alternate the two pipelines and keep each one's best run: this machine's speed drifts by 20% or more
        runs: dict[str, list[float]] = {"full": [], "events": [], "actors": [], "base": []}
        for _ in range(a.rounds):
            for name, pipe in (("full", full), ("events", events), ("actors", actors), ("base", base)):
                docs, sents, secs = run(folder, pipe)
                runs[name].append(secs)
        secs, base_secs, events_secs = min(runs["full"]), min(runs["base"]), min(runs["events"])
        actors_secs = min(runs["actors"])
        stages = per_stage(folder)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "documents": docs, "sentences": sents, "input_mb": round(size / 1e6, 2), "seconds": round(secs, 3),
        "documents_per_s": round(docs / secs), "sentences_per_s": round(sents / secs),
        "base_sentences_per_s": round(sents / base_secs),
        "through_events_sentences_per_s": round(sents / events_secs),
        "through_actors_sentences_per_s": round(sents / actors_secs), "full_over_base": round(base_secs / secs, 3),
        "stages": list(full.names),
        "peak_rss_mb": round(rss_mb), "stage_seconds": {k: round(v, 3) for k, v in stages.items()},
        "python": sys.version.split()[0], "dyad": dyad.__version__,
    }
    print(f"dyad extract, one core: {docs:,} documents ({figures['input_mb']} MB), {sents:,} sentences in "
          f"{secs:.2f} s")
    print(f"  {figures['documents_per_s']:,} documents/s   {figures['sentences_per_s']:,} sentences/s   "
          f"peak RSS {figures['peak_rss_mb']} MB")
    print(f"  ingest through events (without issues): {figures['through_events_sentences_per_s']:,} sentences/s")
    print(f"  ingest through actors: {figures['through_actors_sentences_per_s']:,} sentences/s "
          f"({sents / actors_secs / (sents / base_secs):.0%} of the pipeline without them)")
    print(f"  without the stages after segment: {figures['base_sentences_per_s']:,} sentences/s; "
          f"the full pipeline keeps {figures['full_over_base']:.0%} of that")
    total = sum(stages.values())
    print("  time by stage: " + ", ".join(f"{k} {v / total:.0%}" for k, v in stages.items()))
    if a.json:
        a.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
