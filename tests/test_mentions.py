"""Documents a question names, read from the library's titles (issue 18, item 4)."""

from __future__ import annotations

from precedent.search.documents import DocumentCard
from precedent.search.mentions import TitleIndex


def _card(doc_id, title, short, date, symbol="", status="adopted"):
    return DocumentCard(doc_id=doc_id, symbol=symbol, title=title, short_title=short, date=date,
                        status=status)


CARDS = {c.doc_id: c for c in (
    _card("gcm", "Global Compact for Safe, Orderly and Regular Migration", "Global Compact",
          "2018-12-19"),
    _card("imrf", "Format and organizational aspects of the international migration review forums",
          "IMRF modalities resolution", "2019-07-19"),
    _card("doha", "Doha Political Declaration of the World Social Summit under the title the "
                  "Second World Summit for Social Development", "Doha Political Declaration 2025",
          "2025-11-04"),
    _card("doha-draft", "Doha Political Declaration of the World Social Summit under the title "
                        "the Second World Summit for Social Development",
          "Doha Political Declaration 2025", "", status="draft"),
    _card("tip", "2025 Political Declaration on the Implementation of the United Nations Global "
                 "Plan of Action to Combat Trafficking in Persons", "2025 Political Declaration",
          "2025-11-24"),
    _card("olympic", "Building a peaceful and better world through sport and the Olympic ideal",
          "Olympic ideal", "2025-11-19"),
)}


# a report's resolution, named by its title, and another
LANTERN_AGENCY = {
    "A/RES/99/7": ("Report of the International Lantern Agency",
                   ["Takes note of the report of the International Lantern Agency.",
                    "Urges Member States to support the work of the Agency."]),
    "A/RES/99/8": ("Question of wells", ["Requests Member States to report on their wells and "
                                         "to support the work of diggers."])}


def add_resolutions(lib, folder, docs: dict) -> None:
    """Add to ``lib`` one text file per resolution: symbol -> (title, operative paragraphs)."""
    for symbol, (title, paras) in docs.items():
        body = "\n\n".join(f"{i}. {p}" for i, p in enumerate(paras, start=1))
        path = folder / f"{symbol.replace('/', '_')}.txt"
        path.write_text(f"{symbol}\n\n{title}\n\nThe General Assembly,\n\n{body}\n",
                        encoding="utf-8")
        lib.add(path)


def test_a_run_of_title_words_names_the_document_and_its_draft():
    titles = TitleIndex(CARDS)
    m = titles.mention("universal health coverage in the Doha Political Declaration")
    assert m.doc_ids == {"doha", "doha-draft"} and set(m.words) >= {"doha", "polit", "declar"}
    m = titles.mention("the role of UNODC under the 2025 trafficking declaration")
    assert m.doc_ids == {"tip"}
    m = titles.mention("at the Second World Summit for Social Development on gender equality")
    assert m.doc_ids == {"doha", "doha-draft"}


def test_one_word_names_a_document_only_when_no_other_title_and_few_paragraphs_hold_it():
    titles = TitleIndex(CARDS)
    assert titles.mention("round tables of the IMRF",
                          rare=lambda t: t == "imrf").doc_ids == {"imrf"}
    # a word many paragraphs use names nothing
    assert titles.mention("round tables of the IMRF") is None
    assert titles.mention("can sports help stop wars", rare=lambda t: False) is None


def test_words_that_name_no_document():
    titles = TitleIndex(CARDS)
    assert titles.mention("child detention") is None
    assert titles.mention("What did States commit to on alternatives to detention?") is None


def test_words_most_documents_use_name_none_of_them():
    """"General Assembly" stands in two titles of 90 (the credentials report, a special session)
    and in the text of nearly every resolution: "What did the General Assembly ask ... to do?"
    names no document. A run naming one needs a word at most half the documents use."""
    cards = {**CARDS, "cred": _card("cred", "Credentials of representatives to the seventy-eighth "
                                    "session of the General Assembly", "Credentials", "2023-12-19")}
    titles = TitleIndex(cards)
    question = "What did the General Assembly ask the administering Power to do?"
    assert titles.mention(question).doc_ids == {"cred"}  # every word counted as rare
    used_by_most = {"general", "assembl"}
    assert titles.mention(question, common=lambda t: t in used_by_most) is None
    # a run with one word few documents use still names its document
    m = titles.mention("trafficking in the 2025 Political Declaration",
                       common=lambda t: t in {"polit", "declar", "2025"})
    assert m.doc_ids == {"tip"}


