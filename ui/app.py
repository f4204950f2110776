"""The web page (Gradio Blocks): a chat-style search box, filters beside it, a paragraph view,
downloads and an upload box. Callbacks live in ``ui.handlers`` (one class per tab); HTML in
``ui.render``.

Importing this module imports Gradio (about 3 s); ``precedent serve`` imports it only when run.
"""

from __future__ import annotations

import logging

from precedent.index.environment import apply_defaults

apply_defaults()  # before Gradio is imported: no analytics

import gradio as gr  # noqa: E402

from precedent.ingest.readers import UPLOAD_SUFFIXES, upload_labels  # noqa: E402
from precedent.search import Library  # noqa: E402
from precedent.search.query import MAX_QUERY_CHARS  # noqa: E402

from . import render  # noqa: E402
from .handlers import Handlers  # noqa: E402
from .handlers_compare import (  # noqa: E402
    DEFAULT_MATCHES,
    DEFAULT_MIN_WORDS,
    MAX_DRAFT_CHARS,
    MAX_MATCHES,
    MAX_MIN_WORDS,
)
from .handlers_search import DEFAULT_K, EXAMPLES, MAX_K, PAGE_FILTERS, Conversation  # noqa: E402
from .uploads import (  # noqa: E402
    MAX_UPLOAD_BYTES,
    UPLOAD_LIMIT,
    UploadLimitMessage,
    discard_upload,
)

log = logging.getLogger(__name__)

# Bounds on what the server keeps. Gradio keeps a copy of the page's settings for
# each session (~165 KB) and, by default, for 10,000 sessions; an API client is a new session
# per request. Least recently used sessions beyond this many are dropped (their page starts a
# new conversation).
STATE_SESSIONS = 200
DELETE_CACHE = (600, 3600)  # every 10 minutes, delete the server's temporary files over an hour old

# the one style sheet, shared with the downloaded report (ui/templates/precedent.css)
CSS = render.css()

# Fonts the machine has: Gradio's default theme declares Source Sans Pro from files it
# ships, whose semi-bold face holds a handful of glyphs, so bold text mixed two typefaces; other
# themes load Google Fonts, which a closed network cannot reach. Families named here need no
# download: the page looks the same with or without a network, and asks nothing of one.
SANS = ("Helvetica Neue", "Helvetica", "Arial", "Liberation Sans", "DejaVu Sans", "sans-serif")
MONO = ("Menlo", "Consolas", "DejaVu Sans Mono", "Liberation Mono", "monospace")


def theme() -> gr.themes.Base:
    """Gradio's default look, in system fonts (plain names: Gradio loads no font file for them)."""
    return gr.themes.Default(font=SANS, font_mono=MONO)


