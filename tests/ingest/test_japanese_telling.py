"""A Japanese report and an English one of the same meeting, ingested end to end: one event.

The Japanese report writes the names as Japanese news does: the family name alone with
the title after it (茂木外相, 岸防衛相), a foreign minister's name GiNZA does not read
as a name (ブリンケン国務長官), the city in kanji (東京). The English model and GiNZA run
as in `storyline ingest` (all the standard stages, in this process).
"""

import json
import sqlite3
from pathlib import Path

import pytest

from storyline.knowledge_base import KnowledgeBase
from storyline.settings import Settings

ENGLISH = """US and Japan ministers meet in Tokyo for first 2+2 of Biden era

TOKYO, March 16, 2021 — Secretary of State Antony Blinken and Defense Secretary Lloyd Austin \
met Foreign Minister Toshimitsu Motegi and Defense Minister Nobuo Kishi in Tokyo on Tuesday \
for the first "2+2" security talks of the new administration.

The four ministers said in a joint statement that China's conduct posed challenges to the \
alliance and to the region.
"""

JAPANESE = """日米2プラス2、東京で開催

【東京＝2021年3月16日】ブリンケン国務長官とオースティン国防長官は16日、東京で茂木外相、\
岸防衛相と日米安全保障協議委員会（2プラス2）を開き、会談した。

4閣僚は共同発表で、中国の行動が同盟と地域に課題をもたらすとの認識で一致した。
"""


@pytest.mark.model
def test_a_japanese_and_an_english_telling_are_one_meeting(tmp_path: Path) -> None:
    pytest.importorskip("ja_ginza")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "ja.txt").write_text(JAPANESE, encoding="utf-8")
    db = tmp_path / "kb.db"
    kb = KnowledgeBase.open(db, Settings().override({"processes": 1}), create=True)
    kb.ingest([str(folder)], in_process=True)
    kb.close()

    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT e.date, e.data, e.place, group_concat(DISTINCT d.language) FROM events e"
        " JOIN event_documents x ON x.event_id = e.id JOIN documents d ON d.id = x.document_id"
        " WHERE e.type = 'meeting' GROUP BY e.id"
    ).fetchall()
    both = [row for row in rows if set(row[3].split(",")) == {"en", "ja"}]
    assert len(both) == 1, rows
    day, data, place, _ = both[0]
    assert day == "2021-03-16"
    (city,) = connection.execute("SELECT name FROM entities WHERE id = ?", (place,)).fetchone()
    assert city == "Tokyo"
    japanese_id = connection.execute("SELECT id FROM documents WHERE language = 'ja'").fetchone()
    told_in_japanese = {
        p["name"] for p in json.loads(data)["participants"] if japanese_id[0] in p["documents"]
    }
    expected = {"Antony Blinken", "Lloyd Austin", "Toshimitsu Motegi", "Nobuo Kishi"}
    assert expected <= told_in_japanese
