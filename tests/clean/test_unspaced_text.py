"""Chinese and Japanese are written without spaces: their sentences are prose, not one word."""

from storyline.clean.debris import clean_text
from storyline.clean.line_features import describe


def test_a_japanese_sentence_counts_its_words_and_ends() -> None:
    line = describe("日米両政府は外務・防衛担当閣僚による協議を東京で開いた。")
    assert line.words > 10 and line.ends_sentence and line.ends_with_period


def test_a_chinese_report_keeps_its_body() -> None:
    raw = (
        "中美高层会谈在安克雷奇举行\n\n"
        "中美两国高层官员在美国阿拉斯加州安克雷奇举行会谈。双方在开场致辞中公开交锋。\n\n"
        "会谈结束后，双方没有发表联合声明。\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.title == "中美高层会谈在安克雷奇举行"
    assert "双方没有发表联合声明。" in cleaned.text
