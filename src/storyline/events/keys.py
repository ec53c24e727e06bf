"""How merged events compare things: participant keys, type keys, status groups, dates."""

from __future__ import annotations

from storyline.entities.surface import normalise_name
from storyline.events.text import stem
from storyline.records import EventMention


def participant_key(entity: str | None, text: str) -> str:
    """The key a participant or place is compared by: its entity id, else its folded name."""
    return entity if entity else "~" + normalise_name(text)


def type_key(mention: EventMention, text: str) -> str:
    """The type; events outside the ontology ("other") are kept apart by their trigger word."""
    if mention.type != "other":
        return mention.type
    return "other:" + trigger_word(mention.trigger.of(text))


def trigger_word(trigger: str) -> str:
    """The word that names the event: the trigger's last word, stemmed ("2+2 Talks" -> "talk")."""
    words = trigger.split()
    return stem(words[-1]) if words else ""


def status_group(status: str) -> str:
    """A planned event and the same event once it happened are compared; others stay apart."""
    return "real" if status in {"happened", "planned"} else status


def compatible_dates(a: str, b: str) -> bool:
    """Two dates agree when one is the other or contains it ("2021-03" and "2021-03-16")."""
    return a.startswith(b) or b.startswith(a)


#: The mention note for the day of the month its report names without the month
#: ("on the 16th" in an undated report): the link stage writes it, the merger reads it.
DAY = "day"

#: The mention note for an event a report of unknown date tells on its own day ("today
#: (16th)", "this morning"): the link stage writes it, the corpus dates the report by it.
REPORT_DAY = "report_day"
TOLD_ON_REPORT_DAY = (REPORT_DAY, "yes")


def told_on_report_day(mention: EventMention) -> bool:
    return TOLD_ON_REPORT_DAY in mention.attributes


def after_the_day(value: str, day: str) -> bool:
    """Whether a date lies after a report's day (only when both name a day): what a
    report tells as done on a later day is one to come."""
    return len(value) == 10 and len(day) == 10 and value > day


def day_of(value: str | None) -> int | None:
    """The day of the month of a full date ("2021-03-16" -> 16); None otherwise."""
    return int(value[8:]) if value and len(value) == 10 else None


def day_of_mention(mention: EventMention, *, by_date: bool = True) -> int | None:
    """The day of the month a mention is dated to: by its date (unless `by_date` is
    false), else by the day its report names without a month."""
    if by_date and (day := day_of(mention.date)) is not None:
        return day
    value = dict(mention.attributes).get(DAY)
    return int(value) if value and value.isdigit() else None
