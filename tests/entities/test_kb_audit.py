"""The shipped knowledge base holds the facts of the late-2025 audit of its terms, read
through the office lookup the linker uses to decide who a title names at a date."""

import pytest

from storyline.entities.candidates import office_holders
from storyline.entities.kb.curated import country_entities, data_files, load_files
from storyline.entities.kb.index import KBIndex, index_in_memory
from storyline.entities.titles import Title
from storyline.records import Window


@pytest.fixture(scope="module")
def shipped_index() -> KBIndex:
    """Countries and the shipped people and organisations (no cities: not needed here)."""
    return index_in_memory([*country_entities(), *load_files(data_files())])


@pytest.mark.parametrize(
    ("office_key", "country", "day", "holder"),
    [
        ("head_of_state", "KOR", "2025-03-01", "Yoon Suk Yeol"),
        ("head_of_state", "KOR", "2025-08-01", "Lee Jae-myung"),
        ("head_of_government", "KOR", "2025-08-01", "Kim Min-seok"),
        ("foreign_minister", "KOR", "2025-07-01", "Cho Tae-yul"),
        ("foreign_minister", "KOR", "2025-08-01", "Cho Hyun"),
        ("defence_minister", "KOR", "2025-08-01", "Ahn Gyu-back"),
        ("national_security_adviser", "KOR", "2025-08-01", "Wi Sung-lac"),
        ("foreign_minister", "GBR", "2025-09-01", "David Lammy"),
        ("foreign_minister", "GBR", "2025-10-01", "Yvette Cooper"),
        ("head_of_government", "FRA", "2025-10-01", "Sébastien Lecornu"),
        ("defence_minister", "FRA", "2025-11-01", "Catherine Vautrin"),
        ("head_of_government", "UKR", "2025-08-01", "Yulia Svyrydenko"),
        ("defence_minister", "UKR", "2025-08-01", "Denys Shmyhal"),
        ("national_security_adviser", "UKR", "2025-08-01", "Rustem Umerov"),
        ("national_security_adviser", "JPN", "2025-06-01", "Masataka Okano"),
        ("national_security_adviser", "IRN", "2025-09-01", "Ali Larijani"),
        ("foreign_minister", "ARG", "2025-11-01", "Pablo Quirno"),
        ("defence_minister", "ARG", "2025-12-15", "Carlos Presti"),
        ("foreign_minister", "JPN", "2008-09-01", "Masahiko Kōmura"),
    ],
)
def test_the_holder_of_an_office_at_a_date(
    shipped_index: KBIndex, office_key: str, country: str, day: str, holder: str
) -> None:
    title = Title(office_key, frozenset({office_key}), country, False, False)
    found = shipped_index.entities(office_holders(shipped_index, title, Window.of(day)))
    assert [entity.name for entity in found] == [holder]


def test_a_removed_president_holds_no_office_after_removal(shipped_index: KBIndex) -> None:
    # Between Yoon's removal (2025-04-04) and Lee's inauguration the office had only acting
    # holders, whom the curated base leaves out.
    title = Title("President", frozenset({"head_of_state"}), "KOR", False, False)
    assert office_holders(shipped_index, title, Window.of("2025-05-15")) == ()
