"""The debris rules: each turns one line feature into evidence for or against debris.

A rule reads a `Line` and its `Context` and returns `Evidence` (a weight, a
note and, for positive weights, what the line would be: debris, caption or
sub-head) or None. `judge` runs `RULES` (or only `PROSE_RULES` on a long
finished sentence, or only `HTML_RULES` on text trafilatura took out of a web
page) and sums the weights; `kind_of` names what a removed line is
and `explain` writes the reason that reads the decision back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyline.clean.line_features import Context, Line, is_notice
from storyline.clean.paragraphs import ends_sentence
from storyline.clean.vocabulary import (
    BRACKETED,
    BYLINE,
    CAPTION_MAX_WORDS,
    CAPTION_OPENING,
    COPYRIGHT_OPENING,
    CREDIT_BARE,
    CREDIT_LABEL,
    CREDIT_PHOTO,
    CREDIT_SEPARATORS,
    CREDIT_TAIL,
    DATE_END,
    END_TAIL,
    LINK_MARKS,
    NOTE_MARKS,
    PAGE_LABEL,
    PHOTO_MARKS,
    POSITION_BRACKETED,
    POSITION_WORDS,
    QUOTE_END,
    STAMP_TOKEN,
    TITLE_MAX_WORDS,
    WORD_BEFORE,
)

#: Page furniture in web text is a few words: "Enlarge this image", "Share this story".
_FURNITURE_MAX_WORDS = 6
_LINK_LABEL = re.compile(r"^\W*(?i:read more|read next|more|watch|listen|see more)\s*:")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one rule found about a line."""

    weight: float  # > 0 for debris, < 0 for body
    note: str
    kind: str | None = None  # what the line is when this is its strongest evidence


# --- Rules: one feature each, its weight and why --------------------------------------


def _symbols_only(line: Line, context: Context) -> Evidence | None:
    # ":", "|", "***", a lone bullet: nothing to read.
    return Evidence(10.0, "only symbols or punctuation", "debris") if line.words == 0 else None


def _single_word(line: Line, context: Context) -> Evidence | None:
    # "Loading", "Search", "Advertisement": buttons and labels. A sentence of one word
    # ("Why?") is saved by its punctuation.
    return Evidence(2.0, "a single word", "debris") if line.words == 1 else None


def _punctuation(line: Line, context: Context) -> Evidence | None:
    # Body sentences end with . ! ? or a closing quote; labels and sub-heads do not.
    # A sentence break inside an unfinished line marks garbled prose, not a label.
    if line.words == 0:
        return None
    if line.ends_sentence:
        return Evidence(-2.0, "ends with sentence punctuation")
    if line.inner_break:
        return Evidence(-1.5, "a sentence ends inside it")
    if line.text[-1] == ":":
        return Evidence(-0.5, "ends with ':', introducing what follows")
    if line.text[-1] in ",;":
        return Evidence(0.0, f"ends with '{line.text[-1]}', unfinished")
    return Evidence(1.0, "no sentence punctuation", "heading")


def _length(line: Line, context: Context) -> Evidence | None:
    # Labels, sub-heads and captions are short; prose is long. A long unpunctuated
    # line is garbled translation, still body.
    words = line.words
    if words < 2:
        return None
    if words <= 4:
        return Evidence(1.0, f"{words} words: very short", "heading")
    if words <= 8:
        return Evidence(0.5, f"{words} words: short", "heading")
    if words <= 15:
        return Evidence(0.0, f"{words} words")
    if words < 25:
        return Evidence(-0.5, f"{words} words: sentence length")
    return Evidence(-1.5, f"{words} words: prose length")


def _capitalisation(line: Line, context: Context) -> Evidence | None:
    # Headlines, sub-heads and captions are in Title Case or are lists of names.
    share = line.capitalised
    if share is None or share < 0.5:
        return None
    return Evidence(1.0 if share >= 0.75 else 0.5, f"{share:.0%} capitalised", "heading")


