"""Time: TIMEX3 tagging and normalisation, report dating, TimeML I/O.

- `tag_time(text, dct)` finds time expressions and normalises them to TimeML
  (type DATE/TIME/DURATION/SET, value, mod) against the report's date;
  `TimeStage` ("time.tag.v1") does it for a `Document`; reports in Japanese,
  Chinese and Korean go through `storyline.time.cjk.tag_times` instead, and
  their datelines ("【ソウル共同】", "[서울=연합뉴스]", "新华社北京3月18日电")
  are read by `storyline.time.cjk_dateline`.
- `date_report(text, timexes, metadata=..., dateline=..., extra=...)` dates a
  report from its metadata, its dateline, or the constraints its text gives,
  and says so when it cannot; `DatingStage` ("time.date.v1") runs it.
- `storyline.time.timeml` reads and writes TempEval-3 TimeML
  (`storyline.evaluation.time` computes TempEval-3 metrics on MEANTIME).
"""

from storyline.time.dating import DateConstraint, DatelineLike, DatingStage, date_report
from storyline.time.tagger import TimeStage, tag_time

__all__ = [
    "DateConstraint",
    "DatelineLike",
    "DatingStage",
    "TimeStage",
    "date_report",
    "tag_time",
]
