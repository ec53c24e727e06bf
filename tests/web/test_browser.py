"""End to end in headless Chromium: timeline -> report -> entity -> search; nothing hostile runs.

Uses Debian's /usr/bin/chromium and chromedriver with Selenium (nothing is
downloaded); skipped when they are not installed. The server is uvicorn on
127.0.0.1 and a free port.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.chromium import available, open_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not available():
        pytest.skip(
            "needs /usr/bin/chromium and chromedriver (apt-get install chromium chromium-driver)"
        )
    pytest.importorskip("selenium.webdriver")
    profile = tmp_path_factory.mktemp("chromium-profile")
    driver = open_chromium(profile, console_log=True)
    driver.implicitly_wait(2)
    yield driver
    driver.quit()


def by_css(driver: Any, selector: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def all_css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, selector))


def wait_for(driver: Any, condition: Any, timeout: float = 10) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def console_problems(driver: Any) -> list[str]:
    """Errors in the console: script errors, and any CSP violation ("Refused to ...")."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry["level"] == "SEVERE" or "Refused to" in entry["message"]
    ]


def test_timeline_to_report_to_entity_to_search(browser: Any, live_server: str) -> None:
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.get(live_server + "/timeline?zoom=year")
    assert by_css(driver, "h1").text == "Timeline"
    assert by_css(driver, "#chart-title").text == "Reports per year"

    # Zoom in on a year by its bar, then out again with the "-" key (storyline.js).
    by_css(driver, "svg.bars a.bar").click()
    wait_for(driver, lambda d: by_css(d, "#chart-title").text == "Reports per month")
    by_css(driver, "body").send_keys("-")
    wait_for(driver, lambda d: by_css(d, "#chart-title").text == "Reports per year")

    # A filter applies as soon as it changes.
    from selenium.webdriver.support.ui import Select

    Select(by_css(driver, "#f-source")).select_by_value("Hand Wire")
    wait_for(driver, lambda d: "source=Hand+Wire" in d.current_url)
    titles = [link.text for link in all_css(driver, ".item-title")]
    assert titles == ["Motegi and Blinken meet"]

    # The report: its text with mentions highlighted; the legend turns a type off.
    all_css(driver, ".item-title")[0].click()
    wait_for(driver, lambda d: by_css(d, "h1").text == "Motegi and Blinken meet")
    motegi = by_css(driver, "a.mention.person")
    shaded = motegi.value_of_css_property("background-color")
    assert shaded != "rgba(0, 0, 0, 0)"
    by_css(driver, "label[for=show-person]").click()
    assert motegi.value_of_css_property("background-color") == "rgba(0, 0, 0, 0)"
    assert by_css(driver, "span.timex").text == "16 March 2021"

    # The entity, through the mention.
    motegi.click()
    wait_for(driver, lambda d: "Toshimitsu Motegi" in by_css(d, "h1").text)
    assert "Names seen" in driver.page_source and "Foreign Minister" in driver.page_source

    # Search from the header; a hit opens its report at the sentence.
    box = by_css(driver, "#quick-q")
    box.send_keys("alliance", Keys.ENTER)
    wait_for(driver, lambda d: "/search" in d.current_url)
    assert all_css(driver, ".hit mark")
    hit = by_css(driver, ".hit-meta a")
    anchor = hit.get_attribute("href").rsplit("#", 1)[1]
    hit.click()
    wait_for(driver, lambda d: d.current_url.endswith("#" + anchor))
    target = driver.execute_script("return document.querySelector(':target').id")
    assert target == anchor
    # The highlight fades in (a 0.2 s transition): wait for it rather than read it at once.
    wait_for(
        driver,
        lambda d: (
            by_css(d, f"#{anchor}").value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
        ),
    )

    # Semantic search from the search page.
    driver.get(live_server + "/search")
    by_css(driver, "#s-q").send_keys("missile fired over Japan")
    by_css(driver, "label[for=m-semantic]").click()
    by_css(driver, ".search-row button").click()
    wait_for(driver, lambda d: "mode=semantic" in d.current_url)
    assert "nearest in meaning" in by_css(driver, "#results-title").text
    assert all_css(driver, ".hit")
    assert console_problems(driver) == []


def test_the_hostile_report_runs_nothing(browser: Any, live_server: str) -> None:
    driver = browser
    driver.get(
        live_server + "/reports?source=" + "evil%20%3Cimg%20src%3D%22x%22%20onerror%3D"
        "%22window.__pwned%20%3D%202%22%3E"
    )
    link = by_css(driver, "td a")
    assert "<script>" in link.text  # the title, shown as text
    link.click()
    wait_for(driver, lambda d: "/reports/d" in d.current_url)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert by_css(driver, "body").is_displayed()  # the injected <style> did not apply
    text = by_css(driver, "article.text").text
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src="x" onerror="window.__pwned = 2">' in text
    assert not all_css(driver, "article.text img, article.text script, article.text svg")
    # Following every link on the page leaves no script run either.
    for page in ("/timeline?start=2021-03-16&end=2021-03-16&zoom=day", "/search?q=protester"):
        driver.get(live_server + page)
        assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert console_problems(driver) == []