def _quotation(line: Line, context: Context) -> Evidence | None:
    # Quoted speech is body even when it is short or broken over lines.
    if context.in_quotation:
        return Evidence(-2.5, "inside a quotation that closes below")
    if QUOTE_END.search(line.text[-END_TAIL:]):
        return Evidence(-0.5, "ends a quotation")
    return None


def _navigation(line: Line, context: Context) -> Evidence | None:
    # Page furniture is made of navigation words: weigh their share of the line, plus
    # a bonus for each of up to two terms that prose hardly uses ("trackback", "sign
    # in"), smaller when the line ends like a sentence, as "Sign in to comment." does.
    if not line.nav_terms:
        return None
    share = min(1.0, line.nav_words / max(1, line.words))
    weight = 4.0 * share + (0.75 if line.ends_sentence else 1.5) * min(2, line.nav_strong)
    if weight < 0.25:
        return None
    note = f"navigation words ({line.nav_words} of {line.words})"
    return Evidence(min(weight, 6.0), note, "debris")


def _marker(line: Line, context: Context) -> Evidence | None:
    # ▲ opens a photo caption; arrows open links; ※ opens an editor's note; a bullet
    # says little alone (bulleted prose stays when it reads like a sentence).
    if not line.marker:
        return None
    mark = line.marker[0]
    if mark in PHOTO_MARKS:
        return Evidence(4.0, f"starts with {mark}: caption mark", "caption")
    if mark in NOTE_MARKS:
        return Evidence(2.5, f"starts with {mark}: editor's note", "debris")
    if mark in LINK_MARKS:
        return Evidence(1.5, f"starts with {mark}: link arrow", "debris")
    return Evidence(0.5, f"starts with {mark}", "debris")


def _photo_credit(line: Line, context: Context) -> Evidence | None:
    # Captions carry a photo credit: "(Reuters file photo, Jan. 8, 2021)", "Photo: Kyodo".
    if line.words > CAPTION_MAX_WORDS:
        return None
    tail = line.text[-CREDIT_TAIL:]
    if CREDIT_PHOTO.search(tail) or _closing_credit(tail):
        # Outweighs a long caption's length and full stops: prose never ends so.
        return Evidence(5.0, "ends with a photo credit", "caption")
    if CAPTION_OPENING.match(line.text):
        return Evidence(3.0, "opens with a photo label", "caption")
    return None


def _credit(line: Line, context: Context) -> Evidence | None:
    # A photo credit, or an agency or a date in brackets closing the line.
    photo = _photo_credit(line, context)
    if photo is not None or line.words > CAPTION_MAX_WORDS:
        return photo
    tail = line.text[-CREDIT_TAIL:]
    bare = CREDIT_BARE.search(tail)
    if bare is None:
        return None
    if not ends_sentence(tail[: bare.start()].rstrip() or "."):
        return Evidence(3.0, "ends with an agency or date in brackets", "caption")
    # After a sentence, "(Yonhap)" closing the body's last paragraph credits the
    # report; with more body below it credits a picture.
    if context.last_long:
        return Evidence(0.0, "ends the body with an agency credit")
    return Evidence(3.0, "a sentence credited to an agency, with body below", "caption")


def _closing_credit(text: str) -> bool:
    """ "... Photo: Kyodo", "REUTERS/Kim Kyung-Hoon", "AFP via Getty Images" at the end."""
    end = text.rstrip(" )]")
    if end.endswith("Getty Images"):
        return True
    at = max(end.rfind(separator) for separator in CREDIT_SEPARATORS)
    credit = end[at + 1 :]
    if at <= 0 or len(credit) > 60 or any(mark in credit for mark in ".!?"):
        return False
    label = WORD_BEFORE.search(end, max(0, at - 20), len(end[:at].rstrip()))
    return label is not None and CREDIT_LABEL.fullmatch(label.group(0)) is not None


