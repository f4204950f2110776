"""Concern is concern however strongly it is put: "Noting with great concern" (A/RES/78/138,
PP24) was read as a recognition beside "Noting with concern" (PP19 of the same resolution)."""

import pytest

from precedent.ingest.classify import categorize, list_category, participle_led, sentence_category


@pytest.mark.parametrize("sentence", [
    "Noting with concern that most developing countries have not been able to",
    "Noting with great concern the severe negative impact on human health",
    "Taking note with particular concern of the situation",
    "Expressing serious concern at the continued loss of life",
    "Expresses its utmost concern at the rise in xenophobia",
    "We note with great concern the rise in hate speech",
])
def test_concern_put_strongly_is_still_concern(sentence):
    assert sentence_category(sentence) == "concern"


def test_noting_without_concern_stays_a_recognition():
    assert sentence_category("Noting the outcome of the fifteenth session") == "recognition"


@pytest.mark.parametrize("sentence, category", [
    ("Also requests the Secretary-General to report to the General Assembly", "request"),
    ("Further decides to include in the provisional agenda the item", "decision"),
    ("Strongly condemns any manipulation of election processes", "concern"),
    ("Calls for the full and effective implementation of the Programme", "encouragement"),
    ("Reiterates its request to the Secretary-General to continue", "request"),
    ("Reiterates its call upon all States to sign the Treaty", "encouragement"),
    ("Reiterates the commitment to support the efforts", "commitment"),
    ("Reiterates the importance of effective participation", "reaffirmation"),
    ("Once again urges Member States to adhere", "encouragement"),
    ("Appropriates the amount of 1,000 dollars", "decision"),
    ("Deeply concerned that the occupying Power has not withdrawn", "concern"),
    ("Reiterating its conviction of the need for eradication", "reaffirmation"),
    ("Also welcomes the leadership of athletes", "recognition"),
    ("We remain committed to a vision for social development", "commitment"),
    ("Determines once more that the occupation is an obstacle", "decision"),
    # the verbs of the 24 paragraphs of the 90 documents that had no category (all read)
    ("Encouraging Member States to advance innovative pathways", "encouragement"),
    ("Calling upon the international community and all stakeholders to support", "encouragement"),
    ("Urging Member States to address gender-based violence", "encouragement"),
    ("Calls, in particular, for the continuation of the efforts", "encouragement"),
    ("Recommitting to strengthening the capacities of revenue administrations", "commitment"),
    ("We declare our firm resolve to act urgently and collectively", "commitment"),
    ("Confirming the primary responsibility of States to respect", "reaffirmation"),
    ("Confirms that the second Meeting of States Parties will be held", "decision"),
    ("Praising the Government of Japan for conducting the Congress", "recognition"),
    ("Sharing the conviction that social development and social justice", "recognition"),
    ("Trusts that the Secretary-General will ensure that all resource", "recognition"),
    # concern however strongly, and by whichever verb, it is put
    ("Expresses strong concern regarding the use of anti-personnel mines", "concern"),
    ("Expressing gravest concerns about the humanitarian impacts", "concern"),
    ("Noting with profound concern the findings of the Panel", "concern"),
    ("Recognizes with deep concern the overall rise in instances", "concern"),
    ("Reaffirming its deep concern at the high human cost", "concern"),
    ("Reiterating its concern regarding military use of the plant", "concern"),
    ("Sharing deep concern at the catastrophic humanitarian consequences", "concern"),
    ("Remaining deeply concerned that hunger is rising", "concern"),
    ("Noting with deep regret that mines continue to be used", "concern"),
    ("Reaffirming its resolution 1514 (XV)", "reaffirmation"),
    ("Expresses its appreciation to the Secretary-General", "recognition"),
    # a declaration's own calls, as the Assembly's "Calls for"
    ("We call for closer coordination between the Office and country teams", "encouragement"),
    ("We further call for effective partnerships among the public sector", "encouragement"),
])
def test_resolution_verbs_after_an_adverb_and_those_missing_before(sentence, category):
    assert sentence_category(sentence) == category


@pytest.mark.parametrize("text, also", [
    ("Also welcomes the States that have become Parties to the Rome Statute, and calls upon all "
     "States that are not yet Parties to consider ratifying it;", "encouragement"),
    ("Takes note of the report, and urges Member States to contribute to the Fund;",
     "encouragement"),
    ("Welcomes the work of the Committee, and decides to include the item in the agenda;",
     "decision"),
    ("We welcome the progress made, and call upon all stakeholders to do more.", "encouragement"),
])
def test_a_call_or_decision_in_a_coordinated_clause_is_among_the_categories(text, also):
    """The opening verb gives the category; a call, request or decision the Assembly makes in a
    clause after it ("..., and calls upon all States ...") is among the paragraph's categories,
    so a question asking what was called for or decided finds it."""
    category, categories = categorize(text)
    assert category in ("recognition", "reaffirmation")
    assert also in categories


