from storyline.entities.surface import SurfaceEntityStage, country_of, normalise_name
from storyline.records import Mention, Span
from tests.conftest import make_document


def test_country_forms_are_one_entity() -> None:
    codes = {country_of(name) for name in ["U.S.", "US", "the United States", "United States"]}
    assert codes == {("USA", "United States")}
    assert country_of("North Korea") == ("PRK", "North Korea")
    assert country_of("Blinken") is None


def test_normalised_names_fold_case_accents_and_articles() -> None:
    assert normalise_name("The  Élysée") == "elysee"
    assert normalise_name("Wang Yi") == normalise_name("WANG YI")


def test_stage_links_mentions_to_stable_ids() -> None:
    text = "Blinken met Blinken in the U.S. and the United States."
    mentions = tuple(
        Mention(Span(s, s + len(t)), t, label, kind, "test")
        for t, s, label, kind in [
            ("Blinken", 0, "PERSON", "person"),
            ("Blinken", 12, "PERSON", "person"),
            ("U.S.", 27, "GPE", "place"),
            ("United States", 40, "GPE", "place"),
        ]
    )
    doc = SurfaceEntityStage()(make_document(text, mentions=mentions))
    ids = [m.entity for m in doc.mentions]
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    assert {e.kind for e in doc.entities} == {"person", "country"}
    again = SurfaceEntityStage()(make_document(text, id="d2", mentions=mentions))
    assert [m.entity for m in again.mentions] == ids
