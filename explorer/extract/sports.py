"""A city or a country that stands for its club or national side in sports copy: "Valencia 3 Betis 1",
"Barcelona beat Lille 2-1", "South Africa beat New Zealand 15-12": in a results line, or with a verb of
winning or losing and a score in the same line.
"""

from __future__ import annotations

import re

# "Valencia 3 Betis 1": a score, then the next team, a comma or the end of the line; not "Paris 2024",
# "3.5%" or "Tokyo 2 days later".
_SCORE_AFTER = re.compile(r" \d{1,2}(?=[ \t]+[A-Z(]|[ \t]*[,;]|[ \t]*$)", re.MULTILINE)
_VERB_AFTER = re.compile(
    r",? (?:beat|beats|drew|draw|lost to|lose to|defeated|thrashed|edged|routed|hammered|won \d|"
    r"won at|won away|came from behind|fought back)\b"
)
_VERB_BEFORE = re.compile(
    r"(?:beat|beating|defeated|defeating|drew with|draw with|drawn with|lost to|losing to|win over|"
    r"victory over|defeat to|defeat by|loss to|at home to|away to|thrashed|edged|routed|hammered) $"
)
_SCORE = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])")  # "2-1", never inside a date "2024-05-01"
_MONTHS = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|"
_MONTHS += r"August|September|October|November|December"
_TEAM_SCORE = re.compile(
    rf"\b(?!(?:{_MONTHS})\b)[A-Z][\w.'-]* \d{{1,2}}(?=[ \t]+[A-Z(]|[ \t]*[,;]|[ \t]*$)", re.M
)
_WINDOW = 160


def sports_team(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) is a team in a results line or a match report."""
    line_start = text.rfind("\n", max(0, start - _WINDOW), start) + 1
    line_end = text.find("\n", end, end + _WINDOW)
    line_end = line_end if line_end >= 0 else min(len(text), end + _WINDOW)
    if _SCORE_AFTER.match(text, end):  # a results line: "Ajax 2 PSV 1", two teams with a score each
        return len(_TEAM_SCORE.findall(text, line_start, line_end)) >= 2
    before = _VERB_BEFORE.search(text, max(0, start - 20), start) is not None
    after = _VERB_AFTER.match(text, end) is not None
    return (before or after) and _SCORE.search(text, line_start, line_end) is not None