def test_the_library_reads_how_many_documents_use_a_word(fake_lib, tmp_path):
    """Wired through the library: the share of documents whose paragraphs hold a word."""
    from precedent.search.query import parse_query

    texts = {"A/RES/99/1": ("Credentials of representatives to the session of the General "
                            "Assembly", "Approves the report of the General Assembly."),
             "A/RES/99/2": ("Question of Lanternia", "Requests the General Assembly to light "
                            "lanterns in every harbour of Lanternia."),
             "A/RES/99/3": ("Question of wells", "Invites the General Assembly to dig wells."),
             "A/RES/99/4": ("Reducing harbour danger", "Notes the danger that storms pose to "
                            "the harbours of the General Assembly.")}
    for symbol, (title, body) in texts.items():
        path = tmp_path / f"{symbol.replace('/', '_')}.txt"
        path.write_text(f"{symbol}\n\n{title}\n\nThe General Assembly,\n\n1. {body}\n",
                        encoding="utf-8")
        fake_lib.add(path)
    snapshot = fake_lib.view
    assert snapshot.doc_share("assembl") == 1.0 and snapshot.doc_share("lanternia") == 0.2
    assert fake_lib._mention(snapshot, parse_query(
        "What did the General Assembly ask the administering Power to do?")) is None
    # one word names a document when it is a name: the texts write it capitalised, even if the
    # question does not; an ordinary word of a title ("danger") names nothing
    named = fake_lib._mention(snapshot, parse_query("what about lanternia?"))
    assert named is not None and named.doc_ids == {"a-res-99-2"}
    assert fake_lib._mention(snapshot, parse_query("ships sailing in dangerous waters")) is None
    assert fake_lib._mention(snapshot, parse_query("ships in Danger")) is not None


def test_a_question_naming_a_document_by_its_title_and_nothing_else_is_about_it():
    """Most of a title and nothing else ('What does the resolution on the 2025 Political
    Declaration ... say?') asks about the document; a topic beside the name, or a few title
    words that may name another thing ('Political Declaration'), does not."""
    from precedent.search.mentions import about_it

    titles = TitleIndex(CARDS)
    never = lambda t: False  # noqa: E731
    asked = ("What does the resolution on the 2025 Political Declaration on the Implementation "
             "of the United Nations Global Plan of Action to Combat Trafficking in Persons say?")
    m = titles.mention(asked)
    assert m.doc_ids == {"tip"} and about_it(asked, m, titles, never)
    topic = ("What does the 2025 Political Declaration on the Implementation of the United "
             "Nations Global Plan of Action to Combat Trafficking in Persons say about organ "
             "removal?")
    assert not about_it(topic, titles.mention(topic), titles, never)
    few = "What does the Political Declaration on Trafficking say?"
    assert not about_it(few, titles.mention(few), titles, never)


def test_the_named_document_comes_first_and_its_paragraphs_keep_their_own_relevance(fake_lib,
                                                                                   tmp_path):
    add_resolutions(fake_lib, tmp_path, LANTERN_AGENCY)
    answer = fake_lib.search("What did the General Assembly ask Member States to do in its "
                             "resolution on the report of the International Lantern Agency?")
    firsts = [h.record.doc_id for h in answer.hits[:2]]
    assert firsts == ["a-res-99-7", "a-res-99-7"], firsts
    scores = [e.score for e in answer.entries]
    assert scores == sorted(scores, reverse=True)  # the order is the scores' order
    # relevance as without the document's lift: never above what the plain score earns
    from precedent.search.ranking import score_relevance
    for h in answer.hits:
        lifted = h.record.doc_id == "a-res-99-7"
        plain = h.score - (1.0 - fake_lib.mention_bonus if lifted else 0.0)
        assert h.relevance in ("weak", "fair", "strong")
        assert ("weak", "fair", "strong").index(h.relevance) <= \
            ("weak", "fair", "strong").index(score_relevance(plain, answer.low_confidence))


