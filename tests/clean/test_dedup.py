from storyline.clean.dedup import (
    DuplicateStage,
    MemoryFingerprintIndex,
    fingerprint,
    similarity,
    text_hash,
)
from tests.conftest import make_document

STORY = (
    "The foreign and defence ministers of both countries met in the capital on Tuesday and "
    "agreed to deepen cooperation on maritime security, space and cyber defence, according to "
    "a joint statement released after talks that lasted nearly three hours. Officials said the "
    "meeting was the first of its kind in two years and that a further round is planned for the "
    "autumn, when the ministers expect to review progress on the joint exercises."
)


def test_exact_copies_share_a_hash_whatever_the_spacing_and_case() -> None:
    assert text_hash(STORY) == text_hash("  " + STORY.upper().replace(" ", "\n "))


def test_similar_texts_have_similar_signatures() -> None:
    copy = STORY.replace("Tuesday", "Wednesday")
    other = "Completely different words about a football match and the weather in spring."
    assert similarity(fingerprint("a", STORY).signature, fingerprint("b", copy).signature) > 0.7
    assert similarity(fingerprint("a", STORY).signature, fingerprint("c", other).signature) < 0.2


def test_stage_links_copies_to_the_first_report() -> None:
    stage = DuplicateStage(MemoryFingerprintIndex())
    first = stage(make_document(STORY, id="first"))
    exact = stage(make_document(STORY.upper(), id="exact"))
    near = stage(make_document("Reposted: " + STORY.replace("three", "3"), id="near"))
    unrelated = stage(make_document("A short note about something else entirely.", id="other"))
    assert first.duplicate_of is None
    assert exact.duplicate_of == "first" and "duplicate" in exact.flags
    assert near.duplicate_of == "first" and "near-duplicate" in near.flags
    assert unrelated.duplicate_of is None


def test_a_copy_of_a_copy_points_at_the_original() -> None:
    stage = DuplicateStage(MemoryFingerprintIndex())
    stage(make_document(STORY, id="first"))
    stage(make_document(STORY + " Extra closing line.", id="second"))
    third = stage(make_document(STORY + " Extra closing line. And another.", id="third"))
    assert third.duplicate_of == "first"
