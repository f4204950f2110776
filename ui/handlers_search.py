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
from precedent.search.api import DEFAULT_K
from precedent.search.filters import FILTERS

from . import render
from .page_state import Downloads, PageLibrary

log = logging.getLogger(__name__)

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
# what an empty question gets
EMPTY_QUESTION = ('Type a question (What did States commit to on child detention?), a citation '
                  '(GCM 23 (b)) or a phrase in quotes: "alternatives to detention".')
# The filters with a component on the page (search.filters.FILTERS), as the handlers name them.
PAGE_FILTERS = tuple(f for f in FILTERS if f.widget is not None)
FILTER_ARGS = tuple(f.widget.arg for f in PAGE_FILTERS)


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
        """Choices for the filter components that have them, as ``(label, value)`` pairs, from
        ``lib.facets()``: the value itself, but a document's label says whether it is adopted or
        a draft, and its year; an objective's gives its title; parts offer resolution and annex
        when the library names none."""
        with self.shared.lock:
            self.shared.refresh()
            facets = self.shared.lib.facets()
            docs = {d["doc_id"]: d for d in self.shared.lib.documents()}
            titles = self.shared.lib.objective_titles()
        labels = {"doc": lambda d: render.document_choice_label(docs.get(d, {"doc_id": d})),
                  "objective": lambda o: render.objective_label(o, titles.get(o, ""))}
        choices = {f.key: [(labels.get(f.key, str)(v), v) for v in facets[f.key]]
                   for f in PAGE_FILTERS if f.widget.has_choices}
        if "part" in choices:
            choices["part"] = choices["part"] or [(p, p) for p in PARTS]
        return choices

    @staticmethod
    def filters(**values) -> dict:
        """Keyword filters for ``Library.search`` from the components' values, named as the
        handlers name them (``docs=[...]``, ``adopted_only=True``)."""
        unknown = set(values) - set(FILTER_ARGS)
        if unknown:
            raise TypeError(f"unknown filter argument(s): {', '.join(sorted(unknown))}")
        out = {}
        for f in PAGE_FILTERS:
            value = values.get(f.widget.arg)
            if not value:
                continue
            if not f.widget.has_choices:
                out[f.key] = f.widget.on_value
            else:
                out[f.key] = [int(v) for v in value] if f.widget.number else list(value)
        return out

    # -- questions -----------------------------------------------------------------------
    def ask(self, question: str, history: list[dict] | None, *, k=DEFAULT_K,
            answers: list[Answer] | None = None, **filter_values) -> Reply:
        """Answer one question; the filters come from the components beside the chat, by name
        (``docs=[...]``, ``adopted_only=True``: drafts left out; ``FILTER_ARGS``). ``answers``: the
        conversation's answers so far; the downloads hold them all with the new one."""
        filters = self.filters(**filter_values)
        # a long conversation keeps its latest answers
        history = list(history or [])[-(MAX_HISTORY - 2):]
        answers = list(answers or [])
        question = (question or "").strip()
        if not question:  # submitting an empty box did nothing at all
            hint = render.render_message(EMPTY_QUESTION, "info")
            if history and history[-1].get("content") == hint:
                return Reply(history, answers=answers)  # said once is enough
            return Reply(history + [{"role": "assistant", "content": hint}], answers=answers)
        k = max(1, min(MAX_K, int(k or DEFAULT_K)))
        user = {"role": "user", "content": render.render_user(question)}
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
        return Reply(history + [user, {"role": "assistant", "content": html}], citations, csv_path,
                     json_path, answers)

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
        data = {"questions": n, "answers": [a.to_dict(full=True) for a in answers]}
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
                quote = self.shared.lib.quote(record_id)
        except (KeyError, StopIteration):
            return render.render_message("That paragraph is no longer in the library.", "error"), ""
        return render.render_paragraph(rec, context), quote
