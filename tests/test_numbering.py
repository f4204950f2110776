"""A break in a document's printed numbering is said wherever the library describes it
(``index.numbering``): a paragraph lost, merged or split in reading a file is never silent."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from fake_embedder import SPEC
from parse_text import parse_text

from precedent.index.numbering import MAX_NOTES, breaks_of, numbering_breaks, numbering_note
from precedent.ingest.records import DocumentInfo

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-un"
INFO = DocumentInfo(doc_id="a-res-99-1", title="Testing numbering", symbol="A/RES/99/1")
HEAD = """United Nations A/RES/99/1
General Assembly Distr.: General
1 January 2030

Resolution adopted by the General Assembly on 1 January 2030

99/1. Testing numbering

The General Assembly,

Recalling its resolution 98/1,

"""
# paragraph 3 printed at the end of paragraph 2's line: read as part of paragraph 2
MERGED = HEAD + """1. Decides to hold a meeting on migration;

2. Requests the Secretary-General to report on migration; 3. Invites Member States to share data;

4. Decides to remain seized of the matter.
"""
WHOLE = MERGED.replace("; 3. Invites", ";\n\n3. Invites")


def records(text: str):
    return parse_text(text, INFO).paragraphs


def test_a_document_read_whole_has_no_break():
    assert numbering_breaks(records(WHOLE)) == [] and numbering_note(records(WHOLE)) == ""


def test_a_paragraph_merged_into_the_one_before_is_named():
    assert numbering_breaks(records(MERGED)) == ["the numbering goes from para. 2 to para. 4"]
    note = numbering_note(records(MERGED))
    assert note.startswith("Check against the document: the numbering goes from para. 2 to "
                           "para. 4.")
    assert "lost, merged or split" in note


def _numbered(numbers: list[str], *, part: str = "resolution", kind: str = "paragraph"):
    base = records(WHOLE)[1]
    return [replace(base, number=n, part=part, kind=kind, order=k, id=f"x:{k}")
            for k, n in enumerate(numbers)]


@pytest.mark.parametrize("numbers, part, kind, said", [
    (["1", "2", "2", "3"], "resolution", "paragraph", ["para. 2 is printed twice"]),
    (["1", "3", "2"], "resolution", "paragraph",
     ["the numbering goes from para. 1 to para. 3", "para. 2 follows para. 3"]),
    # one paragraph out of place is one break, not a gap after it too
    (["1", "2", "3", "4", "6", "7", "5", "8"], "resolution", "paragraph",
     ["the numbering goes from para. 4 to para. 6", "para. 5 follows para. 7"]),
    (["2", "3"], "annex", "paragraph", ["annex: the numbering starts at para. 2, not para. 1"]),
    # a wrong first number hides no later break
    (["2", "3", "5"], "annex", "paragraph", ["annex: the numbering starts at para. 2, not para. 1",
                                             "annex: the numbering goes from para. 3 to para. 5"]),
    (["1", "2 bis", "2", "u1", "3"], "resolution", "paragraph", []),  # labels, unnumbered
    (["Action 1", "Action 3"], "", "paragraph",
     ["the numbering goes from Action 1 to Action 3"]),
    (["16 (a)", "16 (b)", "16 (d)"], "annex", "subparagraph",
     ["annex, para. 16: the numbering goes from (b) to (d)"]),
    (["4 (i)", "4 (ii)", "4 (iii)", "4 (iv)", "4 (v)"], "resolution", "subparagraph", []),
    (["4 (i)", "4 (ii)", "4 (iv)"], "resolution", "subparagraph",
     ["para. 4: the numbering goes from (ii) to (iv)"]),
    (["4 (ii)", "4 (iii)"], "resolution", "subparagraph",  # the first numeral lost
     ["para. 4: the numbering starts at (ii), not (i)"]),
    (["4 (b)", "4 (d)"], "resolution", "subparagraph",
     ["para. 4: the numbering starts at (b), not (a)",
      "para. 4: the numbering goes from (b) to (d)"]),
    ([f"7 ({c})" for c in "abcdefghijklmnopqrstuvwxyz"] + ["7 (aa)", "7 (bb)"], "resolution",
     "subparagraph", []),
    (["PP3 (a)", "PP3 (c)"], "resolution", "subparagraph",
     ["PP3: the numbering goes from (a) to (c)"]),
    (["9 (b) (i)", "9 (b) (iii)"], "resolution", "subparagraph",
     ["para. 9 (b): the numbering goes from (i) to (iii)"]),
])
def test_each_kind_of_break_is_named_and_labels_are_not_breaks(numbers, part, kind, said):
    assert numbering_breaks(_numbered(numbers, part=part, kind=kind)) == said


def test_many_breaks_are_counted_beyond_the_first_few():
    numbers = [str(k) for k in range(1, 40, 2)]
    note = numbering_note(_numbered(numbers))
    assert note.count("the numbering goes from") == MAX_NOTES
    assert f"and {len(numbers) - 1 - MAX_NOTES} more" in note


@pytest.mark.skipif(not (REAL / "pdf").is_dir(), reason=f"real UN documents absent at {REAL}")
def test_a_paragraph_dropped_from_a_real_resolution_is_named_unless_it_was_the_last():
    """Every real document reads without a break (tests/test_real_un_structure.py checks it on
    all 86 PDFs); drop one numbered paragraph or item, and the note names where, unless it
    ended its run (nothing printed follows it to show the gap)."""
    from precedent.ingest.load import load_document

    rng = random.Random(18)
    named = last = 0
    for path in sorted((REAL / "pdf").glob("A_RES_*.pdf")):
        doc = load_document(path)
        assert numbering_note(doc.paragraphs) == "", path.name
        numbered = [r for r in doc.paragraphs
                    if r.kind in ("paragraph", "subparagraph") and r.number[:1].isdigit()]
        for victim in rng.sample(numbered, min(4, len(numbered))):
            kept = [r for r in doc.paragraphs if r is not victim and r.parent != victim.id]
            run = [r for r in doc.paragraphs if (r.part, r.kind, r.parent)
                   == (victim.part, victim.kind, victim.parent)]
            if victim is max(run, key=lambda r: r.order):
                last += 1
                continue
            breaks = numbering_breaks(kept)
            assert len(breaks) == 1, (path.name, victim.citation, breaks)
            named += 1
    assert named >= 30 and last < named


@pytest.mark.skipif(not (REAL / "text").is_dir(), reason=f"real UN documents absent at {REAL}")
def test_the_text_layers_and_the_shipped_draft_read_without_a_break():
    """(the 86 PDFs: tests/test_real_un_structure.py)"""
    from precedent.corpus import shipped_documents
    from precedent.ingest.load import load_document

    paths = [*sorted((REAL / "text").glob("*.txt")), *(e["path"] for e in shipped_documents())]
    assert len(paths) == 4
    for path in paths:
        assert numbering_breaks(load_document(path).paragraphs) == [], path


# --- where the note is said: parse, add, list, the page ------------------------------------------

def test_parse_add_and_list_say_the_break(tmp_path, capsys):
    from precedent.ui.cli import main

    path = tmp_path / "merged.txt"
    path.write_text(MERGED, encoding="utf-8")
    assert main(["parse", str(path)]) == 0
    out, err = capsys.readouterr()
    assert all(json.loads(line) for line in out.splitlines())  # stdout: the records alone
    assert f"precedent: {path}: Check against the document: the numbering goes from para. 2 to " \
           "para. 4." in err
    home = ["--home", str(tmp_path / "home"), "--model", SPEC]
    assert main(["add", str(path), *home, "--plain"]) == 0
    out = capsys.readouterr().out
    assert "added 'a-res-99-1'" in out and "the numbering goes from para. 2 to para. 4" in out
    assert main(["list", *home]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    ours = next(d for d in listed if d["doc_id"] == "a-res-99-1")
    assert "the numbering goes from para. 2 to para. 4" in ours["numbering"]
    assert all(d["numbering"] == "" for d in listed if d["doc_id"] != "a-res-99-1")
    assert main(["list", *home, "--plain"]) == 0
    assert "A/RES/99/1: Check against the document: the numbering goes from para. 2" \
        in capsys.readouterr().out
    whole = tmp_path / "whole.txt"
    whole.write_text(WHOLE, encoding="utf-8")
    assert main(["add", str(whole), *home]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "replaced" and result["numbering"] == ""
    assert "Check against" not in result["message"]


def test_the_page_says_the_break_on_upload_and_above_the_search(fake_lib, tmp_path):
    from precedent.ui.handlers import Handlers

    h = Handlers(fake_lib, download_dir=tmp_path / "downloads")
    path = tmp_path / "incoming" / "merged.txt"
    path.parent.mkdir()
    path.write_text(MERGED, encoding="utf-8")
    reply = h.library.upload(path)
    assert reply.ok and "pc-warn" in reply.message
    assert "the numbering goes from para. 2 to para. 4" in reply.message
    status = h.library.status()
    assert "pc-warn" in status and "the numbering goes from para. 2 to para. 4" in status
    again = h.library.upload(path)  # already held: the break is said again
    assert "already in the library" in again.message and "pc-warn" in again.message
    assert "the numbering goes from para. 2 to para. 4" in again.message


def test_compare_says_a_draft_files_break_but_not_a_working_drafts_or_pasted_text(fake_lib,
                                                                                  tmp_path):
    from precedent.search.compare import compare_file, compare_text
    from precedent.ui.handlers import Handlers

    fake_lib.add(_write(tmp_path, "whole.txt", WHOLE))
    draft = _write(tmp_path, "draft.txt", MERGED.replace("99/1", "99/2")
                   .replace("share data", "share data on return"))
    result = compare_file(fake_lib, draft)
    assert result.numbering.startswith("Check against the document: the numbering goes from "
                                       "para. 2 to para. 4.")
    assert result.summary()["numbering"] == result.numbering
    assert result.file_notes == ["The share is of the paragraphs read from the file. "
                                 + result.numbering]
    # a working draft's labels skip struck paragraphs; pasted text is any paragraphs chosen
    working = _write(tmp_path, "working.txt", "OP1. Decides to hold a meeting on migration;\n\n"
                     "OP3. Decides to remain seized of the matter.\n")
    assert compare_file(fake_lib, working).numbering == ""
    assert compare_text(fake_lib, "2. Requests the Secretary-General to report on migration;\n\n"
                        "4. Decides to remain seized of the matter.").numbering == ""
    page = Handlers(fake_lib, download_dir=tmp_path / "downloads").compare.run("", draft)
    assert "pc-warn" in page.html and "the numbering goes from para. 2 to para. 4" in page.html
    # a file of paragraphs without a masthead is an excerpt: it may start anywhere (an audit's
    # one pasted paragraph, "4. Further decides ...", was told its numbering starts at 4), but
    # a gap in it is still said; a whole document starting at para. 2 is
    excerpt = _write(tmp_path, "excerpt.txt", "3. Invites Member States to share data;\n\n"
                     "4. Decides to remain seized of the matter.\n")
    assert compare_file(fake_lib, excerpt).numbering == ""
    gap = _write(tmp_path, "gap.txt", "2. Requests the Secretary-General to report on migration;"
                 "\n\n4. Decides to remain seized of the matter.\n")
    assert "the numbering goes from para. 2 to para. 4" in compare_file(fake_lib, gap).numbering
    late = _write(tmp_path, "late.txt", WHOLE.replace("99/1", "99/3").replace(
        "1. Decides to hold a meeting on migration;\n\n", ""))
    assert "the numbering starts at para. 2, not para. 1" in compare_file(fake_lib,
                                                                         late).numbering


def test_compare_on_the_command_line_says_the_break(tmp_path, capsys):
    from precedent.ui.cli import main

    home = ["--home", str(tmp_path / "home"), "--model", SPEC]
    assert main(["add", str(_write(tmp_path, "whole.txt", WHOLE)), *home]) == 0
    draft = _write(tmp_path, "draft.txt", MERGED.replace("99/1", "99/2"))
    capsys.readouterr()
    assert main(["compare", str(draft), *home, "--plain"]) == 0
    out = capsys.readouterr().out
    assert ("The share is of the paragraphs read from the file. Check against the document: the "
            "numbering goes from para. 2 to para. 4.") in out


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_answer_quoting_a_paragraph_beside_a_break_says_to_check_it(fake_lib, tmp_path):
    fake_lib.add(_write(tmp_path, "merged.txt", MERGED))
    beside = fake_lib.search('"report on migration"', k=3)
    assert beside.hits[0].record.citation == "A/RES/99/1, para. 2"
    assert ("Check against the document before quoting: A/RES/99/1, para. 2 (the numbering goes "
            "from para. 2 to para. 4).") in beside.message
    away = fake_lib.search('"hold a meeting on migration"', k=1)
    assert away.hits[0].record.citation == "A/RES/99/1, para. 1"
    assert "Check against the document" not in away.message
    cited = fake_lib.search("A/RES/99/1 para 4")
    assert "A/RES/99/1, para. 4 (the numbering goes from para. 2 to para. 4)" in cited.message
    assert beside.caution and beside.caution in beside.message and not away.caution
    assert beside.to_dict(full=True)["caution"] == beside.caution


def test_the_page_shows_the_caution_as_a_warning(fake_lib, tmp_path):
    from precedent.ui.handlers import Handlers

    fake_lib.add(_write(tmp_path, "merged.txt", MERGED))
    h = Handlers(fake_lib, download_dir=tmp_path / "downloads")
    reply = h.search.ask('"report on migration"', [])
    page = reply.history[-1]["content"]
    assert '<p class="pc-msg pc-warn">Check against the document before quoting' in page


def test_a_paragraph_that_lost_its_number_is_cautioned_where_it_stands(fake_lib, tmp_path):
    """Its number gone, paragraph 3 reads as "unnumbered paragraph 1", cited so: the answer
    quoting it must say to check it, as it does its numbered neighbours."""
    lost = WHOLE.replace("3. Invites Member States", "Invites Member States")
    fake_lib.add(_write(tmp_path, "lost.txt", lost))
    answer = fake_lib.search('"share data"', k=1)
    assert answer.hits[0].record.citation == "A/RES/99/1, unnumbered paragraph 1"
    assert ("Check against the document before quoting: A/RES/99/1, unnumbered paragraph 1 (the "
            "numbering goes from para. 2 to para. 4).") in answer.message
    assert "a citation may be wrong" in answer.message


def test_versions_say_either_documents_break(fake_lib, tmp_path):
    from precedent.search.compare import compare_versions

    fake_lib.add(_write(tmp_path, "merged.txt", MERGED))
    fake_lib.add(_write(tmp_path, "draft.txt", WHOLE.replace("A/RES/99/1", "A/99/L.1")))
    result = compare_versions(fake_lib, "A/RES/99/1", "A/99/L.1")
    assert result.numbering == ["A/RES/99/1: Check against the document: the numbering goes "
                                "from para. 2 to para. 4. A paragraph or its number may have been "
                                "lost, merged or split in reading the file, or the document "
                                "numbers it so."]
    assert result.summary()["numbering"] == result.numbering
    assert compare_versions(fake_lib, "A/99/L.1", "A/99/L.1").numbering == []


def test_a_paragraph_read_as_a_heading_is_said():
    """"A. Invites ...;" after para. 2 is read as a section heading: no heading of the real
    documents ends as a paragraph does, so one that does is said, and the paragraph under it
    is cautioned."""
    lettered = WHOLE.replace("3. Invites Member States to share data;",
                             "A. Invites Member States to share data;")
    recs = records(lettered)
    assert not any(r.text.startswith("Invites Member States") for r in recs)  # read as heading
    breaks = breaks_of(recs)
    assert [b.said for b in breaks] == [
        "the numbering goes from para. 2 to para. 4",
        "“A. Invites Member States to share data;” was read as a heading, but ends as a "
        "paragraph does"]
    under = next(r for r in recs if r.section)
    assert under.id in breaks[1].near
    assert numbering_breaks(records(WHOLE.replace("3. Invites", "A. Migration and data\n\n3. "
                                                  "Invites"))) == []  # a heading as printed


def test_trace_on_the_command_line_says_either_documents_break(tmp_path, capsys):
    from precedent.ui.cli import main

    home = ["--home", str(tmp_path / "home"), "--model", SPEC]
    assert main(["add", str(_write(tmp_path, "merged.txt", MERGED)), *home]) == 0
    draft = WHOLE.replace("A/RES/99/1", "A/99/L.1")
    assert main(["add", str(_write(tmp_path, "draft.txt", draft)), *home]) == 0
    capsys.readouterr()
    assert main(["trace", "A/RES/99/1", "--against", "A/99/L.1", *home, "--plain"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("  ! A/RES/99/1: Check against the document: the numbering goes "
                             "from para. 2 to para. 4.")


def test_the_library_line_sums_up_a_large_library_and_names_a_small_one():
    from precedent.search.documents import LISTED_UP_TO, library_summary

    def docs(n, status):
        return [{"doc_id": f"d{k}", "symbol": f"A/RES/99/{k}", "status": status}
                for k in range(n)]

    assert library_summary(docs(3, "adopted")) == (
        "The library holds 3 documents, all adopted: A/RES/99/0, A/RES/99/1, A/RES/99/2.")
    large = docs(LISTED_UP_TO - 1, "adopted") + docs(2, "draft")
    assert library_summary(large) == (
        f"The library holds {LISTED_UP_TO + 1} documents: {LISTED_UP_TO - 1} adopted and 2 not "
        "adopted. The Documents filter lists them all.")
    broken = docs(1, "adopted")
    broken[0]["numbering"] = "Check against the document: the numbering goes from para. 2 to " \
                             "para. 4."
    assert library_summary(broken).endswith(
        "A/RES/99/0: Check against the document: the numbering goes from para. 2 to para. 4.")


RESTARTED = WHOLE + """
1. Invites Member States to consider national plans on migration;