def _picture_position(line: Line, context: Context) -> Evidence | None:
    # "(L)", "(2nd from R)", "Blinken, left, and": captions say who stands where.
    if line.words > CAPTION_MAX_WORDS:
        return None
    text = line.text
    if POSITION_BRACKETED.search(text) or (
        ("left" in text or "right" in text or "cent" in text) and POSITION_WORDS.search(text)
    ):
        return Evidence(2.0, "says who is where in a picture", "caption")
    return None


def _after_caption(line: Line, context: Context) -> Evidence | None:
    # A short unfinished line under a caption or an "Enlarge image" button is the caption.
    if context.after_caption and line.words <= 15 and not line.ends_sentence:
        return Evidence(2.0, "follows a photo caption", "caption")
    return None


def _ends_with_date(line: Line, context: Context) -> Evidence | None:
    # "... 2+2 Talks in Tokyo on March 16, 2021": captions end with when the photo was taken.
    if line.ends_sentence or line.words > TITLE_MAX_WORDS:
        return None
    if DATE_END.search(line.text[-CREDIT_TAIL:]):
        return Evidence(0.75, "ends with a date", "caption")
    return None


def _copyright(line: Line, context: Context) -> Evidence | None:
    # A copyright notice reads like prose ("This material may not be published.")
    # but opens with the sign or states the reserved rights.
    text = line.text
    if line.words > 40:
        return None
    if COPYRIGHT_OPENING.match(text) or "rights reserved" in text.lower():
        return Evidence(3.0, "a copyright notice", "debris")
    return None


def _notice(line: Line, context: Context) -> Evidence | None:
    # "This copy is for your personal, non-commercial use only", "We use cookies ...",
    # "Subscribe to continue reading": the page talking about itself, however finished.
    if is_notice(line.text):
        return Evidence(
            5.0, "a notice about the page (reprints, cookies, paywall, scripts)", "debris"
        )
    return None


def _furniture(line: Line, context: Context) -> Evidence | None:
    # "Newsletter", "Enlarge this image", "Share Tweet Email": a short unfinished line
    # of navigation terms, one of which prose hardly uses, or of nothing but several
    # of them. A lone weak term ("Download", "Video") may be a body line; the words
    # of a web address ("/articles/", "/comments/") are a reference, not a menu.
    if line.words == 0 or line.words > _FURNITURE_MAX_WORDS or line.ends_sentence:
        return None
    if "://" in line.text or "=" in line.text:
        return None  # a reference or a line of code
    if (line.nav_strong and 2 * line.nav_words >= line.words) or (
        line.nav_terms >= 2 and line.nav_words >= line.words
    ):
        return Evidence(3.0, f"navigation words ({line.nav_words} of {line.words})", "debris")
    return None


def _link_label(line: Line, context: Context) -> Evidence | None:
    # "Read more: What Tokyo's new strategy changes": a link to another report.
    if line.words <= 20 and (PAGE_LABEL.match(line.text) or _LINK_LABEL.match(line.text)):
        return Evidence(2.0, "a page label", "debris")
    return None


def _caption_mark(line: Line, context: Context) -> Evidence | None:
    # ▲ opens a photo caption in Korean and Japanese papers.
    if line.marker and line.marker[0] in PHOTO_MARKS:
        return Evidence(4.0, f"starts with {line.marker[0]}: caption mark", "caption")
    return None


def _bracketed(line: Line, context: Context) -> Evidence | None:
    # "[Seoul Economic Daily]", "<Exclusive>": section and site labels in brackets.
    if line.words <= 12 and BRACKETED.match(line.text):
        return Evidence(2.0, "a label in brackets", "debris")
    return None


def _listed(line: Line, context: Context) -> Evidence | None:
    # Under "Related articles" or "Most read" come headlines of other reports, which
    # may end in a quote or a question mark; a body paragraph is longer or ends in a
    # full stop.
    if context.in_link_list and line.words <= 20 and not line.ends_with_period:
        return Evidence(2.0, "listed under a navigation header", "debris")
    return None