@pytest.mark.parametrize("chapeau, category", [
    ("We recognize migration as a driver of inclusive growth. In this regard, we commit to:",
     "commitment"),
    ("We reaffirm the right to education and that access to it is a cornerstone, and commit to:",
     "commitment"),
    ("We remain deeply concerned that one third of the world's population remains food-insecure."
     " In this regard, we commit to:", "commitment"),
    ("To realize this commitment, we will draw from the following actions:", "commitment"),
    ("Urges Member States to mainstream the needs of older persons by, inter alia:",
     "encouragement"),
    ("Also welcomes the report, and requests the Secretary-General to include:", "request"),
    ("Decides that the forum shall consider the following:", "decision"),
])
def test_the_verb_introducing_lettered_items_is_their_category(chapeau, category):
    assert list_category(chapeau) == category


def test_an_item_opening_with_a_participle_goes_on_its_chapeau():
    assert participle_led("Recognizing that persons with disabilities continue to be excluded;")
    assert participle_led("Considering the adoption of national legislation;")
    assert not participle_led("We recognize that persons with disabilities are excluded;")
    assert not participle_led("Requests the Secretary-General to report;")
    assert not participle_led("Achieving universal health coverage;")


@pytest.mark.parametrize("text, category", [
    # an audit: A/RES/78/330 para. 67 was a reaffirmation, and `--category request` left it out
    ("Reiterates with concern its request that the Secretary-General ensure the simultaneous "
     "distribution of documents", "request"),
    ("Reiterates with concern that the distribution of documents", "concern"),
    # A/RES/80/9, annex, paras. 8 and 24, and A/RES/80/5, annex, para. 43: a declaration's
    # "We reiterate" was read by a later verb ("welcome", "decide") or not at all
    ("We reiterate our strong condemnation of trafficking in persons", "concern"),
    ("We reiterate the need for improved data collection and analysis", "reaffirmation"),
    ("We reiterate our commitment to the full implementation of the social development "
     "agenda. In this regard we decide to:", "commitment"),
])
def test_reiterate_is_read_by_what_is_reiterated(text, category):
    assert categorize(text)[0] == category


@pytest.mark.parametrize("text, also", [
    # an audit of 400 records: a request or call in a later clause without "and", or after "in
    # this regard", was not among the categories, so `--category request` missed it
    ("Notes the report of the Committee, requests the host country to continue to take all "
     "measures;", "request"),  # A/RES/78/116 para. 2
    ("Stresses the importance of the full participation of women, and in this regard requests "
     "the Secretary-General to continue;", "request"),  # A/RES/78/120 para. 68
    ("Recognizes the role of cooperation, and to this end urges all States to implement;",
     "encouragement"),  # A/RES/78/48 para. 9
    ("Recalls paragraph 24 of the report, stresses the importance of the Office, decides to "
     "review its structure;", "decision"),  # A/RES/78/253 sect. XII para. 12
])
def test_an_act_in_a_later_clause_without_and_is_among_the_categories(text, also):
    category, categories = categorize(text, operative=True)
    assert category in ("recognition", "reaffirmation")
    assert also in categories


def test_a_declaration_opening_with_its_authors_takes_the_verbs_after_them():
    # A/RES/73/195 para. 1 and A/RES/76/266 para. 1 ("We, the Heads of State ..., meeting in
    # ..., have adopted"), A/RES/80/9 annex para. 1: "other", with no category
    assert categorize("We, the Heads of State and Government and High Representatives, meeting "
                      "in Morocco on 10 and 11 December 2018, reaffirming the New York "
                      "Declaration and determined to make an important contribution, have "
                      "adopted this Global Compact:") == ("decision", ("decision",))
    assert categorize("We, the States Members of the United Nations, welcome the fifteenth "
                      "anniversary of the Plan, reaffirm our commitments made therein, and evince "
                      "our strong political will.") == ("recognition", ("recognition",
                                                                        "commitment"))
    # met and gathered are no verbs of the categories: no category is claimed
    assert categorize("We, the Heads of State and Government, met in Awaza from 5 to 8 August "
                      "2025 at the Third Conference.") == ("other", ())


@pytest.mark.parametrize("text, category", [
    ("For follow-up and review, we agree on intergovernmental measures", "decision"),
    ("We agree that this Global Compact is based on a set of guiding principles:", "other"),
    ("Expresses its commitment to raising public awareness to promote the eradication of "
     "poverty", "commitment"),  # A/RES/78/165 para. 18 was a recognition
    ("We express our strong commitment to the Agenda", "commitment"),
])
def test_agreeing_and_expressing_a_commitment(text, category):
    assert categorize(text)[0] == category


def test_an_operative_paragraph_opening_with_a_participle_clause_takes_its_verb():
    # A/RES/78/111 para. 6 (a) invites; it was a reaffirmation
    text = ("Bearing in mind paragraph 5 (b) of its resolution 77/109 of 7 December 2022, invites "
            "Member States to focus their comments during the thematic debate")
    assert categorize(text, operative=True)[0] == "encouragement"
    # a preambular paragraph's verb after a comma is a relative clause's (A/RES/78/130 PP2)
    pp = ("Reaffirming also its resolution 69/313 of 27 July 2015 on the Addis Ababa Action "
          "Agenda, which is an integral part of the 2030 Agenda, supports and complements it")
    assert categorize(pp)[0] == "reaffirmation"
