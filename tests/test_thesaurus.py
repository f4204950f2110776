"""search.thesaurus: everyday wording gets the texts' terms added to what is searched."""

from __future__ import annotations

from precedent.search.query import parse_query
from precedent.search.thesaurus import expand


def test_everyday_words_get_the_texts_terms():
    added = expand("locking up kids because their family has no papers").split()
    assert {"detention", "children", "irregular", "documentation"} <= set(added)
    assert "remittances" in expand("sending money home more cheaply").split()
    assert {"return",
            "reintegration"} <= set(expand("helping people sent back home to start over").split())


def test_the_texts_own_terms_add_nothing():
    assert expand("remittances") == ""
    # "data" is already the texts' word: no drift to "evidence"
    assert expand("disaggregated data") == ""
    assert expand("detention of children") == ""


def test_no_word_is_added_twice_or_when_present():
    added = expand("kids and minors in prisons and jails").split()
    assert len(added) == len(set(added))
    assert "detention" in added and added.count("children") == 1


def test_only_questions_are_expanded_and_quoted_phrases_stay_literal():
    q = parse_query('where is "wage theft" mentioned for bosses')
    assert q.phrases == ("wage theft",) and "employers" in q.expansion.split()
    assert q.base_text.startswith("where is") and q.retrieval_text.endswith(q.expansion)
    pasted = parse_query(" ".join(["We commit to end the detention of kids without papers in all "
                                   "cases"] * 3))
    assert pasted.expansion == ""  # a pasted paragraph speaks the texts' language already


def test_a_lay_question_finds_the_remittances_paragraph(fake_lib):
    hits = fake_lib.search("sending money home more cheaply", k=3).hits
    assert "annex:56" in [h.record.short_number for h in hits]


def test_each_stretch_of_a_question_is_read_once_by_its_longest_expression():
    """"without papers" is irregular status: its "papers" is not read again as documentation and
    legal identity (which pulled the Compact's objective 4 on identity documents above the
    paragraphs on services for migrants in an irregular situation); "fake news" is
    misinformation, not also the media. Expressions elsewhere in the question still count."""
    added = expand("Can someone without papers go to a doctor or a hospital?").split()
    assert {"irregular", "status", "health", "services"} <= set(added)
    assert "identity" not in added and "legal" not in added
    added = expand("fake news and hostility towards foreigners").split()
    assert {"misinformation", "xenophobia", "migrants"} <= set(added) and "media" not in added
    assert "media" in expand("what the news says about foreigners").split()
    # the longer of two overlapping expressions wins, whichever entry comes first in the table
    added = expand("forced labor on farms").split()
    assert "trafficking" in added and "decent" not in added
    assert "decent" in expand("labor rights").split()


def test_a_word_inside_a_capitalised_name_is_no_everyday_wording():
    """The International Atomic Energy Agency is no recruitment agency; job agencies are."""
    assert expand("the report of the International Atomic Energy Agency") == ""
    assert "recruitment" in expand("what about job agencies?").split()
    assert "children" in expand("Kids in detention").split()  # a first word is capitalised anyway


def test_words_that_are_the_texts_own_terms_for_other_things_add_no_migration_concept():
    """'poor', 'violence', 'war' and 'visa' are the texts' own words in every resolution; read as
    drivers of migration or migration pathways, they pulled questions on commodities, police
    violence or pilgrims' visas to the Compact. A flood is a disaster, not climate change.
    Leaving is still read as the drivers of migration."""
    assert expand("How can poor countries stop depending on raw goods?") == ""
    assert "drivers" not in expand("police violence against Black people").split()
    assert expand("visas for pilgrims") == ""
    assert expand("Can satellites help when an earthquake or flood hits?").split() == ["disasters"]
    assert "drivers" in expand("Why do so many people feel they have to leave their home "
                               "countries?").split()
    assert "drivers" in expand("people fleeing war").split()


def test_general_words_of_any_resolution_get_no_migration_terms():
    """'benefits', 'funding', 'days', 'review conference' are said of sport, peacebuilding,
    international days and treaties as much as of migration; the review forum is still the
    'review meeting' of a lay question."""
    assert expand("the benefits of sport for development") == ""
    assert expand("funding for peacebuilding") == ""
    assert expand("an international day against organized crime: how many days") == ""
    assert expand("the NPT review conference") == ""
    assert "Forum" in expand("how often is the review meeting held?").split()


def test_words_in_the_texts_own_sense_are_not_read_as_everyday_migration_words():
    """UN bodies are no dead bodies, a working group or working methods no labour, an illegal gun
    no irregular migrant, an enabling environment no environmental degradation, terrorist
    propaganda no misinformation about migrants; the everyday senses still are."""
    assert expand("which holidays should UN bodies avoid when scheduling meetings?") == ""
    assert expand("the Peacebuilding Commission's working methods and working group") == ""
    assert expand("can police trace an illegal gun?").split() == ["law", "enforcement"]
    assert expand("an enabling environment for civil society") == ""
    assert expand("terrorist propaganda spreading on the internet") == ""
    assert "missing" in expand("dead bodies washed up on the beach").split()
    assert "labour" in expand("migrants working on farms").split()
    assert "irregular" in expand("illegals and illegal immigrants").split()
    assert "environmental" in expand("people and environments harmed by tests").split()
    assert "misinformation" in expand("fake news about newcomers").split()


def test_the_texts_own_uses_of_a_word_found_across_the_resolutions_are_no_migration_concept():
    """Read over the 2023 resolutions, these matched the texts' own sense: 'investigations' are
    no investment, 'enforced disappearances' no missing migrants, 'the responsibility lies with'
    no lies, 'remove barriers' no return of migrants, 'specialized agencies' no recruiters."""
    assert "investment" not in expand("investigations into attacks on journalists").split()
    assert expand("the Convention on enforced disappearances") == ""
    assert expand("where the primary responsibility lies with States") == ""
    assert expand("remove barriers to trade") == ""
    assert expand("the specialized agencies and United Nations agencies") == ""
    assert "entrepreneurship" in expand("investment in start-ups").split()
    assert "missing" in expand("people who disappear at sea").split()
    assert "misinformation" in expand("lies about migrants").split()
    assert "return" in expand("removals of migrants").split()
    assert "recruitment" in expand("a job agency charged me a fee").split()


def test_lacking_papers_or_a_nationality_however_it_is_put():
    """"without legal papers", "don't have papers", "has no citizenship" are irregular status and
    statelessness as "without papers" and "no nationality" are; papers alone are documentation."""
    for q in ("can someone without legal papers see a doctor?", "I don't have papers",
              "she does not have a valid visa", "they haven't got any documents"):
        assert "irregular" in expand(q).split(), q
    assert "statelessness" in expand("children who have no citizenship").split()
    assert "irregular" not in expand("where do I get my papers?").split()