# Delegated listeners: a "Copy" button beside a citation copies that citation; a new answer is
# shown from its question, at the top of the chat (the chat would show its end), the page itself
# left where it is; a file over the page's limit is refused before it is sent, in the words of the
# page's own refusal (uploads.check_file), not Gradio's ("maximum allowed size of 41943040 bytes").
HEAD = """<script>
document.addEventListener('click', function (ev) {
  var b = ev.target && ev.target.closest ? ev.target.closest('.pc-copy') : null;
  if (!b) return;
  var box = b.closest('.pc-hit, .pc-focus');
  var cite = box ? box.querySelector('.pc-cite') : null;
  if (!cite || !navigator.clipboard) return;
  navigator.clipboard.writeText(cite.textContent).then(function () {
    b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 1200);
  });
});
(function () {
  var shown = null;
  function scroller(el) {
    for (var e = el.parentElement; e && e.id !== 'pc-chat'; e = e.parentElement) {
      var y = getComputedStyle(e).overflowY;
      if ((y === 'auto' || y === 'scroll') && e.scrollHeight > e.clientHeight) return e;
    }
    return null;
  }
  new MutationObserver(function () {
    var qs = document.querySelectorAll('#pc-chat .pc-question');
    var q = qs.length ? qs[qs.length - 1] : null;
    if (q === shown) return;
    shown = q;
    if (!q) return;
    var row = q.closest('.message-row') || q;
    var box = scroller(row);
    if (box) box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top;
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
</script>""" + """<script>
(function () {
  var LIMIT = LIMIT_BYTES, SHOWN = 'LIMIT_SHOWN';
  var SAYS = {
    'pc-upload': ['Could not add ', ' Nothing was changed.'],
    'pc-draft-file': ['Could not read ', '']
  };
  function box(el) {
    for (var e = el; e && e.nodeType === 1; e = e.parentElement) { if (SAYS[e.id]) return e.id; }
    return null;
  }
  function note(text) {
    var n = document.getElementById('pc-limit-note');
    if (!n) {
      n = document.createElement('div');
      n.id = 'pc-limit-note';
      n.setAttribute('role', 'alert');
      n.title = 'Click to close';
      n.style.cssText = 'position:fixed;top:1rem;right:1rem;z-index:1000;max-width:30rem;'
        + 'padding:.8em 1em;background:#fff5f5;color:#c53030;font-weight:600;'
        + 'border:1px solid #c53030;border-radius:6px;'
        + 'box-shadow:0 2px 10px rgba(0,0,0,.15);cursor:pointer';
      n.addEventListener('click', function () { n.remove(); });
      document.body.appendChild(n);
    }
    n.textContent = text;
    clearTimeout(n.pcTimer);
    n.pcTimer = setTimeout(function () { n.remove(); }, 15000);
  }
  function refuse(ev, files) {
    var where = box(ev.target);
    var big = where && files
      ? Array.prototype.filter.call(files, function (f) { return f.size > LIMIT; })
      : [];
    if (!big.length) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    var f = big[0], says = SAYS[where];
    note(says[0] + f.name + ': the file is too large ('
      + (f.size / 1048576).toFixed(1) + ' MB; the limit is ' + SHOWN + ').' + says[1]);
    if (ev.target.type === 'file') setTimeout(function () { ev.target.value = ''; }, 0);
  }
  ['input', 'change'].forEach(function (type) {
    document.addEventListener(type, function (ev) {
      if (ev.target && ev.target.type === 'file') refuse(ev, ev.target.files);
    }, true);
  });
  document.addEventListener('drop', function (ev) {
    refuse(ev, ev.dataTransfer && ev.dataTransfer.files);
  }, true);
})();
</script>""".replace("LIMIT_BYTES", str(MAX_UPLOAD_BYTES)).replace("LIMIT_SHOWN", UPLOAD_LIMIT)

def handing_over_paths(file: gr.File) -> gr.File:
    """``file`` (one file, given to callbacks as a path) made to hand over the path of Gradio's
    copy and nothing else: Gradio's own ``File.preprocess`` (6.x) leaves an empty ``tmp*`` file in
    its temporary folder at every event. Set on the instance: subclassing a Gradio component
    makes Gradio write a ``.pyi`` stub beside this module when it is imported."""
    from gradio.data_classes import ListFiles
    from gradio_client.utils import is_valid_file

    types = list(file.file_types or [])
    default = file.preprocess

    def preprocess(payload):
        if payload is None or file.file_count != "single" or file.type != "filepath":
            return default(payload)
        given = payload[0] if isinstance(payload, ListFiles) else payload
        if types and not is_valid_file(given.path, types):
            raise gr.Error(f"Choose a {', '.join(t.lstrip('.').upper() for t in types)} file.")
        return given.path

    file.preprocess = preprocess
    return file


# where "Number of results" stands among the /ask API's inputs after the conversation
K_POSITION = 4


def filter_components(choices: dict) -> dict:
    """The filters' components (``search.filters.FILTERS``), made in their places on the page."""
    made = {}
    for f in sorted(PAGE_FILTERS, key=lambda f: f.widget.place):
        w = f.widget
        if w.kind == "checkbox":
            made[f.key] = gr.Checkbox(label=w.label, value=False, elem_id=w.elem_id)
        elif w.kind == "checkboxes":
            made[f.key] = gr.CheckboxGroup(label=w.label, choices=choices[f.key], value=[],
                                           elem_id=w.elem_id)
        else:
            # allow_custom_value (documents): the /ask API takes documents added after start-up
            # (the page's own list is refreshed per session); the search refuses unknown ones.
            made[f.key] = gr.Dropdown(label=w.label, choices=choices[f.key], multiselect=True,
                                      value=[], elem_id=w.elem_id, allow_custom_value=w.custom)
    return made