2. Encourages cooperation among States of origin, transit and destination;
"""


def test_a_numbering_that_restarts_with_no_heading_is_a_part_of_its_own_and_said():
    """Paragraphs 1, 2 again after paragraph 4, with no heading between: each its own record,
    cited in a section by its place, and said (a heading may have been lost in reading). Before,
    they were read into paragraph 4 as the items of a list."""
    recs = records(RESTARTED)
    cited = {r.citation.split(", ", 1)[1]: r.text for r in recs if r.kind == "paragraph"}
    assert cited["sect. 1, para. 4"] == "Decides to remain seized of the matter."
    assert cited["sect. 2, para. 1"] == ("Invites Member States to consider national plans on "
                                         "migration;")
    assert cited["sect. 2, para. 2"].startswith("Encourages cooperation")
    breaks = breaks_of(recs)
    assert [b.said for b in breaks] == [
        "the numbering starts again at para. 1 after sect. 1, para. 4 with no heading between "
        "(read as sect. 2)"]
    assert breaks[0].near == ("a-res-99-1:sect1:4", "a-res-99-1:sect2:1")


def test_a_list_after_a_colon_or_a_lone_first_item_stays_in_its_paragraph():
    """(A lone paragraph 1 that opens as a paragraph does is a section: see
    ``test_a_restart_keeps_its_preamble_and_a_lone_restarted_paragraph_is_its_own``.)"""
    listed = WHOLE.replace("4. Decides to remain seized of the matter.",
                           "4. Decides on the following agenda:") + """
