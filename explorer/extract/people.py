"""People: introduced by a title or role, quoted ("… said Jane Doe"), or named again by surname.

Confidence follows the strength of the cue: a title before the name is the strongest, a speech verb or
an appositive role next, a later bare surname of someone already named last.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_TITLES = (
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Chancellor", "Minister",
    "Foreign Minister", "Finance Minister", "Trade Minister", "Defence Minister", "Defense Minister",
    "Energy Minister", "Secretary", "Commerce Secretary", "Treasury Secretary", "Secretary of State",
    "Secretary-General", "Senator", "Governor", "Chairman", "Chairwoman", "Chair", "Chief Executive",
    "Chief Executive Officer", "Chief Financial Officer", "Chief Economist", "CEO", "CFO", "CTO", "COO",
    "Founder", "Co-founder", "King", "Queen", "Prince", "Crown Prince", "Sheikh", "Emir", "Premier",
    "Speaker", "General", "Admiral", "Ambassador", "Commissioner", "Director", "Director-General",
    "Representative", "Rep.", "Sen.", "Gov.", "Dr.", "Mr.", "Ms.", "Mrs.", "Prof.", "Judge", "Justice",
    "Economist", "Analyst", "Strategist", "Spokesperson", "Spokesman", "Spokeswoman", "Envoy", "Adviser",
    "Advisor", "Chief", "Leader", "Opposition Leader", "Mayor", "Pope", "Ayatollah", "Supreme Leader",
)  # fmt: skip
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
# "Vučić", "Erdoğan", "O'Neill", "Sang-mok"; a trailing "'s" is not part of the name.
_NAME_PART = rf"(?:[{_UPPER}]['’])?[{_UPPER}][^\W\d_]+(?:-(?!based|led|listed|owned|backed)[^\W\d_]+)?"
_CONNECTOR = r"(?:\s(?:bin|bint|al|von|van|der|de|da|di|le|la|del)\s|\s)"
_NAME = rf"(?P<name>{_NAME_PART}(?:{_CONNECTOR}{_NAME_PART}){{1,3}})"
# Titles in any case: "Chief executive", "chief executive", "finance minister".
_TITLE = "(?i:" + "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True)) + ")"
_TITLED = re.compile(rf"\b(?:{_TITLE})(?:\s+(?:of|at)\s+[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*)*)?,?\s+{_NAME}")
_TITLE_INSIDE = re.compile(rf"\b(?:{_TITLE})\s+")
_SPEECH_VERBS = r"(?:said|says|told|added|argued|wrote|warned|noted|stated|insisted|predicted|estimated)"
_SAID_AFTER = re.compile(rf"\b{_NAME},?\s+{_SPEECH_VERBS}\b")
_SAID_BEFORE = re.compile(rf"\b(?:{_SPEECH_VERBS}|(?i:according to))\s+{_NAME}\b")
_APPOSITIVE = re.compile(
    rf"\b{_NAME},\s+(?:the\s+|a\s+|an\s+)?(?:(?:former|deputy|acting|chief|senior|new)\s+)*"
    r"(?:president|chief|chair|head|founder|co-founder|minister|secretary|governor|director|economist|"
    r"analyst|strategist|spokes\w+|ceo|cfo|leader|adviser|advisor|ambassador|partner|professor)\b"
)
# Capitalised words that start sentences or name things, never a person's first name.
_NOT_FIRST_NAMES = frozenset(
    {
        "The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "For", "With", "From",
        "By", "As", "But", "And", "Or", "If", "When", "While", "After", "Before", "Analysts",
        "Officials", "Investors", "Traders", "Shares", "Markets", "Prices", "Regulators", "Lawmakers",
        "Sources", "Critics", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Reuters", "Bloomberg", "Government", "Ministry", "Bank",
        "Central", "Federal", "National", "State", "Chinese", "American", "European", "Asian",
        "Western", "Eastern", "Northern", "Southern", "New", "Old", "North", "South", "East", "West",
        "Prime", "Minister", "President", "Chief", "Executive", "Secretary", "General", "Director",
        "Chairman"
    }
)  # fmt: skip

# Words that make a capitalised phrase an institution or a place rather than a person.
_NOT_NAME_WORDS = frozenset(
    {
        "House", "Street", "Department", "Committee", "Council", "Office", "Group", "Party", "Union",
        "Reserve", "Market", "Markets", "Exchange", "Index", "Bank", "Fund", "Agency", "Ministry",
        "Authority", "Commission", "Court", "Congress", "Parliament", "Senate", "Army", "Navy", "Force",
        "Company", "Corp", "Inc", "Ltd", "Holdings", "Capital", "Partners", "Research", "Institute",
        "University", "Times", "Post", "Journal", "News", "Administration", "Board", "Bureau",
        "Service", "Services", "Association", "Federation", "Organization", "Organisation", "Treaty",
        "Agreement", "Summit", "Forum", "Sea", "Ocean", "River", "Gulf", "Strait", "Canal", "Valley",
        "Kingdom", "Republic", "States", "Emirates"
    }
)  # fmt: skip


def find_people(text: str) -> Iterator[tuple[int, int, str, str, float]]:
    """Yield (start, end, name, rule, confidence) per person; titles and verbs are not part of the name."""
    found: dict[tuple[int, int], tuple[str, float]] = {}
    for regex, rule, confidence in (
        (_TITLED, "title-cue", 0.8),
        (_APPOSITIVE, "role-appositive", 0.75),
        (_SAID_AFTER, "speech-verb", 0.7),
        (_SAID_BEFORE, "speech-verb", 0.7),
    ):
        for match in regex.finditer(text):
            start, end = match.span("name")
            # "ECB President Christine Lagarde", "Trade Representative Katherine Tai": the name follows.
            titles = list(_TITLE_INSIDE.finditer(text, start, end))
            if titles and len(text[titles[-1].end() : end].split()) >= 2:
                start = titles[-1].end()
            words = text[start:end].split()
            if len(words) < 2:
                continue
            if words[0] in _NOT_FIRST_NAMES or _NOT_NAME_WORDS.intersection(words) or (start, end) in found:
                continue
            found[(start, end)] = (rule, confidence)
    for (start, end), (rule, confidence) in sorted(found.items()):
        yield start, end, text[start:end], rule, confidence


def surname_mentions(text: str, full_names: set[str]) -> Iterator[tuple[int, int, str]]:
    """Later mentions of a known person by one part of the name ("Huang said") → (start, end, full name)."""
    by_surname: dict[str, str] = {}
    for name in full_names:
        words = name.split()
        # The family name comes first in Chinese, Japanese and Korean names ("Xi Jinping" → "Xi").
        for surname in {words[-1], words[0]} if len(words) == 2 else {words[-1]}:
            # Two people sharing a surname: a bare surname could be either, so it names neither.
            by_surname[surname] = "" if by_surname.get(surname, name) != name else name
    by_surname = {s: n for s, n in by_surname.items() if n and len(s) >= 2}
    if not by_surname:
        return
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, by_surname)) + r")(?:'s|’s)?(?![\w-])")
    for match in pattern.finditer(text):
        preceding = text[max(0, match.start() - 1) : match.start()]
        if preceding == " " and re.search(r"[A-Z][a-z]+ $", text[max(0, match.start() - 20) : match.start()]):
            continue  # part of a longer name, e.g. the full name itself
        yield match.start(1), match.end(1), by_surname[match.group(1)]
