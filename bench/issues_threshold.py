"""Document-level issue tagging measured against labelled texts, over a range of score thresholds.

Two sets:
- the project's own briefs (bench/data/issues_dev.jsonl): short news briefs written and labelled for
  this measurement, one JSON object per line with the gold `issues` list;
- the seed articles in ../shared/corpus (seeds.manifest.csv, gold issues from seeds.gold.yaml), when
  that folder exists; only the gold's `issues` lists are read. Skipped cleanly when it is absent.

The default pipeline runs once over each set, reading the documents the way `dyad extract` reads them
(the JSONL reader, the CSV manifest). The issue tagger's scores (dyad.issues.tagger.tag(...).scores,
every issue with evidence) are then thresholded at 0.20, 0.25 ... 0.90: a document is about the
issues whose score reaches the threshold. For each threshold the script prints micro precision,
recall and F1 over (document, issue) pairs, and for the current default threshold
(dyad.issues.tagger.THRESHOLD) the false positives and false negatives per issue.

    python bench/issues_threshold.py [--briefs FILE] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dyad.api import default_pipeline, process
from dyad.config import Settings
from dyad.ingest import plan
from dyad.issues import IssueStage
from dyad.issues.tagger import THRESHOLD, tag
from dyad.model import Document
from dyad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
BRIEFS = ROOT / "bench" / "data" / "issues_dev.jsonl"
SHARED = ROOT.parent / "shared" / "corpus"
SEEDS_MANIFEST = SHARED / "seeds.manifest.csv"
SEEDS_GOLD = SHARED / "seeds.gold.yaml"
THRESHOLDS = [round(0.20 + 0.05 * k, 2) for k in range(15)]  # 0.20 ... 0.90


@dataclass
class Labelled:
    """A processed document, the tagger's score for every issue with evidence, and the gold issues."""

    doc_id: str
    scores: dict[str, float]
    gold: set[str]
    stored: set[str] = field(default_factory=set)  # the issues the pipeline itself put on the document


def issue_stage(pipeline: Pipeline) -> IssueStage:
    for stage in pipeline.stages:
        if isinstance(stage, IssueStage):
            return stage
    raise SystemExit("the default pipeline has no issue stage")


def run(pipeline: Pipeline, settings: Settings, paths: list[Path], manifest: Path | None,
        gold: dict[str, set[str]]) -> list[Labelled]:
    """Process the inputs once; pair each document with its gold issues (by doc_id, or its last path part)."""
    stage = issue_stage(pipeline)
    out: list[Labelled] = []
    for item in process(plan(paths, manifest), settings, pipeline):
        if not isinstance(item, Document):
            print(f"  skipped {item.doc_id}: {item.reason}", file=sys.stderr)
            continue
        key = item.doc_id if item.doc_id in gold else Path(item.doc_id).name
        if key not in gold:
            print(f"  no gold issues for {item.doc_id}", file=sys.stderr)
            continue
        scores = tag(stage.taxonomy, item, stage.threshold).scores
        out.append(Labelled(key, dict(scores), gold[key], {i.issue for i in item.issues}))
    missing = set(gold) - {d.doc_id for d in out}
    if missing:
        print(f"  not processed: {', '.join(sorted(missing))}", file=sys.stderr)
    return out


def predicted(d: Labelled, threshold: float) -> set[str]:
    return {i for i, s in d.scores.items() if s >= threshold}


