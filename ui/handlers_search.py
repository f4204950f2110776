"""Callbacks of the "Search" tab: questions, filters, the paragraph view and the downloads.

Each method takes the values of the tab's components and returns plain values (HTML strings,
chat messages, file paths, lists of choices), so the tests call them directly.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from precedent.ingest.wording import plural
from precedent.search import Answer, BatchResult, FilterError, QueryError

from . import render
from .page_state import Downloads, PageLibrary

log = logging.getLogger(__name__)

DEFAULT_K = 8
MAX_K = 30
MAX_HISTORY = 40  # chat messages kept per conversation (20 questions and answers)
MAX_RECORD_ID_CHARS = 2_000  # far longer than any record id (a doc id and a paragraph's place)
MAX_ANSWERS = MAX_HISTORY // 2  # answers kept for the conversation's downloads: those on the page
EXAMPLES = (
    "What did States commit to on child detention?",
    '"regardless of their migration status"',
    "search and rescue cooperation",
)
PARTS = ("resolution", "annex")


@dataclass
class Reply:
    """What one question changes on the page. The downloads hold the whole conversation (every
    answer in ``answers``, each under its question); ``csv_path`` and ``json_path`` are set only
    when a new answer joined it (otherwise the files offered before still hold it)."""

    history: list[dict]
    citations: list[tuple[str, str]] = field(default_factory=list)  # (citation, record id)
    csv_path: str | None = None
    json_path: str | None = None
    answers: list[Answer] = field(default_factory=list)  # the conversation's answers, oldest first


@dataclass
class Conversation:
    """One page's conversation as the server keeps it (the page's ``gr.State``): the chat
    messages, and the answers behind them for the downloads."""

    messages: list[dict] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)

    @classmethod
    def of(cls, value) -> Conversation:
        """The state as a conversation: a new page's ``[]`` or ``None``, or a list of messages
        (an API client's), start one."""
        if isinstance(value, Conversation):
            return value
        return cls(list(value or []) if isinstance(value, list) else [])


class SearchHandlers:
    """The Search tab over the shared library (``ui.page_state.PageLibrary``)."""

    def __init__(self, shared: PageLibrary, downloads: Downloads):
        self.shared = shared
        self.downloads = downloads

    # -- filters -------------------------------------------------------------------------
    def filter_choices(self) -> dict[str, list]:
        """Choices for the filter components, as ``(label, value)`` pairs, from ``lib.facets()``;
        a document's label says whether it is adopted or a draft, and its year."""
        with self.shared.lock:
            self.shared.refresh()
            facets = self.shared.lib.facets()
            docs = {d["doc_id"]: d for d in self.shared.lib.documents()}
            titles = self.shared.lib.objective_titles()
        return {
            "doc": [(render.document_choice_label(docs.get(d, {"doc_id": d})), d) for d in facets["doc"]],
            "part": [(p, p) for p in facets["part"]] or [(p, p) for p in PARTS],
            "category": [(c, c) for c in facets["category"]],
            "objective": [(render.objective_label(o, titles.get(o, "")), o) for o in facets["objective"]],
        }

    @staticmethod
    def filters(docs=None, parts=None, categories=None, objectives=None, adopted_only=False) -> dict:
        """Keyword filters for ``Library.search`` from the components' values."""
        out = {}
        if docs:
            out["doc"] = list(docs)
        if parts:
            out["part"] = list(parts)
        if categories:
            out["category"] = list(categories)
        if objectives:
            out["objective"] = [int(o) for o in objectives]
        if adopted_only:
            out["status"] = "adopted"
        return out

    # -- questions -----------------------------------------------------------------------
    def ask(self, question: str, history: list[dict] | None, docs=None, parts=None,
            categories=None, objectives=None, k=DEFAULT_K, adopted_only=False,
            answers: list[Answer] | None = None) -> Reply:
        """Answer one question; the filters come from the components beside the chat
        (``adopted_only``: drafts left out). ``answers``: the conversation's answers so far; the
        downloads hold them all with the new one."""
        history = list(history or [])[-(MAX_HISTORY - 2):]  # a long conversation keeps its latest answers
        answers = list(answers or [])
        question = (question or "").strip()
        if not question:
            return Reply(history, answers=answers)
        k = max(1, min(MAX_K, int(k or DEFAULT_K)))
        user = {"role": "user", "content": render.render_user(question)}
        filters = self.filters(docs, parts, categories, objectives, bool(adopted_only))
        try:
            with self.shared.lock:
                self.shared.refresh()
                answer = self.shared.lib.search(question, k=k, **filters)
                names = self.shared.doc_names()
        except (QueryError, FilterError) as e:
            msg = render.render_message(str(e), "error")
            return Reply(history + [user, {"role": "assistant", "content": msg}], answers=answers)
        html = render.render_answer(answer, names)
        citations = [(h.citation, h.record.id) for h in answer.hits]
        answers = (answers + [answer])[-MAX_ANSWERS:]
        csv_path, json_path = self._write_downloads(answers)
        log.debug("answered %r with %d hits", question, len(answer.hits))
        return Reply(history + [user, {"role": "assistant", "content": html}], citations, csv_path, json_path,
                     answers)

    def _write_downloads(self, answers: list[Answer]) -> tuple[str, str]:
        """The whole conversation, each answer under its question, in files whose name says so:
        ``precedent-conversation-3-questions.csv`` (one row per paragraph, the question in the
        first column) and ``.json`` (``{"questions": 3, "answers": [{"query", "filters",
        "hits", ...}, ...]}``), oldest question first."""
        out = self.downloads.folder("answer")
        n = len(answers)
        name = f"precedent-conversation-{n}-{plural(n, 'question')}"
        csv_path = out / f"{name}.csv"
        csv_path.write_text(BatchResult(answers).to_csv(), encoding="utf-8")
        json_path = out / f"{name}.json"
        data = {"questions": n, "answers": [{"query": a.query, "filters": a.filters, **a.to_dict(full=True)} for a in answers]}
        json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return str(csv_path), str(json_path)

    # -- paragraph view ------------------------------------------------------------------
    def paragraph(self, record_id: str | None) -> tuple[str, str]:
        """The chosen paragraph as HTML (with neighbours and footnotes) and a copyable quote. Any
        string may come (the public ``/paragraph`` API): one that is no record id is refused
        without being repeated."""
        if not record_id:
            return "", ""
        if not isinstance(record_id, str) or len(record_id) > MAX_RECORD_ID_CHARS:
            return render.render_message("That is not the id of a paragraph.", "error"), ""
        try:
            with self.shared.lock:
                self.shared.refresh()
                rec = self.shared.lib.get(record_id)
                context = self.shared.lib.context(record_id, before=1, after=1)
        except (KeyError, StopIteration):
            return render.render_message("That paragraph is no longer in the library.", "error"), ""
        return render.render_paragraph(rec, context), render.quote_block(rec)
