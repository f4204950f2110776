"""The search commands as a user runs them: JSON lines, --plain, stdin, CSV, eval, and errors."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from real_library import real_library, skip_without_real

from precedent.search.hit import category_words
from precedent.search.ranking import answer_kind
from precedent.ui.cli import main

HIT_KEYS = ["rank", "id", "doc_id", "symbol", "status", "year", "part", "number", "kind",
            "category", "citation", "role", "score", "relevance", "text", "draft_twins",
            "history"]


@pytest.fixture
def run(tmp_path, capsys, monkeypatch):
    home = tmp_path / "home"

    def _run(*argv, stdin: str | None = None):
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main([*argv, "--home", str(home), "--model", "fake_embedder:HashEmbedder"])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_index_then_search_json(run):
    code, out, _ = run("index")
    assert code == 0
    info = json.loads(out)
    assert (info["status"] == "built" and info["records"] > 67
            and info["model"] == "fake-hash-embedder")
    code, out, err = run("search", "alternatives to detention", "--k", "3")
    assert code == 0 and err == ""
    answer = json.loads(out)
    assert answer["query"] == "alternatives to detention"
    assert len(answer["hits"]) == 3
    assert list(answer["hits"][0])[:17] == HIT_KEYS
    assert answer["hits"][0]["citation"].startswith("Progress Declaration 2026, annex, para. ")


def test_search_plain_and_filters(run):
    code, out, _ = run("search", "migrants", "--category", "request", "--plain")
    assert code == 0
    assert "1. Progress Declaration 2026 (draft) [draft]" in out
    assert "para. 64" in out and "(request)" in out
    assert "(commitment)" not in out


def test_batch_from_stdin_plain_lines_and_json_lines(run):
    stdin = 'child detention\n{"query": "\\"route-based cooperation\\""}\n\n'
    code, out, _ = run("batch", "-", "--k", "2", stdin=stdin)
    assert code == 0
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["query"] for x in lines] == ["child detention", '"route-based cooperation"']
    assert lines[1]["hits"][0]["citation"] == "Progress Declaration 2026, annex, para. 63"


def test_batch_csv(run, tmp_path):
    f = tmp_path / "q.txt"
    f.write_text("remittances\nsmuggling\n")
    code, out, _ = run("batch", str(f), "--k", "2", "--csv")
    assert code == 0
    rows = out.strip().splitlines()
    assert rows[0].startswith("query,rank,id,doc_id,symbol,status,year,part,number,kind,category,"
                              "citation,role,score,relevance,text")
    assert len(rows) == 5


def test_batch_exports_carry_each_answers_message(run, tmp_path):
    # read alone, a JSON line or a CSV row said nothing of "No paragraph 999 of ... in the
    # library" (an audit): a weak paragraph and a flag only; a query with no hit had no CSV row
    f = tmp_path / "q.txt"
    f.write_text("para 999 of the Progress Declaration 2026\nmigration\n")
    code, out, _ = run("batch", str(f), "--k", "1")
    first = json.loads(out.splitlines()[0])
    assert code == 0 and first["message"].startswith("No paragraph 999 of Progress Declaration")
    code, out, _ = run("batch", str(f), "--k", "1", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["message"] == first["message"] and rows[0]["order"] == first["order"]
    # what the order is, as the page and --plain say it ("some in drafts, not agreed")
    question = "What did States commit to on child detention?"
    code, out, _ = run("search", question, "--k", "3")
    code, plain, _ = run("search", question, "--k", "3", "--plain")
    assert json.loads(out)["order"] and json.loads(out)["order"] in plain
    code, out, _ = run("batch", "-", "--k", "1", "--csv", "--year", "1999", stdin="migration\n")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["query"], r["low_confidence"], r["rank"]) for r in rows] == [
        ("migration", "True", "")]
    assert rows[0]["message"]


@pytest.mark.parametrize("argv, message", [
    (("search", "   "), "the query is empty"),
    (("search", "x" * 100_000), "too long"),
    (("search", "migration", "--category", "wishes"), "unknown category 'wishes'"),
    (("batch", "/nonexistent/queries.txt"), "file not found"),
])
def test_errors_are_one_line_exit_1(run, argv, message):
    code, out, err = run(*argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_batch_bad_json_line(run):
    code, _, err = run("batch", "-", stdin='{"query": 3}\n')
    assert code == 1 and "without a 'query' string" in err


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["search"])
    assert e.value.code == 2


def test_eval_prints_all_systems(run, tmp_path):
    f = tmp_path / "labels.jsonl"
    f.write_text(
        '{"id": "a", "type": "exact", "query": "\\"route-based cooperation\\"", '
        '"gold": {"annex:63": 2}}\n'
        '{"id": "b", "type": "commitment", "query": "commitments on remittances", '
        '"gold": {"annex:56": 2}}\n')
    code, out, _ = run("eval", str(f))
    assert code == 0
    tables = [json.loads(x) for x in out.splitlines()]
    assert [t["system"] for t in tables] == ["precedent", "keyword-only", "dense-only", "plain-rrf"]
    exact = tables[0]["table"]["exact"]
    assert exact["ndcg@10"] == 1.0 and exact["hit@1"] == 1.0 and exact["n"] == 1
    assert 0.0 <= tables[0]["table"]["commitment"]["commit@1"] <= 1.0
    assert "commit@1" not in tables[0]["table"]["exact"]


def test_damaged_index_rebuilds_with_a_message_not_a_traceback(run, tmp_path):
    run("index")
    home = tmp_path / "home"
    current = (home / "CURRENT").read_text().strip()
    (home / "indexes" / current / "manifest.json").write_text("{not json")
    code, out, err = run("index")
    assert code == 0 and "Traceback" not in err
    info = json.loads(out)
    assert info["status"] == "built" and "unreadable" in info["message"]


@pytest.mark.parametrize("flags, check", [
    (("--part", "resolution"), lambda h: h["part"] == "resolution"),
    (("--objective", "18"), lambda h: h["number"] in {"12", "13", "14", "15", "16", "17"}),
    (("--year", "2026"), lambda h: h["doc_id"] == "imrf-2026-progress-declaration"),
    (("--doc", "imrf-2026-progress-declaration"),
     lambda h: h["doc_id"] == "imrf-2026-progress-declaration"),
    (("--kind", "footnote"), lambda h: h["kind"] == "footnote" and "footnote" in h["citation"]),
    (("--mode", "keyword"), lambda h: h["score"] > 0),
    (("--mode", "dense"), lambda h: -1 <= h["score"] <= 1),
])
def test_search_flags(run, flags, check):
    code, out, _ = run("search", "objective migration", "--k", "50", *flags)
    assert code == 0
    hits = json.loads(out)["hits"]
    assert hits and all(check(h) for h in hits)


def test_search_full_json_carries_highlights_role_and_section(run):
    code, out, _ = run("search", "What did States commit to on remittances?", "--full", "--k", "3")
    assert code == 0
    answer = json.loads(out)
    assert answer["intent"] == "commitment"
    hit = answer["hits"][0]
    assert {"highlights", "sentence", "role", "section", "footnotes"} <= set(hit)
    for s, e in hit["highlights"]:
        assert hit["text"][s:e].strip()


def test_year_filter_with_no_match_is_an_empty_answer_not_an_error(run):
    code, out, _ = run("search", "migration", "--year", "1999")
    assert code == 0
    answer = json.loads(out)
    assert answer["hits"] == [] and answer["low_confidence"] is True


def test_adopted_only_and_status_filter(run):
    # The shipped Declaration is a draft: "adopted texts only" leaves it out, "--status draft"
    # keeps it.
    code, out, _ = run("search", "alternatives to detention", "--k", "3", "--adopted-only")
    assert code == 0 and json.loads(out)["hits"] == []
    code, out, _ = run("search", "alternatives to detention", "--k", "3", "--status", "draft")
    hits = json.loads(out)["hits"]
    assert (code == 0 and hits and {h["status"] for h in hits} == {"draft"}
            and {h["year"] for h in hits} == {"2026"})


def test_an_unknown_status_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["search", "detention", "--status", "agreed", "--home", str(tmp_path / "home")])
    assert e.value.code == 2 and "invalid choice: 'agreed'" in capsys.readouterr().err


def test_plain_answers_show_the_document_and_its_status(run):
    code, out, _ = run("search", "What did States commit to on child detention?", "--k", "3",
                       "--plain")
    assert code == 0
    lines = out.splitlines()
    assert (re.match(r"3 (paragraphs|matches in \d paragraphs?), best first", lines[0])
            and "on-topic confidence" in lines[0])
    # every entry: its rank, its document with status and year, its relevance and score
    heads = [line for line in lines if re.match(r"\d+\. ", line)]
    assert heads[0].startswith("1. Progress Declaration 2026 (draft) [draft]  ")
    assert all(re.search(r"  (strong|fair|weak) · score \d\.\d{3}$", line) for line in heads)
    assert [int(line.split(".")[0]) for line in heads] == list(range(1, len(heads) + 1))
    scores = [float(line.rsplit(" ", 1)[1]) for line in heads]
    assert scores == sorted(scores, reverse=True)


def test_list_names_the_missing_catalogue_texts_and_how_to_get_them(run):
    code, out, _ = run("list", "--plain")
    assert code == 0
    note = out.strip().splitlines()[-1]
    assert note.startswith(
        "8 catalogue texts are not in the library: A/RES/73/195 (Global Compact), "
    )
    assert note.endswith("Get them with: precedent fetch --catalogue")
    code, out, err = run("list")
    assert code == 0 and all(json.loads(ln)["status"] == "draft" for ln in out.splitlines())
    assert "precedent fetch --catalogue" in err  # JSON lines on stdout stay JSON


def test_eval_plain_reports_off_topic_questions_by_their_flag(run, tmp_path):
    f = tmp_path / "labels.jsonl"
    f.write_text(
        '{"id": "a", "type": "exact", "query": "\\"route-based cooperation\\"", '
        '"gold": {"annex:63": 2}}\n'
        '{"id": "z", "type": "offtopic", "query": "the rules of cricket", "gold": {}}\n')
    code, out, _ = run("eval", str(f), "--plain", "--details")
    assert code == 0
    first = out.split("== keyword-only")[0]
    rows = {line.split()[0]: line.split() for line in first.splitlines()[2:5]}
    assert rows["overall"][1:3] == ["1", "1.000"]  # the off-topic question is not averaged in
    assert rows["offtopic"][1:7] == ["1", "-", "-", "-", "-", "-"]
    assert rows["offtopic"][7] in ("0.000", "1.000")
    assert re.search(r"^   z (NOT )?flagged ", first, re.M)


@skip_without_real
def test_an_entry_answering_through_its_actions_is_an_answer_on_every_surface(capsys,
                                                                              tmp_path_factory):
    """The page heads an entry "Commitments" when its paragraph or an action under it answers;
    the command line labelled the same paragraph "[context]" (the Compact's para. 37, "We commit
    to facilitate ... safe and dignified return", whose actions answered), and the JSON and CSV
    still say "context" for it: one role for the entry, set by the search."""
    from precedent.ui.cmd_search import print_plain

    lib = real_library(lambda: tmp_path_factory.mktemp("real"))
    seen = 0
    for question in ("What did States commit to on return and readmission?",
                     "What did States commit to on child detention?",
                     "What did States commit to on remittances?",
                     "What did States commit to on fair recruitment?",
                     "What did States commit to on search and rescue?"):
        answer = lib.search(question, k=10)
        for entry in answer.ranked():
            if any(h.role == "answer" for h in entry.subs):
                seen += 1
                assert entry.hit.role in ("answer", "chapeau"), entry.hit.record.citation
        roles = {h["id"]: h["role"] for h in answer.to_dict(full=True)["hits"]}
        assert roles == {h.record.id: h.role for h in answer.hits}
        print_plain(answer)
        out = capsys.readouterr().out
        for entry in answer.ranked():
            rec = entry.hit.record
            # a commitment that is no answer is "further", not "context" (an audit)
            label = {"answer": " [answer]",
                     "context": " [further]" if answer_kind(rec) else " [context]"
                     }.get(entry.hit.role)
            if label:
                assert f"{rec.citation}  ({category_words(rec)}){label}" in out
    assert seen  # entries that answer through their actions were met


@pytest.mark.parametrize("bad, why", [('{"query": ""}', "the query is empty"),
                                      ('{"query": "' + "x" * 10_001 + '"}', "too long"),
                                      ("y" * 10_001, "too long")])
def test_a_bad_query_in_a_batch_names_its_line(run, bad, why):
    """One empty or overlong query stopped the whole batch with "the query is empty", without
    saying which line of the file it stood on."""
    code, out, err = run("batch", "-", stdin=f"remittances\n\n{bad}\nreturn\n")
    assert code != 0 and out == ""
    assert "-:3: " in err and why in err, err


def test_a_remove_on_a_full_disk_says_so_without_a_traceback(run, monkeypatch, tmp_path):
    from precedent.index import library

    def full(*a, **k):
        raise OSError("722688 requested and 110560 written")

    doc = tmp_path / "trees.txt"
    doc.write_text("1. We commit to plant trees along every route.\n", encoding="utf-8")
    assert run("add", str(doc))[0] == 0
    monkeypatch.setattr(library, "save_index", full)
    code, _, err = run("remove", "trees")
    assert code == 1 and "Traceback" not in err
    assert "is full" in err and "nothing was changed" in err


def test_exports_say_which_filters_the_answer_passed(run, tmp_path):
    # a CSV row or JSON line of a filtered search read alone looked like the library's whole
    # answer: "only commitments" or "only the Compact" was said on the page and nowhere else
    code, out, _ = run("batch", "-", "--k", "1", "--csv", "--category", "commitment",
                       stdin="migration\n")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and all(r["filters"] == "category: commitment" for r in rows)
    code, out, _ = run("search", "migration", "--k", "1", "--category", "commitment")
    assert json.loads(out)["filters"] == {"category": ["commitment"]}
    code, out, _ = run("search", "migration", "--k", "1", "--category", "commitment", "--full")
    assert json.loads(out)["filters"] == {"category": ["commitment"]}
    code, plain, _ = run("search", "migration", "--k", "1", "--category", "commitment",
                         "--plain")
    assert "Filters: category: commitment" in plain
    # no filter, nothing said, and the empty column is there
    code, out, _ = run("batch", "-", "--k", "1", "--csv", stdin="migration\n")
    assert [r["filters"] for r in csv.DictReader(io.StringIO(out))] == [""]
    code, plain, _ = run("search", "migration", "--k", "1", "--plain")
    assert "Filters:" not in plain


def test_k_has_the_short_form_users_type(run):
    # "-k 2" was refused ("unrecognized arguments"), as pytest's and grep's users type it
    code, out, _ = run("search", "migration", "-k", "1")
    assert code == 0 and len(json.loads(out)["hits"]) >= 1
    assert {h["rank"] for h in json.loads(out)["hits"]} == {1}