def compare_tab(h: Handlers) -> dict:
    """The "Compare a draft" tab (inside a ``gr.Tab``): draft, options, report, downloads."""
    names = h.compare.choices()
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            draft = gr.Textbox(label="Draft: paste paragraphs separated by blank lines", lines=10,
                               max_lines=24, max_length=MAX_DRAFT_CHARS, elem_id="pc-draft",
                               placeholder="12. We commit to …\n\n13. We further commit to …")
            with gr.Row(equal_height=False):
                draft_file = handing_over_paths(gr.File(
                    label=f"…or a draft file ({upload_labels()}, up to {UPLOAD_LIMIT}); compared "
                          "at once, then deleted from the server", file_types=list(UPLOAD_SUFFIXES),
                    type="filepath", elem_id="pc-draft-file", height=140, scale=4))
                with gr.Column(scale=1, min_width=120):
                    run = gr.Button("Compare", variant="primary", elem_id="pc-compare-run")
        with gr.Column(scale=1, min_width=260):
            gr.Markdown("### What counts as precedent")
            only = gr.Dropdown(label="Only these documents (none chosen: all)", choices=names,
                               multiselect=True, value=[], elem_id="pc-cmp-only")
            exclude = gr.Dropdown(label="Not these documents (e.g. the draft's own)", choices=names,
                                  multiselect=True, value=[], elem_id="pc-cmp-exclude")
            drafts = gr.Checkbox(label="Count drafts too (named in the report; not agreed "
                                       "language)", value=False,
                                 elem_id="pc-cmp-drafts")
            before = gr.Textbox(label="Only documents dated before (YYYY-MM-DD; empty: any date)",
                                value="",
                                max_lines=1, max_length=10, placeholder="YYYY-MM-DD",
                                elem_id="pc-cmp-before")
            min_words = gr.Number(value=DEFAULT_MIN_WORDS, precision=0, minimum=1,
                                  maximum=MAX_MIN_WORDS,
                                  label="Shortest agreed span (words verbatim)",
                                  elem_id="pc-cmp-min-words")
            k = gr.Slider(1, MAX_MATCHES, value=DEFAULT_MATCHES, step=1,
                          label="Closest paragraphs shown", elem_id="pc-cmp-k")
            gr.Markdown("### Download the report")
            with gr.Row():
                html_btn = gr.DownloadButton("HTML", value=None, interactive=False, size="sm",
                                             elem_id="pc-cmp-html")
                jsonl_btn = gr.DownloadButton("JSON lines", value=None, interactive=False,
                                              size="sm", elem_id="pc-cmp-jsonl")
    report = gr.HTML(elem_id="pc-compare-out")

    def compare(text, path, o, x, n, kk, b, dr=False):
        try:
            r = h.compare.run(text, path, o, x, n, kk, b, dr)
        finally:  # a draft file is read once: never kept in (nor served from) Gradio's folder
            discard_upload(path, gradio_temp_dir())
        ch = h.compare.choices()
        return (r.html, gr.update(value=r.html_path, interactive=r.ok),
                gr.update(value=r.jsonl_path, interactive=r.ok),
                gr.update(choices=ch), gr.update(choices=ch), None)

    inputs = [draft, draft_file, only, exclude, min_words, k, before, drafts]
    outputs = [report, html_btn, jsonl_btn, only, exclude, draft_file]
    run.click(compare, inputs, outputs, api_visibility="private", show_progress_on=[report])
    draft_file.upload(compare, inputs, outputs, api_visibility="private", show_progress_on=[report])
    shown_draft = gr.State(None)  # the draft file on the page, deleted from disk once taken off it

    def draft_changed(path, previous):
        if previous and previous != path:
            discard_upload(previous, gradio_temp_dir())
        return path

    draft_file.change(draft_changed, [draft_file, shown_draft], [shown_draft],
                      api_visibility="private", queue=False)
    return {"draft": draft, "file": draft_file, "only": only, "exclude": exclude, "before": before,
            "run": run, "drafts": drafts,
            "report": report,
            "compare": compare,
            "draft_changed": draft_changed}


def gradio_temp_dir() -> str:
    """Where Gradio keeps uploads and the files it serves (GRADIO_TEMP_DIR or <tmp>/gradio)."""
    from gradio.utils import get_upload_folder

    return get_upload_folder()


