"""Sentence splitters compared: dyad's own, spaCy's sentencizer, pysbd and blingfire.

Two measures, on one core:
- speed: sentences/s over the cleaned bodies of 2,000 documents from bench/throughput.py's generator;
- accuracy: the share of hand-written cases (below) split exactly as expected. They are the cases the
  issue names: titles, "U.S.", "Jan. 5", "No. 10", initials, decimals, ellipses inside quotes,
  closing quotes kept with their sentence, and true boundaries after abbreviations.

Libraries missing from the environment are reported as such (`make bench` installs the `bench` extra).

    python bench/segmenters.py [--docs 2000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import throughput
from dyad.ingest.readers import split_front_matter
from dyad.text.clean import clean
from dyad.text.segment import split

CASES: list[list[str]] = [
    ["U.S. Secretary of State Antony Blinken arrived in Shanghai on Wednesday.", "He met officials."],
    ["Sen. Marco Rubio and Rep. Mike Gallagher wrote to the Commerce Department."],
    ["The talks are set for Jan. 5 in Beijing.", "Officials confirmed the date."],
    ["The envoy left No. 10 Downing Street at noon."],
    ["Defense Secretary Lloyd J. Austin spoke with his Chinese counterpart."],
    ["Exports fell 3.5 percent in March.", "Imports rose 1.2 percent."],
    ["“First, making progress on key issues; and third, managing competition ... so that it does not "
     "result in conflict,” the official said."],
    ["“Face to face diplomacy matters,” he said.", "“It is important for avoiding miscommunications.”"],
    ["He said the sanctions would hit the U.S.", "The ministry did not respond."],
    ["Gen. Charles Q. Brown Jr. held a video call with Gen. Liu Zhenli."],
    ["The ship was hit at 10 a.m. on Sunday, the coast guard said."],
    ["Was it a warning?", "Officials would not say."],
    ["She asked, “Will Beijing respond?”", "Nobody answered."],
    ["“We will not give up ... We must keep talking,” Wang said."],
    ["Blinken posted a video to X.", "“Face to face diplomacy matters,” he said."],
    ["The report, by J.P. Morgan analysts, was cautious."],
    ["It was signed by Gen. Li.", "He said so."],
    ["The U.N. Security Council met on Friday.", "It issued no statement."],
]


def ours(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split(text)]


def load_spacy() -> Callable[[str], list[str]] | None:
    try:
        import spacy
    except ImportError:
        return None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return lambda t: [s.text.strip() for s in nlp(t).sents if s.text.strip()]


def load_pysbd() -> Callable[[str], list[str]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return lambda t: [s.strip() for s in seg.segment(t) if s.strip()]


def load_blingfire() -> Callable[[str], list[str]] | None:
    try:
        import blingfire
    except ImportError:
        return None
    return lambda t: [s for s in blingfire.text_to_sentences(t).split("\n") if s.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    a = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    rng = random.Random(7)
    texts = [clean(split_front_matter(throughput.make_doc(rng, i))[1]).text for i in range(a.docs)]
    paragraphs = [p for t in texts for p in t.split("\n\n")]
    splitters = {"dyad": ours, "spacy sentencizer": load_spacy(), "pysbd": load_pysbd(),
                 "blingfire": load_blingfire()}
    print(f"{'splitter':20s} {'sentences/s':>12s} {'cases right':>12s}")
    for name, fn in splitters.items():
        if fn is None:
            print(f"{name:20s} {'not installed':>12s}")
            continue
        sample = paragraphs if name != "pysbd" else paragraphs[: len(paragraphs) // 10]  # pysbd is slow
        t = time.perf_counter()
        n = sum(len(fn(p)) for p in sample)
        rate = n / (time.perf_counter() - t)
        right = sum(fn(" ".join(case)) == case for case in CASES)
        print(f"{name:20s} {rate:12,.0f} {right:>7d}/{len(CASES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
