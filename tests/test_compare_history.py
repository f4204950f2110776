"""``compare`` says where the closest paragraph's language was first agreed when an older text
holds it: the shipped draft's para. 3 was "100% agreed" citing A/RES/76/266 (2022) alone, though
the Compact (2018) and A/RES/73/326 (2019) hold its guiding principles, as a search says."""

from __future__ import annotations

import pytest
from real_library import real_library, skip_without_real


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return real_library(lambda: tmp_path_factory.mktemp("real-library"))


@skip_without_real
def test_the_closest_paragraphs_older_language_is_said(lib, capsys):
    from precedent.search.compare import compare_text
    from precedent.ui.cmd_compare import print_compare_plain

    para = lib.get("a-res-76-266:annex:3")
    result = compare_text(lib, f"3. {para.text}")
    p = result.paragraphs[0]
    assert p.percent == 100 and p.best.record.id == para.id
    prov = lib.provenance(para.id)
    assert prov.first.record.doc_id == "a-res-73-195"
    assert p.history == f"{para.citation}: {prov.sentence()}"
    assert p.history.startswith("A/RES/76/266, annex, para. 3: first agreed in A/RES/73/195, "
                                "annex, para. 15 (in part, 2018")
    assert p.to_dict()["history"] == p.history
    print_compare_plain(result)
    assert f"  history: {p.history}\n" in capsys.readouterr().out
    # the draft compared is no text its language stands in: the shipped draft compared with
    # itself names "Progress Declaration 2026" in no history
    from real_library import REAL

    from precedent.search.compare import compare_file

    result = compare_file(lib, REAL.parent / "corpus" / "imrf-2026-progress-declaration-draft.txt")
    histories = [q.history for q in result.paragraphs if q.history]
    assert len(histories) >= 15
    assert not any("Progress Declaration 2026" in h for h in histories)


@skip_without_real
def test_a_paragraph_first_agreed_where_it_stands_has_no_history(lib):
    from precedent.search.compare import compare_text

    para = lib.get("a-res-73-195:annex:29")
    prov = lib.provenance(para.id)
    assert prov is None or (prov.first.record.id == para.id and not prov.older_parts)
    assert compare_text(lib, f"29. {para.text}").paragraphs[0].history == ""