def test_the_year_a_question_gives_picks_among_documents_of_one_title():
    """The report of the same agency is taken note of every year: 'the 2023 resolution on the
    report of the International Atomic Energy Agency' names the 2023 one (and an undated draft,
    of no other year), not the 2025 one."""
    cards = {c.doc_id: c for c in (
        _card("iaea-2023", "Report of the International Atomic Energy Agency", "", "2023-11-01"),
        _card("iaea-2025", "Report of the International Atomic Energy Agency", "", "2025-11-03"),
        _card("iaea-draft", "Report of the International Atomic Energy Agency", "", "",
              status="draft"),
        *CARDS.values(),
        *(_card(f"other-{i}", f"Question of island number {i}", "", "2023-12-01")
          for i in range(4)))}
    titles = TitleIndex(cards)
    m = titles.mention("What does the 2023 resolution on the report of the International Atomic "
                       "Energy Agency say?")
    assert m.doc_ids == {"iaea-2023", "iaea-draft"}
    m = titles.mention("the report of the International Atomic Energy Agency")
    assert m.doc_ids == {"iaea-2023", "iaea-2025", "iaea-draft"}
    # a year no document of that title has changes nothing
    m = titles.mention("the 2019 report of the International Atomic Energy Agency")
    assert m.doc_ids == {"iaea-2023", "iaea-2025", "iaea-draft"}


def test_words_most_documents_use_still_name_a_document_by_its_whole_short_name():
    """In a library of resolutions that all speak of progress, declarations and 2022, "the 2022
    Progress Declaration" still names the one whose short name it is, not its 2026 successor
    (its short name lacks 2022); "General Assembly" still names nothing."""
    cards = {**CARDS,
             "pd22": _card("pd22", "Progress Declaration of the International Migration Review "
                           "Forum", "Progress Declaration 2022", "2022-06-07"),
             "pd26": _card("pd26", "Progress Declaration of the International Migration Review "
                           "Forum", "Progress Declaration 2026", "", status="draft"),
             "cred": _card("cred", "Credentials of representatives to the seventy-eighth session "
                           "of the General Assembly", "Credentials", "2023-12-19")}
    titles = TitleIndex(cards)
    used_by_most = {"progress", "declar", "2022", "2026", "general", "assembl"}
    common = lambda t: t in used_by_most  # noqa: E731
    m = titles.mention("What did the 2022 Progress Declaration commit States to on search and "
                       "rescue?", common=common)
    assert m is not None and m.doc_ids == {"pd22"}
    assert titles.mention("What did the General Assembly ask States to do?", common=common) is None


def test_one_ordinary_word_names_a_document_when_it_is_half_its_title():
    """'albinism' names "Persons with albinism" (half its title); 'dangerous' does not name
    "Reducing nuclear danger" (a third of it), though no other title holds either word."""
    cards = {**CARDS,
             "alb": _card("alb", "Persons with albinism", "", "2023-12-19"),
             "nuc": _card("nuc", "Reducing nuclear danger", "", "2023-12-04")}
    titles = TitleIndex(cards)
    rare = lambda t: t in {"albin", "danger"}  # noqa: E731
    m = titles.mention("why are people with albinism attacked?", rare=rare)
    assert m is not None and m.doc_ids == {"alb"}
    assert titles.mention("migrants who go missing on dangerous routes", rare=rare) is None
    assert titles.mention("the Danger of accidents", rare=rare).doc_ids == {"nuc"}  # a name
    assert titles.mention("Dangerous routes", rare=rare) is None  # any first word is capitalised


def test_a_question_naming_a_document_by_symbol_is_answered_from_that_document(fake_lib,
                                                                              tmp_path):
    """"What does A/RES/73/326 decide?" was answered at confidence 0.99 with ten paragraphs of
    other documents: a symbol is no word of any title, and no paragraph holds it."""
    docs = {"A/RES/99/7": ("Lanterns in harbours",
                           ["Decides to convene a meeting on lanterns in 2100;",
                            "Encourages Member States to light lanterns;",
                            "Decides also to review the lanterns in 2101."]),
            "A/RES/99/8": ("Question of wells", ["Decides to dig wells in every village."])}
    add_resolutions(fake_lib, tmp_path, docs)
    for question in ("What does A/RES/99/7 decide?", "What did the General Assembly decide in "
                     "resolution 99/7?"):
        answer = fake_lib.search(question, k=3)
        firsts = [h.record for h in answer.hits[:2]]
        assert {r.doc_id for r in firsts} == {"a-res-99-7"}, question
        assert {r.number for r in firsts} == {"1", "3"} and not answer.low_confidence
        assert answer.hits[0].relevance == "strong"
    # a symbol the library lacks is said to be absent, and nothing is answered confidently
    answer = fake_lib.search("What does A/RES/77/1 decide?", k=3)
    assert answer.low_confidence and answer.confidence == 0.0
    assert answer.message.startswith("A/RES/77/1 is not in this library"), answer.message
    # ... even beside a title the library holds, and nothing answers a question about it
    answer = fake_lib.search("What did A/RES/77/1 decide about lanterns in harbours?", k=3)
    assert answer.message.startswith("A/RES/77/1 is not in this library"), answer.message
    assert answer.confidence == 0.0 and all(h.role != "answer" for h in answer.hits)
    assert "ahead" not in answer.order
    # a pasted paragraph citing a resolution is searched as written, not as a question about it
    from precedent.search.query import parse_query

    pasted = "Recalling its resolution 99/7 and all its other resolutions on wells and villages,"
    named = fake_lib._mention(fake_lib.view, parse_query(pasted))
    assert named is None or not named.by_symbol


