"""Reading the gold corpora and running the evaluation (skipped when ../shared/data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli.events_commands import eval_events
from storyline.evaluation.catxml import read_cat, url_sentences
from storyline.evaluation.corpora import load_ecbplus

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

_ECB = """<Document doc_name="{name}.xml" doc_id="x">
<token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="0" number="1">:</token>
<token t_id="3" sentence="0" number="2">//x.org</token>
<token t_id="4" sentence="1" number="0">A</token>
<token t_id="5" sentence="1" number="1">quake</token>
<token t_id="6" sentence="1" number="2">hit</token>
<token t_id="7" sentence="1" number="3">Iran</token>
<token t_id="8" sentence="1" number="4">.</token>
<token t_id="9" sentence="2" number="0">It</token>
<token t_id="10" sentence="2" number="1">killed</token>
<token t_id="11" sentence="2" number="2">ten</token>
<token t_id="12" sentence="2" number="3">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="6"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="10"/></ACTION_OCCURRENCE>
<LOC_GEO m_id="3"><token_anchor t_id="7"/></LOC_GEO>
<ACTION_OCCURRENCE m_id="9" TAG_DESCRIPTOR="t1_quake" instance_id="ACT1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="9"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture
def tiny_ecb(tmp_path: Path) -> Path:
    topic = tmp_path / "ECB+" / "1"
    topic.mkdir(parents=True)
    for name in ("1_1ecb", "1_1ecbplus"):
        (topic / f"{name}.xml").write_text(_ECB.format(name=name), encoding="utf-8")
    return tmp_path


def test_cat_xml_text_offsets_and_urls_dropped(tiny_ecb: Path) -> None:
    path = tiny_ecb / "ECB+" / "1" / "1_1ecb.xml"
    assert url_sentences(path) == frozenset({0})
    cat = read_cat(path, drop_sentence=url_sentences(path))
    assert cat.text == "A quake hit Iran . It killed ten ."
    assert [s.of(cat.text) for s in cat.sentences] == ["A quake hit Iran .", "It killed ten ."]
    assert all(t.span.of(cat.text) == t.text for t in cat.tokens)


def test_ecbplus_gold_clusters_and_subtopics(tiny_ecb: Path) -> None:
    docs = load_ecbplus(tiny_ecb)
    assert [(d.document.id, d.topic, d.subtopic) for d in docs] == [
        ("1_1ecb", "1", "ecb"),
        ("1_1ecbplus", "1", "ecbplus"),
    ]
    first = docs[0]
    assert [(g.span.of(first.document.text), g.cluster) for g in first.gold] == [
        ("hit", "ACT1"),
        ("killed", "1_1ecb/2"),  # not linked: a singleton
    ]
    assert [s.of(first.document.text) for s in first.annotated] == [
        "A quake hit Iran .",
        "It killed ten .",
    ]


def test_the_command_says_when_the_data_is_missing(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_events, ["--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no ECB+" in result.output


@pytest.fixture
def shared_data() -> Path:
    if not (DATA / "ecbplus_dev").is_dir():
        pytest.skip("../shared/data is not here")
    return DATA


def test_real_ecbplus_reads(shared_data: Path) -> None:
    docs = load_ecbplus(shared_data / "ecbplus_dev", topics=[1])
    assert {d.subtopic for d in docs} == {"ecb", "ecbplus"}
    assert all("http" not in d.document.text[:10] for d in docs)
    for item in docs:
        for gold in item.gold:
            assert gold.span.of(item.document.text).strip() == gold.span.of(item.document.text)


@pytest.mark.model
@pytest.mark.slow
def test_story_clustering_on_two_real_topics(shared_data: Path, model_nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.evaluation.events import Corpus, coreference, story_clustering

    corpus = Corpus.build(load_ecbplus(shared_data / "ecbplus_dev", topics=[1, 3]), model_nlp, None)
    figures = story_clustering(corpus, "two topics")
    assert figures.topics == 2 and figures.documents == len(corpus.items)
    assert figures.macro_f1 > 0.8
    gold = coreference(corpus, "ECB+", "two topics", "gold mentions")
    assert gold.mentions == sum(len(i.gold) for i in corpus.items)
    assert 0.0 < gold.scores.conll <= 1.0
    from storyline.evaluation.events import mention_figures

    mentions = mention_figures(corpus, "ECB+", "two topics")
    # Keeping only report events that are events trades recall for precision: never more
    # triggers, and a report event is at least one trigger.
    assert mentions.events <= mentions.mentions
    assert mentions.event_triggers.recall <= mentions.all_triggers.recall
    assert mentions.event_triggers.precision >= 0.9
    assert 0 < mentions.events_per_thousand_words < 20
