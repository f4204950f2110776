"""The built page's parts the tests reach (``page_components(build_app(lib))``): components by
their elem_id, the page's own functions (``ask``, ``add``, ...) by name from its events, the
handlers they use. Tests only: the page keeps no such table."""

from __future__ import annotations


def _function(demo, name: str):
    return next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == name)


def page_components(demo) -> dict:
    ids = {c.elem_id: c for c in demo.blocks.values() if getattr(c, "elem_id", None)}
    ask = next(f for f in demo.fns.values() if f.api_name == "ask")
    free = dict(zip(ask.fn.__code__.co_freevars, (c.cell_contents for c in ask.fn.__closure__)))
    return {
        "chat": ids["pc-chat"], "query": ids["pc-query"], "history": ask.inputs[1],
        # the /ask API's inputs after the question and the conversation
        "filters": list(ask.inputs[2:]),
        "cite_pick": ids["pc-cite-pick"], "upload": ids["pc-upload"],
        "holdings": ids["pc-library-status"],
        "ask": ask.fn, "add": _function(demo, "add"),
        "new_conversation": _function(demo, "new_conversation"), "handlers": free["h"],
        "compare": {"draft": ids["pc-draft"], "file": ids["pc-draft-file"],
                    "only": ids["pc-cmp-only"],
                    "exclude": ids["pc-cmp-exclude"], "before": ids["pc-cmp-before"],
                    "run": ids["pc-compare-run"], "drafts": ids["pc-cmp-drafts"],
                    "report": ids["pc-compare-out"], "compare": _function(demo, "compare"),
                    "draft_changed": _function(demo, "draft_changed")},
    }
