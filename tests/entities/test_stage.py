"""The link stage on documents built by hand: dates, coreference, surface entities."""

from storyline.entities.stage import STAGE, LinkStage, report_window
from storyline.nlp.mentions import make_mention
from storyline.pipeline import Pipeline
from storyline.records import DateFinding, Document, Span
from storyline.store.kb_index import KBIndex
from tests.conftest import make_document
from tests.entities.conftest import mentions_in

TEXT = (
    "U.S. Secretary of State John Blinken met Japanese Foreign Minister Toshimichi Motegi "
    "in Tokyo. Defense Minister Nobuo Kishi joined them.\n\n"
    '"The alliance is the cornerstone," Toshimichi Shigeki said. Prime Minister Kan plans '
    "to visit the United States in April. Blinken said the secretary would return. "
    "Rahm Emanuel and Emanuel spoke; Raymond Greene listened."
)
SPECS = [
    ("John Blinken", "PERSON"),
    ("Toshimichi Motegi", "PERSON"),
    ("Tokyo", "GPE"),
    ("Nobuo Kishi", "PERSON"),
    ("Toshimichi Shigeki", "PERSON"),
    ("Kan", "PERSON"),
    ("the United States", "GPE"),
    ("Blinken", "PERSON"),
    ("Rahm Emanuel", "PERSON"),
    ("Emanuel", "PERSON"),
    ("Raymond Greene", "PERSON"),
]


def run(index: KBIndex, **fields: object) -> tuple[Document, dict[str, str]]:
    doc = make_document(TEXT, mentions=mentions_in(TEXT, SPECS), **fields)
    out = LinkStage(index)(doc)
    names = {e.id: e.name for e in out.entities}
    return out, {m.text: names[m.entity] for m in out.mentions if m.entity}


def test_stage_links_a_dated_report(fixture_index: KBIndex) -> None:
    out, linked = run(fixture_index, published="2021-03-16")
    assert linked["John Blinken"] == linked["Blinken"] == "Antony Blinken"
    assert linked["Toshimichi Motegi"] == linked["Toshimichi Shigeki"] == "Toshimitsu Motegi"
    assert linked["Kan"] == "Yoshihide Suga"
    assert linked["Nobuo Kishi"] == "Nobuo Kishi"
    assert linked["United States"] == "United States"
    tokyo = next(e for e in out.entities if e.name == "Tokyo")  # no cities in the fixture KB
    assert tokyo.key == "place:tokyo"
    assert out.stages[-1] == STAGE
    shigeki = next(m for m in out.mentions if m.text == "Toshimichi Shigeki")
    assert shigeki.reason and "given name" in shigeki.reason and shigeki.score


def test_names_not_in_the_kb_are_surface_entities_joined_in_the_report(
    fixture_index: KBIndex,
) -> None:
    out, linked = run(fixture_index, published="2021-03-16")
    refs = {e.name: e for e in out.entities}
    assert linked["Emanuel"] == linked["Rahm Emanuel"] == "Rahm Emanuel"
    assert refs["Rahm Emanuel"].key == "person:rahm emanuel"
    assert refs["Rahm Emanuel"].wikidata is None
    assert refs["Raymond Greene"].kind == "person"


def test_the_secretary_is_added_as_a_title_mention(fixture_index: KBIndex) -> None:
    out, linked = run(fixture_index, published="2021-03-16")
    added = [m for m in out.mentions if m.label == "TITLE"]
    assert [m.text for m in added] == ["secretary"]
    assert linked["secretary"] == "Antony Blinken"
    assert added[0].span.of(out.text) == "secretary"
    plain = LinkStage(fixture_index, title_mentions=False)(
        make_document(TEXT, mentions=mentions_in(TEXT, SPECS), published="2021-03-16")
    )
    assert not [m for m in plain.mentions if m.label == "TITLE"]


def test_an_undated_report_is_dated_by_the_offices_it_names(fixture_index: KBIndex) -> None:
    _, linked = run(fixture_index)
    assert linked["Kan"] != "Naoto Kan"
    assert linked["John Blinken"] == "Antony Blinken"


def test_report_date_comes_from_published_else_dating() -> None:
    assert report_window(make_document("x", published="2021-03")).end == "2021-03-31"
    dated = make_document("x", dating=DateFinding("2021-03-16", "inferred", 0.7))
    assert report_window(dated).start == "2021-03-16"
    assert not report_window(make_document("x")).known


def test_ids_are_stable_across_reports_and_runs(fixture_index: KBIndex) -> None:
    first, _ = run(fixture_index, published="2021-03-16")
    second, _ = run(fixture_index, published="2021-03-16", id="d2")
    assert [m.entity for m in first.mentions] == [m.entity for m in second.mentions]


def test_stage_wires_into_a_pipeline(fixture_index: KBIndex) -> None:
    class Mentions:  # stands for the spaCy stage
        name = "test.mentions.v1"
        needs: frozenset[str] = frozenset()
        adds = frozenset({"mentions"})

        def pipe(self, docs):  # type: ignore[no-untyped-def]
            yield from docs

        def close(self) -> None: ...

    pipeline = Pipeline([Mentions(), LinkStage(fixture_index)])  # type: ignore[list-item]
    doc = make_document(
        "Blinken spoke.", mentions=mentions_in("Blinken spoke.", [("Blinken", "PERSON")])
    )
    (out,) = pipeline.pipe([doc])
    assert out.entities[0].name == "Antony Blinken"


