"""What a block of body text is, by its words alone: a heading, the rest of a paragraph, a chapeau
(pure; used by ``body`` on blocks and ``pdf_layout`` on printed lines)."""

from __future__ import annotations

import re

from .text_patterns import GOAL_HEADING_RE, OBJECTIVE_HEADING_RE, ROUND_TABLE_RE, SUPERSCRIPTS

# The words a resolution's paragraphs open with: preambular ("Recalling", "Having considered")
# and operative ("Approves", "Also requests"). A line opening with one after a title starts a
# paragraph.
# (the participles of the Assembly's calls, condemnations and praise too: "Deploring",
# "Strongly condemning", "Calling upon", "Seriously concerned"; never a title's gerund, as
# "Financing of ..." or "Strengthening ..." are)
_PP_WORDS = (
    r"Recalling|Reaffirming|Recognizing|Noting|"
    r"Welcoming|Acknowledging|Emphasizing|Stressing|Underlining|Underscoring|Bearing in mind|"
    r"Mindful|Convinced|Concerned|Taking|Having|Sharing|Renewing|Recommitting|Re-emphasizing|"
    r"Reasserting|Rejecting|Denouncing|Appealing|Pointing out|Reminding|Viewing|Remaining|"
    r"Gratified|Satisfied|Dismayed|Appalled|Outraged|Shocked|Saddened|Troubled|"
    r"Expressing|Determined|Guided|Aware|Conscious|Considering|Affirming|Reiterating|Alarmed|"
    r"Encouraged|Appreciating|Highlighting|Deploring|Condemning|Commending|Urging|"
    r"Calling (?:upon|on|for)|Encouraging|Inviting|Requesting|Aiming|Honouring|Regretting|"
    r"Desiring|Believing|Keeping in mind|Paying tribute|Looking forward|Cognizant|Disturbed|"
    r"Observing|Realizing|Seeking|Wishing|Declaring|Endorsing|Resolved|Committed")
PP_OPENER_RE = re.compile(
    r"^(?:(?:Also|Further|Again|Once again|Strongly|Firmly|Deeply|Seriously|Gravely|Fully"
    rf"|Profoundly|Particularly|Equally)\s+(?i:{_PP_WORDS})|(?:{_PP_WORDS}))\b"
)
_OP_WORDS = (
    r"Approves|Notes|Takes note"
    r"|Decides|Requests|Recalls|Reaffirms|Reiterates|Welcomes|Encourages|Invites|Urges|Calls upon"
    r"|Calls on|Endorses|Authorizes|Appropriates|Emphasizes|Stresses|Expresses|Acknowledges"
    r"|Recognizes|Affirms|Commends|Appeals|Adopts|Underlines|Underscores|Highlights|Condemns"
    r"|Deplores|Demands|Supports|Appreciates|Agrees|Establishes|Proclaims|Designates|Accepts"
    r"|Confirms")
# the verb capitalised, or in lower case after an adverb ("Also decides that ...")
OPERATIVE_OPENER_RE = re.compile(
    r"^(?:(?:Also|Further|Again|Once again|Strongly|Firmly)\s+(?i:" + _OP_WORDS + r")"
    r"|(?:" + _OP_WORDS + r"))\b"
)


def opens_paragraph(text: str) -> bool:
    """Does ``text`` open with a resolution's paragraph verb ("Recalling", "Approves")?"""
    return bool(PP_OPENER_RE.match(text) or OPERATIVE_OPENER_RE.match(text))


def is_heading(text: str) -> bool:
    """A short title-like line: no sentence end (except ``II.``-style numbered headings)."""
    if (len(text) > 200 or text[:1].islower() or PP_OPENER_RE.match(text)
            or OPERATIVE_OPENER_RE.match(text)):
        # "Having received the report ... for 2022" lacks only its comma; "Also decides that
        # the following shall apply" its colon: paragraphs, not headings
        return False
    if any(rx.match(text) for rx in (ROUND_TABLE_RE, OBJECTIVE_HEADING_RE, GOAL_HEADING_RE)):
        return True
    stripped = text.rstrip(SUPERSCRIPTS + "*0123456789")
    lettered = re.match(r"^[IVXA-H]+\.\s", text)  # "II. Implementation of ...", "A. Objective"
    if stripped.endswith((".", ";", ",", ":")) and not lettered:
        return False
    return len(stripped.split()) <= (30 if lettered else 20)


def titles_next_paragraph(text: str) -> bool:
    """A block printed just before a numbered paragraph is a heading when it reads as a title:
    capitalised, no sentence end anywhere, at most 40 words ("Budget estimates for the period
    from 1 July 2024 to 30 June 2025"; "Financing of the support account for peacekeeping
    operations for the financial periods from ... and from ...")."""
    t = text.rstrip(SUPERSCRIPTS + "* ")
    return (
        t[:1].isupper()
        and not t.endswith((".", ";", ",", ":", "!", "?"))
        and not re.search(r"[.;:!?][”’\"')]*\s+\S", t)
        and len(t.split()) <= 40
        and not opens_paragraph(t)
    )


def heading_level(text: str) -> int:
    if ROUND_TABLE_RE.match(text) or OBJECTIVE_HEADING_RE.match(text) or re.match(r"^[A-H]\.\s",
                                                                                  text):
        return 2
    if re.match(r"^\d+\.\s", text):
        return 3
    return 1


def ends_open(text: str) -> bool:
    """A paragraph whose text does not end a sentence continues on the next page."""
    t = text.rstrip(SUPERSCRIPTS + "*” ’\"')")
    return not t.endswith((".", ";", ":", "!", "?"))


def ends_chapeau(text: str) -> bool:
    return text.rstrip(SUPERSCRIPTS + "* ").endswith(":")