def test_an_event_page_links_back_to_its_sentences(browser: Any, events_live_server: str) -> None:
    from tests.web.conftest import EVENT_IDS

    driver = browser
    driver.get(events_live_server + "/timeline")
    assert by_css(driver, "#chart-title").text == "Events per day"
    link = by_css(driver, f"a.item-title[href='/events/{EVENT_IDS['meeting']}']")
    assert "<script>" in link.text  # the title, shown as text
    link.click()
    wait_for(driver, lambda d: "/events/" in d.current_url)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    told_best = by_css(driver, ".told-best blockquote")
    assert "<script>" in told_best.text  # the hostile sentence, shown as text
    assert [m.text for m in all_css(driver, ".told-best mark.trigger")] == ["arrived"]
    assert [m.text for m in all_css(driver, ".evidence-list mark.trigger")] == ["met", "arrived"]
    assert len(all_css(driver, ".conflict-table tbody tr")) == 2
    by_css(driver, ".evidence-list a").click()
    wait_for(driver, lambda d: d.current_url.endswith("#s0"))
    assert driver.execute_script("return document.querySelector(':target').id") == "s0"
    assert console_problems(driver) == []


def test_low_salience_events_open_from_a_collapsed_list(
    browser: Any, events_live_server: str
) -> None:
    from tests.web.conftest import EVENT_IDS

    driver = browser
    driver.get(events_live_server + "/timeline")
    details = by_css(driver, "details.low-salience")
    assert details.get_attribute("open") is None
    link = by_css(driver, f"details.low-salience a.item-title[href='/events/{EVENT_IDS['low']}']")
    assert not link.is_displayed()  # collapsed
    by_css(driver, "details.low-salience summary").click()
    wait_for(driver, lambda d: link.is_displayed())
    assert "<script>" in link.text  # the title, shown as text
    link.click()
    wait_for(driver, lambda d: f"/events/{EVENT_IDS['low']}" in d.current_url)
    assert "date of the report" in by_css(driver, ".dating").text
    assert by_css(driver, ".flag.low-salience").is_displayed()
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert console_problems(driver) == []


def test_an_entity_briefing_shows_its_days_and_runs_nothing(
    browser: Any, events_live_server: str
) -> None:
    """The briefing on an entity page: its days, the hostile sentence that tells
    the meeting best shown as text, and a Markdown download link that answers."""
    driver = browser
    driver.get(events_live_server + "/entities/ehandblinken1")
    card = by_css(driver, "section.briefing")
    assert card.is_displayed()
    days = [d.text for d in all_css(driver, ".briefing-days dt")]
    assert days and all("2021" in day for day in days)  # the meeting's and the visit's days
    assert "<script>" in card.text  # the report's text, shown as text
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    link = by_css(driver, "section.briefing a[href$='/briefing.md']")
    assert link.get_attribute("href").endswith("/entities/ehandblinken1/briefing.md")
    assert console_problems(driver) == []


ORIGINALS = {
    # language: (a person as written, the knowledge base's name for them, a date as written)
    "ja": ("岸信夫", "Nobuo Kishi", "2021年3月16日"),
    "ko": ("정의용", "Chung Eui-yong", "2021년 3월 18일"),
    "zh": ("杨洁篪", "Yang Jiechi", "2021年3月19日"),
}


@pytest.mark.model
@pytest.mark.parametrize("language", sorted(ORIGINALS))
def test_an_original_language_report_shows_its_names_times_and_quotes(
    browser: Any, live_server: str, language: str
) -> None:
    """The demo's reports in Japanese, Korean and Chinese, read by their own analysers."""
    import json
    from urllib.request import urlopen

    from storyline.nlp.languages import analyser_for

    if analyser_for(language) is None:
        pytest.skip(f"no analyser for {language} (the cjk extra is not installed)")
    written, name, date = ORIGINALS[language]
    with urlopen(live_server + "/api/documents?limit=200") as response:
        documents = json.load(response)["items"]
    report = next(d for d in documents if d["language"] == language)

    driver = browser
    driver.get(f"{live_server}/reports/{report['id']}")
    text = by_css(driver, "article.text")
    assert text.get_attribute("lang") == language
    assert by_css(driver, "h1").get_attribute("lang") == language
    flags = [flag.text for flag in all_css(driver, ".page-head .flag")]
    assert flags.count(f"language: {language}") == 1 and f"language:{language}" not in flags

    # The name as the report writes it, highlighted and linked to the knowledge base's person.
    person = next(m for m in all_css(driver, "article.text a.mention.person") if m.text == written)
    assert date in [timex.text for timex in all_css(driver, "article.text span.timex")]
    assert all_css(driver, "article.text span.quote")
    assert all_css(driver, "#show-quote")
    person.click()
    wait_for(driver, lambda d: name in by_css(d, "h1").text)
    assert console_problems(driver) == []
