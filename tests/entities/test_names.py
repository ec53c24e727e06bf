"""Name normal forms, fuzzy keys and similarity: built by hand, and their invariants."""

from hypothesis import given
from hypothesis import strategies as st

from storyline.entities.names import (
    fold,
    mention_form,
    mention_name,
    name_keys,
    parse_name,
    person_similarity,
    romanise,
    token_keys,
    token_similarity,
)
from storyline.entities.titles import parse_title


def test_fold_drops_case_accents_punctuation_possessives_and_article() -> None:
    assert fold("The  Élysée") == "elysee"
    assert fold("U.S.") == "us"
    assert fold("Blinken's") == "blinken"
    assert fold("Tōkyō") == "tokyo"
    assert fold("菅義偉") == "菅義偉"


def test_parse_name_strips_titles_countries_and_suffixes() -> None:
    assert parse_name("Secretary of State Antony Blinken").tokens == ("antony", "blinken")
    assert parse_name("Australian Prime Minister John Howard").tokens == ("john", "howard")
    assert parse_name("United States Barack Obama").tokens == ("barack", "obama")
    assert parse_name("Lloyd J. Austin III").tokens == ("lloyd", "j", "austin")
    assert parse_name("Amartya Sen").tokens == ("amartya", "sen")  # a name, not a title


def test_mention_name_drops_descriptors_of_organisations_and_places() -> None:
    assert mention_name("US automaker GM", "organization") == "GM"
    assert mention_name("Moscone Center in San Francisco", "place") == "Moscone Center"
    assert mention_name("San Francisco, California", "place") == "San Francisco"
    assert mention_name("General Motors (GM)", "organization") == "General Motors"
    assert mention_form("Apple Inc.", "organization").tokens == ("apple",)
    assert mention_name("eBay", "organization") == "eBay"


def test_romanisation_variants_fold_together() -> None:
    assert romanise("hayasi") == romanise("hayashi")
    assert romanise("itou") == romanise("itoh") == "ito"
    assert romanise("austin") == "austin"  # not a Japanese syllable string


def test_garbled_tokens_share_a_fuzzy_key() -> None:
    for garbled, right in [
        ("blincoln", "blinken"),
        ("toshimichi", "toshimitsu"),
        ("beullingkeon", "blinken"),
        ("burinken", "blinken"),
    ]:
        assert set(token_keys(garbled)) & set(token_keys(right)), (garbled, right)


def test_token_similarity_of_real_variants() -> None:
    assert token_similarity("tony", "antony") == 0.9  # nickname
    assert token_similarity("mun", "moon") == 0.9  # one Korean family name
    assert token_similarity("blincoln", "blinken") >= 0.8
    assert token_similarity("kishi", "kishida") <= 0.75  # one name inside another
    assert token_similarity("kan", "kono") < 0.8  # short phonetic codes say little


def test_person_similarity_kishi_is_not_kishida() -> None:
    kishi, kishida = parse_name("Nobuo Kishi"), parse_name("Fumio Kishida")
    match = person_similarity(kishi, kishida, family_first=False)
    assert match.given_conflict and match.score < 0.7


def test_person_similarity_family_name_first() -> None:
    match = person_similarity(
        parse_name("Hayashi Yoshimasa"), parse_name("Yoshimasa Hayashi"), family_first=False
    )
    assert match.swapped and match.score > 0.95


def test_titles_name_offices_and_countries() -> None:
    title = parse_title("Japanese Foreign Minister")
    assert title and title.office_keys == {"foreign_minister"} and title.country == "JPN"
    title = parse_title("Secretary of State")
    assert title and title.country == "USA"
    title = parse_title("Foreign Minister", before="talks with China's ")
    assert title and title.country == "CHN"
    title = parse_title("former Prime Minister")
    assert title and title.former and title.office_keys == {"head_of_government"}
    generic = parse_title("Minister")
    assert generic and generic.generic and not generic.specific
    assert parse_title("Mr") is None


def test_japanese_titles_name_offices_and_countries() -> None:
    title = parse_title("外相")
    assert title and title.office_keys == {"foreign_minister"} and title.country is None
    title = parse_title("外相", before="来日した中国の")
    assert title and title.country == "CHN"  # the country written right before the name
    title = parse_title("外相", before="米国のブリンケン国務長官と")
    assert title and title.country is None  # another name's country is not this one's
    title = parse_title("国務長官")
    assert title and title.office_keys == {"foreign_minister"} and title.country == "USA"
    title = parse_title("防衛相")
    assert title and title.office_keys == {"defence_minister"} and title.country == "JPN"
    title = parse_title("大統領", before="韓国の")
    assert title and title.office_keys == {"head_of_state", "head_of_government"}
    assert title.country == "KOR"
    assert parse_title("氏") is None


names = st.text(st.characters(min_codepoint=32, max_codepoint=0x30FF), max_size=30)
words = st.text(st.characters(min_codepoint=97, max_codepoint=122), min_size=1, max_size=12)


@given(names)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(words, words)
def test_token_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert token_similarity(a, b) == token_similarity(b, a)
    assert 0.0 <= token_similarity(a, b) <= 1.0
    assert token_similarity(a, a) == 1.0


@given(st.lists(words, min_size=1, max_size=4))
def test_a_name_has_the_keys_it_is_searched_by(tokens: list[str]) -> None:
    form = parse_name(" ".join(tokens), strip_titles=False)
    keys = name_keys(form, "person")
    for token in form.tokens:
        assert set(token_keys(token)) <= keys