def test_a_named_documents_paragraphs_are_not_called_relevant_for_being_named(fake_lib, tmp_path):
    """For "What did the General Assembly decide about the International Migration Review
    Forum?", the Progress Declaration's human rights commitments (its title names the Forum)
    were "strong": the bonus for naming the document counted as relevance."""
    from precedent.search.query import parse_query
    from precedent.search.ranking import score_relevance

    add_resolutions(fake_lib, tmp_path, LANTERN_AGENCY)
    question = "What does the report of the International Lantern Agency say about diggers?"
    mention = fake_lib._mention(fake_lib.view, parse_query(question))
    assert mention is not None and mention.doc_ids == {"a-res-99-7"} and not mention.whole
    order = ("weak", "fair", "strong")
    fake_lib.mention_bonus = 0.6  # a bonus that alone would make any paragraph "strong"
    named = [h for h in fake_lib.search(question, k=5).hits if h.record.doc_id == "a-res-99-7"]
    assert named
    for h in named:
        earned = score_relevance(h.score - fake_lib.mention_bonus)
        assert order.index(h.relevance) <= order.index(earned), (h.record.citation, h.score)


def test_a_document_named_by_symbol_that_holds_nothing_close_is_said_to(fake_lib, tmp_path):
    """"What does A/80/L.2 say about remittances?" (a draft on the participation of the State of
    Palestine) showed the Compact's paragraphs at confidence 0.95, with no word that A/80/L.2
    holds nothing on remittances."""
    add_resolutions(fake_lib, tmp_path, LANTERN_AGENCY)
    answer = fake_lib.search("What does A/RES/99/8 say about migrant workers and remittances?",
                             k=3)
    assert answer.hits and all(h.record.doc_id != "a-res-99-8" for h in answer.hits)
    assert answer.message == ("No paragraph of A/RES/99/8 is among the closest; other documents' "
                              "paragraphs follow.")
    assert answer.low_confidence and answer.confidence == 0.0
    assert {h.relevance for h in answer.hits} == {"weak"}
    # when it holds something, its paragraph is shown first, and the others beside it are said
    answer = fake_lib.search("What does A/RES/99/8 say about wells?", k=3)
    assert answer.hits[0].record.doc_id == "a-res-99-8"
    others = any(h.record.doc_id != "a-res-99-8" for h in answer.hits)
    assert answer.message == ("Paragraphs of other documents than A/RES/99/8 are shown too; "
                              "choose A/RES/99/8 in the document filter for its own alone."
                              if others else "")


def test_the_words_that_only_ask_do_not_count_against_the_cover():
    from precedent.search.mentions import without_asking

    assert without_asking("What does say about return?") == "What does about return?"
    assert without_asking("say") == "say"


def test_a_short_name_without_its_year_names_every_document_of_that_name():
    """"What does the Progress Declaration say about football?" named no document: the short
    names are "Progress Declaration 2022" and "Progress Declaration 2026", and the question
    gives no year. Without one, it names both; with one, that year's."""
    cards = {c.doc_id: c for c in (
        _card("pd22", "Progress Declaration of the International Migration Review Forum",
              "Progress Declaration 2022", "2022-06-07"),
        _card("pd26", "Progress Declaration of the International Migration Review Forum",
              "Progress Declaration 2026", "2026-04-30", status="draft"),
        *CARDS.values())}
    titles = TitleIndex(cards)
    # in a library of 90 resolutions most documents use both words
    common = lambda t: t in {"progress", "declar"}  # noqa: E731
    m = titles.mention("What does the Progress Declaration say about football?", common=common)
    assert m is not None and m.doc_ids == {"pd22", "pd26"}
    assert titles.mention("the 2022 Progress Declaration on remittances",
                          common=common).doc_ids == {"pd22"}
