"""Ranking quality against labelled queries (nDCG@10, Recall@5, MRR, hit@1), per query type.

Labels (``gold``) map ``annex:N`` / ``res:N`` to 2 (answers it) or 1 (related). Over several
documents a label names its document first: ``A/RES/73/195|annex:29`` (symbol, doc id or short
name; ``|`` or ``:`` between), or a record id ``a-res-73-195:annex:29``; a label without a
document matches that paragraph number in any document. MRR and hit@1
count the first hit graded 2; Recall@5 counts every labelled paragraph; nDCG@10 uses gains
2^grade - 1. ``commit@1`` (commitment queries only): the first hit is a paragraph that commits
(its opening verb phrase, or a coordinated "..., and reaffirm our commitment to") and is labelled
for the query.

A question whose gold grades nothing above 0 (an off-topic question: the library holds nothing
on it) has no ranking to score: its right answer is the low-confidence flag. Every question
records ``flagged`` (its answer was flagged low-confidence); only questions with something to
find enter the ranking metrics and the overall row, whose ``flagged`` is then the share of
answerable questions flagged wrongly. A type of unanswerable questions shows ``flagged`` alone.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

from .api import Library


def load_labelled(path: str | Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as e:
                raise ValueError(f"{path}:{n}: not JSON ({e})") from None
            if "query" not in item or "gold" not in item:
                raise ValueError(f"{path}:{n}: needs 'query' and 'gold'")
            out.append(item)
    return out


def ndcg_at(ranked: list[str], gold: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** gold.get(r, 0) - 1) / math.log2(i + 2) for i, r in enumerate(ranked[:k]))
    ideal = sorted(gold.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], gold: dict[str, int], k: int = 5) -> float:
    rel = {g for g, v in gold.items() if v > 0}
    return len(rel & set(ranked[:k])) / len(rel) if rel else 0.0


def reciprocal_rank(ranked: list[str], gold: dict[str, int]) -> float:
    for i, r in enumerate(ranked):
        if gold.get(r, 0) >= 2:
            return 1.0 / (i + 1)
    return 0.0


def label_key(label: str) -> str:
    """A label as compared: case and spaces aside, ``|`` and ``:`` alike."""
    return "".join(label.split()).casefold().replace("|", ":")


def record_labels(record, short_title: str = "") -> list[str]:
    """Every label naming ``record`` (compared form), most specific first: with its document
    (symbol, doc id, short name), its id, then its number alone."""
    shorts = [record.short_number]
    number = record.short_number.split(":", 1)[1]
    if not record.part:  # a resolution without an annex: its paragraphs are the resolution's
        shorts.append("res:" + number)
    # a numbered section, also as printed: "sect. II:3", "annex, sect. II:3"
    if "sect." in record.part:
        shorts.append(f"{record.part}:{number}")
    docs = (record.symbol, record.doc_id, short_title)
    return [label_key(a)
            for a in (*(f"{d}:{s}" for s in shorts for d in docs if d), record.id, *shorts)]


def hit_label(hit, gold: dict[str, int], short_title: str | None = None) -> str:
    """The label of ``hit``'s record (or of a record) that ``gold`` uses (with or without its
    document), else its id."""
    record = getattr(hit, "record", hit)
    if short_title is None:
        document = getattr(hit, "document", None)
        short_title = document.short_title if document else ""
    labels = record_labels(record, short_title)
    return next((key for key in labels if key in gold), label_key(record.id))


SYSTEMS = {
    # name: (mode, baseline, fusion)
    "precedent": ("hybrid", False, None),
    "keyword-only": ("keyword", True, None),
    "dense-only": ("dense", True, None),
    "plain-rrf": ("hybrid", True, "rrf"),
}


def evaluate(lib: Library, items: list[dict], system: str = "precedent", k: int = 10) -> dict:
    """Per-type and overall means of the metrics for one system (see ``SYSTEMS``)."""
    mode, baseline, fusion = SYSTEMS[system]
    saved = lib.fusion
    lib.fusion = fusion or saved
    try:
        answers = lib.batch([it["query"] for it in items], k=k, mode=mode, baseline=baseline)
    finally:
        lib.fusion = saved
    per_type: dict[str, list[dict]] = defaultdict(list)
    details = []
    for it, ans in zip(items, answers):
        gold = {label_key(g): v for g, v in it["gold"].items()}
        ranked = []
        # The matches in the order shown (a chapeau shown above its matching sub-paragraphs is no
        # match); a label answers once: a second paragraph under the same label gains nothing.
        # A draft twin named under its adopted paragraph is shown right after it.
        matches = [h for h in ans.hits if h.role != "chapeau"]
        for h in matches:
            for record in (h.record, *h.twins):
                label = hit_label(record, gold,
                                  h.document.short_title if h.document and record is h.record
                                  else "")
                ranked.append(label if label not in ranked else label_key(record.id))
        m = {"flagged": float(bool(ans.low_confidence))}
        answerable = any(v > 0 for v in gold.values())
        if answerable:
            m.update({"ndcg@10": ndcg_at(ranked, gold, 10),
                      "recall@5": recall_at(ranked, gold, 5),
                      "mrr": reciprocal_rank(ranked, gold),
                      "hit@1": float(bool(ranked) and gold.get(ranked[0], 0) >= 2)})
        if answerable and it.get("type") == "commitment":
            top = matches[0].record if matches else None
            commits = top is not None and "commitment" in (top.category, *top.categories)
            m["commit@1"] = float(commits and gold.get(ranked[0], 0) >= 1)
        per_type[it.get("type", "all")].append(m)
        details.append({"id": it.get("id"), "type": it.get("type"), "query": it["query"],
                        "ranked": ranked[:10], **m})
    table = {t: _mean(ms) for t, ms in sorted(per_type.items())}
    table["overall"] = _mean([m for ms in per_type.values() for m in ms if "ndcg@10" in m])
    return {"system": system, "table": table, "details": details}


def _mean(ms: list[dict]) -> dict:
    """Each metric's mean over the questions that have it; ``n``: the questions."""
    keys = sorted({k for m in ms for k in m})
    out = {k: round(sum(m[k] for m in ms if k in m) / sum(1 for m in ms if k in m), 4)
           for k in keys}
    out["n"] = len(ms)
    return out