def build_app(lib: Library, handlers: Handlers | None = None) -> gr.Blocks:
    """The page over ``lib``. Filters are components beside the chat, so follow-ups keep them."""
    # Downloads are written inside Gradio's temporary folder, so Gradio serves them without
    # copying each one there (two files per question, never deleted); Handlers keeps the last few.
    import tempfile
    from pathlib import Path

    if handlers is None:
        Path(gradio_temp_dir()).mkdir(parents=True, exist_ok=True)
        handlers = Handlers(lib, download_dir=tempfile.mkdtemp(prefix="precedent-web-",
                                                               dir=gradio_temp_dir()))
    h = handlers
    choices = h.search.filter_choices()

    with gr.Blocks(title="Precedent", delete_cache=DELETE_CACHE) as demo:
        gr.Markdown("## Precedent: agreed language in UN texts\n"
                    "Answers are exact paragraphs, verbatim, cited by document and paragraph "
                    "number.")
        holdings = gr.HTML(h.library.status(), elem_id="pc-library-status")
        # the conversation (handlers_search.Conversation): messages and answers
        history = gr.State([])
        with gr.Tab("Search", id="search", elem_id="pc-tab-search"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    chat = gr.Chatbot(label="Answers", show_label=False, elem_id="pc-chat",
                                      height=640, layout="panel",
                                      render_markdown=False, sanitize_html=True, allow_tags=False,
                                      latex_delimiters=[], buttons=["copy"], feedback_options=None,
                                      group_consecutive_messages=False, autoscroll=False)
                    with gr.Row():
                        query = gr.Textbox(show_label=False,
                                           placeholder="Ask a question or search a phrase…",
                                           elem_id="pc-query", scale=6, autofocus=True,
                                           max_length=MAX_QUERY_CHARS)
                        send = gr.Button("Search", variant="primary", elem_id="pc-send", scale=1,
                                         min_width=90)
                    with gr.Row():
                        example_buttons = [gr.Button(q, size="sm", elem_classes=["pc-example"])
                                           for q in EXAMPLES]
                    with gr.Accordion("Paragraph view", open=True):
                        # allow_custom_value: the /paragraph API takes any record id (the choices
                        # are the page's last results); the handler refuses unknown ones without
                        # echoing them.
                        cite_pick = gr.Dropdown(label="Show a paragraph from the results",
                                                choices=[],
                                                value=None, elem_id="pc-cite-pick",
                                                interactive=True, allow_custom_value=True)
                        para = gr.HTML(elem_id="pc-paragraph")
                        quote = gr.Textbox(label="Citation and quoted text, ready to paste",
                                           lines=3,
                                           interactive=False, buttons=["copy"], elem_id="pc-quote")
                with gr.Column(scale=1, min_width=260):
                    gr.Markdown("### Filters\nThey apply to every question until changed.")
                    widgets = filter_components(choices)
                    k = gr.Slider(1, MAX_K, value=DEFAULT_K, step=1, label="Number of results",
                                  elem_id="pc-k")
                    clear = gr.Button("New conversation", size="sm")
                    gr.Markdown("### Download this conversation\nEvery answer, each under its "
                                "question.")
                    with gr.Row():
                        csv_btn = gr.DownloadButton("CSV", value=None, interactive=False, size="sm",
                                                    elem_id="pc-csv")
                        json_btn = gr.DownloadButton("JSON", value=None, interactive=False,
                                                     size="sm", elem_id="pc-json")
                    gr.Markdown(f"### Add a document\n{upload_labels()}, up to {UPLOAD_LIMIT}. "
                                "It is parsed into paragraphs and becomes searchable.")
                    upload = handing_over_paths(gr.File(label="Upload",
                                                        file_types=list(UPLOAD_SUFFIXES),
                                                        type="filepath", elem_id="pc-upload"))
                    upload_status = gr.HTML(elem_id="pc-upload-status")

        with gr.Tab("Compare a draft", id="compare", elem_id="pc-tab-compare"):
            cmp = compare_tab(h)
        # The /ask API's inputs after the question and the conversation, as it has always taken
        # them: the filters' components in FILTERS' order, the number of results fifth.
        filters = [widgets[f.key] for f in PAGE_FILTERS]
        filters.insert(K_POSITION, k)
        names = [f.widget.arg for f in PAGE_FILTERS]
        names.insert(K_POSITION, "k")
        # their choices change
        listed = [widgets[f.key] for f in PAGE_FILTERS if f.widget.has_choices]
        outputs = [chat, history, cite_pick, csv_btn, json_btn, query]

        def _reply(r):
            # a new answer: the files now hold the whole conversation with it
            if r.csv_path is not None:
                files = (gr.update(value=r.csv_path, interactive=True),
                         gr.update(value=r.json_path, interactive=True))
            # nothing new (an empty question, an error): the files offered still hold it
            elif r.answers:
                files = (gr.update(), gr.update())
            else:
                files = (gr.update(value=None, interactive=False),
                         gr.update(value=None, interactive=False))
            return (r.history, Conversation(r.history, r.answers),
                    gr.update(choices=r.citations, value=None), *files, "")

        def ask(question, state, *values):
            conv = Conversation.of(state)
            named = dict(zip(names, values))
            return _reply(h.search.ask(question, conv.messages, **named, answers=conv.answers))

        def example(question):
            def run(state, *values):
                return ask(question, state, *values)
            return run

        def refresh_filters():
            ch = h.search.filter_choices()
            return tuple(gr.update(choices=ch[f.key]) for f in PAGE_FILTERS if f.widget.has_choices)

        def refresh_compare_docs():
            ch = h.compare.choices()
            return gr.update(choices=ch), gr.update(choices=ch)

        def add(path):
            try:
                r = h.library.upload(path)
            finally:  # added (the library keeps its copy) or refused: Gradio's copy goes
                discard_upload(path, gradio_temp_dir())
            return (r.message, None, *refresh_filters(), *refresh_compare_docs(),
                    h.library.status())

        def new_conversation():
            off = gr.update(value=None, interactive=False)
            return [], Conversation(), gr.update(choices=[], value=None), "", "", off, off

        fast = dict(queue=False, show_progress="minimal")  # a direct call: one round trip, not two
        query.submit(ask, [query, history, *filters], outputs, api_name="ask", **fast)
        send.click(ask, [query, history, *filters], outputs, api_visibility="private", **fast)
        for b, q in zip(example_buttons, EXAMPLES):
            b.click(example(q), [history, *filters], outputs, api_visibility="private", **fast)
        cite_pick.change(h.search.paragraph, [cite_pick], [para, quote], api_name="paragraph")
        upload.upload(add, [upload],
                      [upload_status, upload, *listed, cmp["only"], cmp["exclude"], holdings],
                      api_visibility="private")
        for starts_anew in (clear.click, chat.clear):  # the button, and the chat's own bin icon
            starts_anew(new_conversation, None,
                        [chat, history, cite_pick, para, quote, csv_btn, json_btn],
                        api_visibility="private")
        demo.load(refresh_filters, None, listed, api_visibility="private")
        demo.load(refresh_compare_docs, None, [cmp["only"], cmp["exclude"]],
                  api_visibility="private")
        demo.load(h.library.status, None, [holdings], api_visibility="private")
    return demo


def serve(lib: Library, host: str = "127.0.0.1", port: int = 7860, share: bool = False) -> None:
    """Serve the page until interrupted; a public share link only when ``share`` is True. Gradio's
    own banner is kept quiet (it tells users to "set `share=True` in `launch()`"); ``banner``
    says where the page is in the command's own terms."""
    import sys
    import time

    demo = build_app(lib)
    demo.queue(default_concurrency_limit=4)
    log.info("serving on http://%s:%d (share=%s)", host, port, share)
    demo.launch(server_name=host, server_port=port, share=bool(share), quiet=True,
                prevent_thread_lock=True, **launch_options())
    print(banner(demo.local_url, demo.share_url if share else None), file=sys.stderr, flush=True)
    try:
        while demo.is_running:
            time.sleep(0.2)
    except KeyboardInterrupt:
        print("precedent: stopped", file=sys.stderr)
    finally:
        demo.close()


def banner(local_url: str, share_url: str | None = None) -> str:
    """Where the page is: ``precedent: the page is on http://127.0.0.1:7860/ (Ctrl+C stops it;
    precedent serve --share also gives a public link)``."""
    if share_url:
        return (f"precedent: the page is on {local_url} and, public, on {share_url} (Ctrl+C stops "
                "it)")
    return (f"precedent: the page is on {local_url} (Ctrl+C stops it; precedent serve --share also "
            "gives a public link)")


def launch_options() -> dict:
    """``launch`` options besides the address: no browser, no error details, bounded state, the
    machine's fonts, and the page's words for a file over the limit."""
    from starlette.middleware import Middleware

    return dict(inbrowser=False, show_error=False, css=CSS, head=HEAD, theme=theme(),
                max_file_size=2 * MAX_UPLOAD_BYTES, footer_links=["gradio"], run_history=False,
                state_session_capacity=STATE_SESSIONS,
                app_kwargs={"middleware": [Middleware(UploadLimitMessage)]})