1. Opening of the session;

2. Adoption of the agenda.
"""
    recs = records(listed)
    four = next(r for r in recs if r.number == "4")
    assert four.text == ("Decides on the following agenda: 1. Opening of the session; "
                         "2. Adoption of the agenda.")
    assert numbering_breaks(recs) == []
    # a lone item that reads as an item, not as a paragraph, after a finished paragraph
    lone = WHOLE + "\n1. The national plans on migration.\n"
    assert numbering_breaks(records(lone)) == []
    assert not any(r.part.startswith("sect.") for r in records(lone))


def _run(body: str):
    """Records of a resolution with ``body`` after its preamble."""
    return records(HEAD + body)


def test_a_list_a_paragraph_introduces_ends_where_the_paragraphs_go_on():
    """"2. Requests ... on the following:" / "1. The first item;" / "2. The second item;" /
    "3. Invites Member States ...": paragraphs 3 and 4 were read as items 3 and 4 of the list,
    inside paragraph 2, with nothing said. A number that goes on both the list and the
    paragraphs is the next paragraph when it opens as one does."""
    recs = _run("1. Decides to hold a meeting;\n\n2. Requests a report on the following:\n\n"
                "1. The first item of the list;\n\n2. The second item of the list;\n\n"
                "3. Invites Member States to cooperate;\n\n4. Decides to remain seized of the "
                "matter.\n")
    paras = {r.number: r.text for r in recs if r.kind == "paragraph"}
    assert paras["2"] == ("Requests a report on the following: 1. The first item of the list; "
                          "2. The second item of the list;")
    assert paras["3"] == "Invites Member States to cooperate;" and "4" in paras
    # a list without a colon before it is a list still, when its items read as items
    recs = _run("1. Decides to hold a meeting;\n\n2. Requests a report on these elements\n\n"
                "1. The first element of the report;\n\n2. The second element;\n\n"
                "3. Invites Member States to cooperate;\n")
    assert [r.number for r in recs if r.kind == "paragraph"][-1] == "3"
    assert not any(r.part.startswith("sect.") for r in recs)


def test_a_restart_keeps_its_preamble_and_a_lone_restarted_paragraph_is_its_own():
    recs = _run("1. Decides to hold a meeting;\n\n2. Requests a report;\n\n"
                "Recalling further its resolution 77/2,\n\n1. Welcomes the second run;\n\n"
                "2. Encourages further work;\n")
    cited = [r.citation.split(", ", 1)[1] for r in recs]
    assert cited[-3:] == ["sect. 2, PP1", "sect. 2, para. 1", "sect. 2, para. 2"]
    assert numbering_breaks(recs) == ["the numbering starts again at para. 1 after sect. 1, "
                                      "para. 2 with no heading between (read as sect. 2)"]
    lone = _run("1. Decides to hold a meeting;\n\n2. Requests a report;\n\n"
                "1. Welcomes the lone restarted paragraph.\n")
    assert [r.citation.split(", ", 1)[1] for r in lone][-1] == "sect. 2, para. 1"


def test_an_unnumbered_operative_paragraph_is_no_heading():
    """"Also decides that the following shall apply" (no colon) between two runs was read as the
    second run's heading, and its words were in no record."""
    recs = _run("1. Decides to hold a meeting;\n\n2. Requests a report;\n\n"
                "Also decides that the following shall apply\n\n1. Welcomes the second run;\n\n"
                "2. Encourages further work;\n")
    assert any(r.text == "Also decides that the following shall apply" for r in recs)


def test_an_annex_line_stands_alone_in_a_text_written_a_paragraph_a_line():
    """One line a paragraph, no blank lines: "Annex" and the annex's title were read into the
    paragraph before, and the annex's paragraphs cited as a second section."""
    long = "seized of the matter, which it shall keep under review at each of its sessions"
    text = (HEAD.replace("\n\n", "\n") + f"1. Adopts the declaration annexed to the present "
            f"resolution, which it shall keep under review at each of its sessions;\n"
            f"2. Decides to remain {long}.\nAnnex\nTest Declaration\n"
            f"1. We the Heads of State and Government commit to {long};\n"
            f"2. We further commit to review progress, {long}.\n")
    recs = records(text)
    cited = [r.citation.split(", ", 1)[1] for r in recs if r.kind == "paragraph"]
    assert cited == ["resolution, para. 1", "resolution, para. 2", "annex, para. 1",
                     "annex, para. 2"], cited
    assert next(r for r in recs if r.citation.endswith("resolution, para. 2")).text.endswith(
        "sessions.")