def test_office_terms_bound_the_report_date(fixture_index: KBIndex) -> None:
    doc = make_document(TEXT, mentions=mentions_in(TEXT, SPECS), published="2030-01-01")
    terms = LinkStage(fixture_index).office_terms(doc)
    spans = {t.reason.split(" was ")[0]: (t.start, t.end) for t in terms}
    assert spans["Antony Blinken"] == ("2021-01-26", "2025-01-20")
    assert spans["Toshimitsu Motegi"] == ("2019-09-11", "2021-11-10")
    assert "Naoto Kan" in spans  # read without a date, "Prime Minister Kan" is him: one vote


def test_a_family_name_tagged_as_a_place_is_the_person_of_the_report(
    fixture_index: KBIndex,
) -> None:
    text = "Rahm Emanuel arrived on Monday. Later, Emanuel is to meet the mayor of Lyon."
    specs = [("Rahm Emanuel", "PERSON"), ("Emanuel", "GPE"), ("Lyon", "GPE")]
    out = LinkStage(fixture_index)(make_document(text, mentions=mentions_in(text, specs)))
    names = {e.id: (e.name, e.kind) for e in out.entities}
    linked = {m.text: names[m.entity] for m in out.mentions if m.entity}
    assert linked["Emanuel"] == ("Rahm Emanuel", "person")
    assert linked["Lyon"][1] == "place"  # a place that is nobody's name stays a place
    # An organisation named like a person is an organisation ("Ford", "Dell").
    text = "Rahm Emanuel spoke. Emanuel said profits rose."
    specs = [("Rahm Emanuel", "PERSON"), ("Emanuel", "ORG")]
    out = LinkStage(fixture_index)(make_document(text, mentions=mentions_in(text, specs)))
    kinds = {e.id: e.kind for e in out.entities}
    org = next(m for m in out.mentions if m.label == "ORG")
    assert org.entity is not None and kinds[org.entity] == "organization"


def test_the_years_between_two_terms_are_gaps() -> None:
    from storyline.entities.kb.model import Window
    from storyline.entities.stage import _gaps

    terms = [Window("2022-08-10", "2023-09-13"), Window("2008-09-24", "2009-09-16")]
    assert _gaps(terms) == (("2009-09-17", "2022-08-09"),)
    assert _gaps([Window("2001-01-01", None), Window("2005-01-01", "2006-01-01")]) == ()


def test_a_city_named_in_a_list_of_people_is_the_person() -> None:
    """ "Secretaries Blinken and Austin": Austin is a city too, but not in that list."""
    from storyline.entities.kb.curated import country_entities, data_files, load_files
    from storyline.entities.kb.index import index_in_memory
    from storyline.entities.kb.model import KBEntity
    from tests.entities.conftest import FIXTURE_KB

    city = KBEntity("geonames:4671654", "Austin", "place", None, "USA", (), (), 0.6)
    index = index_in_memory([*country_entities(), *load_files(data_files(FIXTURE_KB)), city])
    text = "Rahm Emanuel and Tomas Austin met. Later Emanuel and Austin flew to Austin."
    specs = [("Rahm Emanuel", "PERSON"), ("Tomas Austin", "PERSON"), ("Emanuel", "PERSON")]
    mentions = mentions_in(text, specs)
    second = text.index("Austin flew")
    last = text.rindex("Austin")
    mentions = tuple(
        sorted(
            (
                *mentions,
                *(make_mention(text, Span(at, at + 6), "GPE", "test") for at in (second, last)),
            ),
            key=lambda m: m.span.start,  # type: ignore[union-attr]
        )
    )
    out = LinkStage(index)(make_document(text, mentions=mentions))  # type: ignore[arg-type]
    kinds = {e.id: (e.name, e.kind) for e in out.entities}
    by_start = {m.span.start: kinds[m.entity] for m in out.mentions if m.entity}
    assert by_start[second] == ("Tomas Austin", "person")  # in a list with Emanuel
    assert by_start[last] == ("Austin", "place")  # "flew to Austin": the city


def test_a_name_tagged_as_an_organisation_is_the_person_the_report_names_so(
    fixture_index: KBIndex,
) -> None:
    """ "Blinken reaffirmed the alliance" tagged ORG, in a report where "Blinken" is the
    secretary: one name, one sense. A company the KB knows keeps its link."""
    text = (
        "Secretary of State Antony Blinken spoke. Blinken said the talks went well. "
        "Later Blinken reaffirmed the alliance."
    )
    specs = [("Antony Blinken", "PERSON"), ("Blinken", "PERSON")]
    mentions = list(mentions_in(text, specs))
    last = text.rindex("Blinken")
    mentions.append(make_mention(text, Span(last, last + 7), "ORG", "test"))
    doc = make_document(text, mentions=tuple(mentions), published="2021-03-16")
    out = LinkStage(fixture_index)(doc)
    names = {e.id: (e.name, e.kind) for e in out.entities}
    by_start = {m.span.start: names[m.entity] for m in out.mentions if m.entity}
    assert by_start[last] == ("Antony Blinken", "person")
    alone = make_document(
        "Later Blinken reaffirmed the alliance.",
        mentions=(make_mention("Later Blinken reaffirmed the alliance.", Span(6, 13), "ORG", "t"),),
    )
    (only,) = LinkStage(fixture_index)(alone).entities
    assert only.kind == "organization"  # no person of that name in the report