def _label(line: Line, context: Context) -> Evidence | None:
    # "Tags: Japan, US", "Related: ...", "Source: Kyodo": a page label before a colon.
    if line.words <= 20 and PAGE_LABEL.match(line.text):
        return Evidence(2.0, "a page label", "debris")
    return None


def _byline(line: Line, context: Context) -> Evidence | None:
    # "By Kim Tong-hyung, AP": a short list of names after "By", not a sentence.
    if (
        line.words <= 10
        and not line.ends_with_period
        and (line.capitalised or 0.0) >= 0.6
        and BYLINE.match(line.text)
    ):
        return Evidence(3.0, "a byline", "debris")
    return None


def _date_stamp(line: Line, context: Context) -> Evidence | None:
    # "Updated: March 16, 2021 10:32 JST": made of dates and times only.
    if line.words > 12 or line.ends_with_period:
        return None
    stripped = [token.strip("|,():[]") for token in line.tokens]
    dated = [token for token in stripped if token and STAMP_TOKEN.match(token)]
    if 4 * len(dated) >= 3 * max(1, line.words) and any(t[0].isdigit() for t in dated):
        return Evidence(3.0, "a date/time stamp", "debris")
    return None


def _separators(line: Line, context: Context) -> Evidence | None:
    # "Home > World > Asia", "News | Politics | Sport": menus and breadcrumbs.
    if line.separators >= 2:
        return Evidence(2.0, f"{line.separators} menu separators", "debris")
    if line.separators == 1 and line.words <= 4 and not line.ends_sentence:
        return Evidence(1.0, "a menu separator", "debris")
    return None


Rule = Callable[[Line, Context], Evidence | None]
RULES: tuple[Rule, ...] = (
    _symbols_only,
    _single_word,
    _punctuation,
    _length,
    _capitalisation,
    _quotation,
    _navigation,
    _marker,
    _credit,
    _picture_position,
    _after_caption,
    _ends_with_date,
    _label,
    _copyright,
    _bracketed,
    _listed,
    _byline,
    _date_stamp,
    _separators,
)


#: A long finished sentence starts at -3.5 (punctuation, length); of the other rules
#: only a photo credit, a picture position or a copyright notice can overturn that,
#: so only these run on it (the others are capped far below, or need short lines).
PROSE_RULES: tuple[Rule, ...] = (
    _punctuation,
    _length,
    _quotation,
    _credit,
    _picture_position,
    _copyright,
)

#: Text that trafilatura took out of a web page has already lost the page around the
#: article; what is left is cut only for what a line says it is (a notice, a copyright
#: line, a photo credit, a label, a byline, a line of navigation terms only), never
#: for how it looks (short, capitalised, unpunctuated): on web pages those rules cut
#: list items, table rows and sub-heads that are the article's own.
HTML_RULES: tuple[Rule, ...] = (
    _symbols_only,
    _notice,
    _copyright,
    _photo_credit,
    _caption_mark,
    _furniture,
    _link_label,
    _byline,
    _bracketed,
)


def judge(line: Line, context: Context, *, from_html: bool = False) -> tuple[float, list[Evidence]]:
    """The summed weight of the evidence about `line`, and the evidence.

    `from_html`: the line comes from text trafilatura extracted, so only `HTML_RULES` run.
    """
    rules = HTML_RULES if from_html else PROSE_RULES if line.prose else RULES
    found = [evidence for rule in rules if (evidence := rule(line, context)) is not None]
    return sum(evidence.weight for evidence in found), found


def kind_of(evidence: Sequence[Evidence]) -> str:
    """What a removed line is: the kind named by its strongest positive evidence."""
    named = [e for e in evidence if e.kind is not None and e.weight > 0]
    # On a tie, specific evidence (a credit, navigation words) beats the generic
    # evidence of a short unpunctuated line.
    best = max(named, key=lambda e: (e.weight, e.kind != "heading"), default=None)
    return best.kind if best is not None and best.kind is not None else "debris"


def explain(evidence: Sequence[Evidence], score: float) -> str:
    return f"{', '.join(e.note for e in evidence)} (score {score:.2f})"
