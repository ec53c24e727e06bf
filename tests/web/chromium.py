"""Headless Chromium from Debian's packages, as the browser tests and the screenshots use it.

Nothing is downloaded: /usr/bin/chromium and chromedriver come from apt
(`make browser`); callers skip when `available()` is false.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromedriver() -> Path:
    return Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")


def available() -> bool:
    return CHROMIUM.exists() and chromedriver().exists()


def open_chromium(
    profile: Path,
    *,
    width: int = 1280,
    height: int = 900,
    extra: Iterable[str] = (),
    console_log: bool = False,
) -> Any:
    """A Selenium driver for a new headless Chromium with its own `profile` folder;
    `console_log` keeps the page's console messages for `driver.get_log("browser")`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    flags = (*FLAGS, *extra, f"--user-data-dir={profile}", f"--window-size={width},{height}")
    for flag in flags:
        options.add_argument(flag)
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(str(chromedriver())), options=options)