def prf(docs: list[Labelled], threshold: float) -> dict[str, Any]:
    tp = fp = fn = 0
    for d in docs:
        p = predicted(d, threshold)
        tp += len(p & d.gold)
        fp += len(p - d.gold)
        fn += len(d.gold - p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"threshold": threshold, "tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3)}


def errors(docs: list[Labelled], threshold: float) -> dict[str, dict[str, list[str]]]:
    """Per issue: the documents it was wrongly given (fp, with the score) and wrongly denied (fn, with the score)."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"fp": [], "fn": []})
    for d in docs:
        p = predicted(d, threshold)
        for i in sorted(p - d.gold):
            out[i]["fp"].append(f"{d.doc_id} ({d.scores[i]:.2f})")
        for i in sorted(d.gold - p):
            out[i]["fn"].append(f"{d.doc_id} ({d.scores.get(i, 0.0):.2f})")
    return dict(sorted(out.items()))


def per_issue(docs: list[Labelled], threshold: float) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    for d in docs:
        p = predicted(d, threshold)
        for i in p & d.gold:
            counts[i]["tp"] += 1
        for i in p - d.gold:
            counts[i]["fp"] += 1
        for i in d.gold - p:
            counts[i]["fn"] += 1
    return dict(sorted(counts.items()))


def report(name: str, docs: list[Labelled]) -> dict[str, Any]:
    rows = [prf(docs, t) for t in THRESHOLDS]
    best = max(rows, key=lambda r: (r["f1"], -abs(r["threshold"] - THRESHOLD)))
    gold_pairs = sum(len(d.gold) for d in docs)
    print(f"\n{name}: {len(docs)} documents, {gold_pairs} gold (document, issue) pairs")
    print(f"{'threshold':>9}  {'P':>5}  {'R':>5}  {'F1':>5}  {'tp':>4} {'fp':>4} {'fn':>4}")
    for r in rows:
        mark = "  <- default" if abs(r["threshold"] - THRESHOLD) < 1e-9 else ""
        if r is best:
            mark += "  <- best F1"
        print(f"{r['threshold']:>9.2f}  {r['precision']:>5.3f}  {r['recall']:>5.3f}  {r['f1']:>5.3f}  "
              f"{r['tp']:>4} {r['fp']:>4} {r['fn']:>4}{mark}")
    errs = errors(docs, THRESHOLD)
    counts = per_issue(docs, THRESHOLD)
    print(f"\n{name}: errors per issue at the default threshold {THRESHOLD}  (document (score))")
    if not errs:
        print("  none")
    for issue, e in errs.items():
        c = counts.get(issue, {"tp": 0, "fp": 0, "fn": 0})
        print(f"  {issue} (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})")
        if e["fp"]:
            print(f"    false positives: {', '.join(e['fp'])}")
        if e["fn"]:
            print(f"    false negatives: {', '.join(e['fn'])}")
    mismatched = [d.doc_id for d in docs if predicted(d, THRESHOLD) != d.stored]
    if mismatched:  # the pipeline's own document issues should be the re-thresholded scores at the default
        print(f"  warning: stored issues differ from the scores at {THRESHOLD} in {', '.join(mismatched)}")
    return {"documents": len(docs), "gold_pairs": gold_pairs, "thresholds": rows, "best": best,
            "default": prf(docs, THRESHOLD), "per_issue": counts, "errors": errs,
            "scores": {d.doc_id: {"gold": sorted(d.gold), "scores": dict(sorted(d.scores.items()))} for d in docs}}


def brief_gold(path: Path) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                rec = json.loads(line)
                if not isinstance(rec.get("issues"), list):
                    raise SystemExit(f"{path}:{n}: no `issues` list")
                gold[str(rec["id"])] = set(rec["issues"])
    return gold


def seed_gold(path: Path) -> dict[str, set[str]]:
    """Only the `issues` list of each gold document, by the stem of its file (its doc_id's last part)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    gold: dict[str, set[str]] = {}
    for d in (data or {}).get("documents", []):
        if isinstance(d, dict) and isinstance(d.get("issues"), list):
            key = Path(str(d.get("file") or d.get("id"))).stem
            gold[key] = set(d["issues"])
    return gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--briefs", type=Path, default=BRIEFS, help="labelled briefs (JSONL with `issues` lists)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also save the results as JSON")
    args = ap.parse_args(argv)

    settings = Settings()
    pipeline = default_pipeline(settings)
    results: dict[str, Any] = {"default_threshold": THRESHOLD, "thresholds": THRESHOLDS}

    gold = brief_gold(args.briefs)
    results["briefs"] = report(f"own briefs ({args.briefs.name})",
                               run(pipeline, settings, [args.briefs], None, gold))

    if SEEDS_MANIFEST.is_file() and SEEDS_GOLD.is_file():
        gold = seed_gold(SEEDS_GOLD)
        results["seeds"] = report("seeds", run(pipeline, settings, [], SEEDS_MANIFEST, gold))
    else:
        print(f"\nseeds: skipped ({SHARED} is not available)")
        results["seeds"] = None

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        print(f"\nsaved {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
