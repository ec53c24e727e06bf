"""The web's read-only queries: date ranges, zoom, the view cache, the semantic index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyline.errors import StoreError
from storyline.nlp.embeddings import embed, from_blobs, rerank, search_semantic
from storyline.store.views import (
    SearchFilter,
    TimelineFilter,
    Views,
    check_date,
    date_bounds,
)
from storyline.web.render import bars, bucket_range, filled, pan, safe_url


def test_date_bounds_keep_less_precise_dates_inside_their_period() -> None:
    low, high = date_bounds("2021-03-01", "2021-03-31")
    assert low is not None and high is not None
    for inside in ("2021-03", "2021-03-01", "2021-03-31"):
        assert low <= inside <= high
    for outside in ("2021", "2021-02-28", "2021-04", "2021-04-01"):
        assert not low <= outside <= high
    year_low, year_high = date_bounds("2021-01-01", "2021-12-31")
    assert year_low is not None and year_high is not None
    assert year_low <= "2021" <= year_high
    assert date_bounds(None, "") == (None, None)


@pytest.mark.parametrize("bad", ["21-03-01", "2021/03/01", "2021-3", "' OR 1=1"])
def test_bad_dates_are_refused(bad: str) -> None:
    with pytest.raises(StoreError):
        check_date(bad)


def test_zoom_helpers() -> None:
    assert bucket_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert bucket_range("2021") == ("2021-01-01", "2021-12-31")
    assert pan("2021-03-01", "2021-03-31", "day") == (
        ("2021-02-01", "2021-02-28"),
        ("2021-04-01", "2021-04-30"),
    )
    assert pan("2021-01-01", "2021-12-31", "month")[1] == ("2022-01-01", "2022-12-31")


def test_filled_buckets_show_gaps_and_bars_fit() -> None:
    from storyline.store.views import Bucket

    buckets = [Bucket("2021-01", 2, True), Bucket("2021-04", 1, True), Bucket("2021", 5, False)]
    keys = [b.key for b in filled(buckets, "month")]
    assert keys == ["2021-01", "2021-02", "2021-03", "2021-04"]
    full = filled(buckets, "month", "2021-01-01", "2021-12-31")
    assert len(full) == 12 and sum(b.count for b in full) == 3
    drawn = bars(full, width=960, height=100)
    assert all(b.x >= 0 and b.x + b.width <= 960 and 0 <= b.y <= 100 for b in drawn)
    assert max(b.height for b in drawn) == 100


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/a?b=c", True),
        ("HTTP://EXAMPLE.COM", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ('https://x.example/"onmouseover="y', False),
        (None, False),
    ],
)
def test_only_web_urls_become_links(url: str | None, safe: bool) -> None:
    assert (safe_url(url) is not None) == safe


def test_the_cache_empties_when_the_database_changes(kb_path: Path, tmp_path: Path) -> None:
    import shutil

    from storyline.store.sqlite import Store
    from tests.conftest import make_document

    db = tmp_path / "copy.db"
    shutil.copy(kb_path, db)
    with Views(db) as views:
        before = views.overview().reports
        with Store(db) as store, store.transaction():
            store.write_document(make_document("A new report about the alliance.", id="dnew"))
        assert views.overview().reports == before + 1


def test_timeline_kinds_and_precision(kb_path: Path) -> None:
    with Views(kb_path) as views:
        timeline = views.timeline(TimelineFilter(), zoom="day", limit=200)
        assert timeline.kinds == ["report"]
        imprecise = [b for b in timeline.buckets if not b.precise]
        assert [b.key for b in imprecise] == ["2021-03"]  # the report dated to the month
        assert views.timeline(TimelineFilter(kind="event")).items.total == 0


def test_the_ivf_index_finds_what_an_exact_scan_finds(kb_path: Path) -> None:
    """With enough cells probed, the approximate search equals the exact one."""
    queries = ["missile launched over Japan", "foreign ministers met in Tokyo", "vaccines"]
    with Views(kb_path) as views:
        model = views.vector_model()
        assert model is not None and len(views.centroids(model)) == 4 * 64 * 4
        ids, blobs = views.cell_vectors(model, [0, 1, 2, 3])
        vectors = from_blobs(blobs)
        assert len(ids) == views.overview().vectors
        for query, vector in zip(queries, embed(queries), strict=True):
            exact = [i for i, _s in rerank(vector, ids, vectors, 5)]
            found = search_semantic(views, vector, SearchFilter(duplicates=True), limit=5, probes=4)
            texts = [hit.text for hit in found.hits]
            assert len(texts) == 5, query
            exact_texts = [
                hit.text for _i, hit in views.sentence_hits(exact, dict.fromkeys(exact, 0.0), None)
            ]
            assert texts == exact_texts, query
        # A query reads only the vectors of the cells it probes, not all of them.
        assert 0 < len(views.cell_vectors(model, [0])[0]) < len(ids)


def test_embeddings_are_normalised_float32() -> None:
    vectors = embed(["Blinken met Motegi.", "", "北朝鮮"])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 64)
    norms = np.linalg.norm(vectors, axis=1)
    assert np.all((np.abs(norms - 1) < 1e-5) | (norms == 0))


def test_new_sentences_join_the_index_without_retraining(kb_path: Path, tmp_path: Path) -> None:
    import shutil

    from storyline.nlp.embeddings import MODEL_NAME, embed_and_index
    from storyline.records import Sentence, Span
    from storyline.store.sqlite import Store
    from storyline.store.views import stored_centroids
    from tests.conftest import make_document

    db = tmp_path / "copy.db"
    shutil.copy(kb_path, db)
    text = "Penguins paraded across the frozen harbour of the southern research station."
    with Store(db) as store:
        before = stored_centroids(store.db, MODEL_NAME)
        with store.transaction():
            store.write_document(
                make_document(
                    text, id="dpenguins", sentences=(Sentence(Span(0, len(text)), "test"),)
                )
            )
        assert embed_and_index(store.db) == 1
        assert stored_centroids(store.db, MODEL_NAME) == before  # no k-means again
        unindexed = store.db.execute(
            "SELECT count(*) FROM sentence_vectors WHERE cell IS NULL"
        ).fetchone()[0]
        assert unindexed == 0
        assert embed_and_index(store.db) == 0  # nothing left to embed
    with Views(db) as views:
        found = search_semantic(views, embed(["penguins on the frozen harbour"])[0], limit=1)
        assert found.hits[0].document == "dpenguins"
