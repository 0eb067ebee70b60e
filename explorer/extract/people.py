"""People: introduced by a title or role, quoted ("… said Jane Doe"), starting with a common given name, or
named again by one part of the name.

Confidence follows the strength of the cue: a title before the name is the strongest, an appositive role
or a speech verb next, a later bare surname of someone already named last.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from explorer.extract.given_names import given_names
from explorer.extract.runs import JOINED_PARTICLE, UPPER, Run
from explorer.resources import data_path

_TITLES = (
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Chancellor", "Minister",
    "Foreign Minister", "Finance Minister", "Trade Minister", "Defence Minister", "Defense Minister",
    "Energy Minister", "Secretary", "Commerce Secretary", "Treasury Secretary", "Secretary of State",
    "Secretary-General", "Senator", "Governor", "Chairman", "Chairwoman", "Chair", "Vice Chairman",
    "Chief Executive", "Chief Executive Officer", "Chief Financial Officer", "Chief Economist", "CEO", "CFO",
    "CTO", "COO", "Founder", "Co-founder", "King", "Queen", "Prince", "Crown Prince", "Sheikh", "Emir",
    "Premier", "Speaker", "General", "Admiral", "Ambassador", "Commissioner", "Director",
    "Director-General", "Representative", "Trade Representative", "Rep.", "Sen.", "Gov.", "Dr.", "Mr.",
    "Ms.", "Mrs.", "Prof.", "Judge", "Justice", "Economist", "Analyst", "Strategist", "Spokesperson",
    "Spokesman", "Spokeswoman", "Envoy", "Adviser", "Advisor", "Chief", "Leader", "Opposition Leader",
    "Mayor", "Pope", "Ayatollah", "Supreme Leader", "Minister of State", "Managing Director",
    "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady", "Bishop", "Cardinal", "Archbishop", "Rabbi",
    "Imam", "Coach", "Captain", "Manager", "Chancellor", "Senators", "Presidents", "Ministers", "Governors",
    "Prime Ministers", "Foreign Ministers", "Finance Ministers", "Leaders", "Kings", "Sens.", "Reps.",
    "Administrator", "Incumbent", "Chief Justice", "Attorney General", "Field Marshal", "Colonel",
    "Treasurer", "Father", "Pastor", "Lieutenant", "Sergeant", "Commander",
)  # fmt: skip
_TITLE_WORDS = {tuple(t.lower().split()) for t in _TITLES}
# Every capitalised word of a title or role ("Minister", "Prime", "Sir"): never a word of a bare name.
TITLE_WORDS = frozenset(w for t in _TITLES for w in t.split() if w[:1].isupper())
_MAX_TITLE_WORDS = max(len(t) for t in _TITLE_WORDS)
_TITLE_FIRST_WORDS = frozenset(t[0] for t in _TITLE_WORDS)
_TITLE_LAST_WORDS = frozenset(t[-1] for t in _TITLE_WORDS)
# How title words are written in a run of capitalised words: a set lookup without lower-casing every word.
# ("Secretary-General" as written: capitalize() would give "Secretary-general".)
_TITLE_FIRST_FORMS = frozenset(
    f for w in _TITLE_FIRST_WORDS for f in (w, w.capitalize(), w.upper(), w.title())
) | frozenset(t.split()[0] for t in _TITLES)
_NAME_TOKEN = re.compile(
    rf"(?:(?:[{UPPER}]['’])?[{UPPER}][^\W\d_]+(?:-(?!based|led|listed|owned|backed)[^\W\d_]+)?|(?:[A-Z]\.){{1,3}}"
    rf"|{JOINED_PARTICLE}[{UPPER}][^\W\d_]+)"
    r"(?:['’]s)?"
)
_PARTICLES = frozenset({"bin", "bint", "al", "von", "van", "der", "de", "da", "di", "le", "la", "del"})
_SPEECH_VERBS = "said|says|told|added|argued|wrote|warned|noted|stated|insisted|predicted|estimated"
_SAID_AFTER = re.compile(rf",? (?:{_SPEECH_VERBS})\b")
_SAID_BEFORE = re.compile(rf"(?:\b(?:{_SPEECH_VERBS})|(?i:according to)) $")
# "The central bank, led by Olayemi Cardoso, …": only people lead, head or chair in these words.
_LED_BEFORE = re.compile(r"\b(?:led|headed|chaired) by $")
# Words after which a name with no other cue is a place's more often than a person's: "in Vella Marsh".
PLACE_PREPOSITIONS = (" in ", " at ", " near ")
# "Nawaz Sharif of the Pakistan Muslim League", "Geraint Thomas of Britain": someone of a body or a country.
_AFFILIATION = re.compile(r" of (?:the )?[A-Z][a-z]")
# "Mamadi Doumbouya, who seized power": only people are "who".
_WHO_AFTER = re.compile(r", who\b")
_APPOSITIVE = re.compile(
    r", (?:the |a |an )?(?:[\w']+(?:'s|’s) )?"
    r"(?:(?:former|deputy|acting|chief|senior|new|top|lead|\w+est|[a-z]+-[a-z]+) )*"
    r"(?:president|chief|chair|head|founder|co-founder|minister|secretary|governor|director|economist|"
    r"analyst|strategist|spokes\w+|ceo|cfo|leader|adviser|advisor|ambassador|partner|professor|"
    r"billionaire|tycoon|businessman|businesswoman|entrepreneur|lawmaker|politician|commander|banker|"
    r"man|woman)\b",
    re.IGNORECASE,
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
        "Chairman",
    }
)  # fmt: skip
# Words that make a capitalised phrase an institution or a place rather than a person.
_NOT_NAME_WORDS = frozenset(
    {
        "House", "Street", "Department", "Committee", "Council", "Office", "Group", "Party", "Union",
        "Reserve", "Market", "Markets", "Exchange", "Index", "Bank", "Fund", "Agency", "Ministry",
        "Authority", "Commission", "Court", "Congress", "Parliament", "Senate", "Army", "Navy", "Force",
        "Company", "Corp", "Inc", "Ltd", "Holdings", "Capital", "Partners", "Research", "Institute",
        "University", "Times", "Post", "Journal", "News", "Administration", "Board", "Bureau", "Service",
        "Services", "Association", "Federation", "Organization", "Organisation", "Treaty", "Agreement",
        "Summit", "Forum", "Sea", "Ocean", "River", "Gulf", "Strait", "Canal", "Valley", "Kingdom",
        "Republic", "States", "Emirates", "Minerals", "Mining", "Resources", "Energy", "Motors",
        "Chamber", "Chambers", "Mines", "Intelligence", "Consortium", "Tribunal", "Centre", "Center",
        "League", "Club", "Alliance", "Movement", "Front", "Coalition",
    }
)  # fmt: skip


# Capitalised words that open a sentence before a name: "Later Clinton said…".
_SENTENCE_WORDS = _NOT_FIRST_NAMES | frozenset(
    {
        "Later", "Earlier", "Meanwhile", "However", "Also", "Then", "Now", "Today", "Yesterday", "Both",
        "Only", "Even", "Still", "Though", "Although", "Since", "Until", "Because", "Under", "Over",
        "Against", "Between", "Among", "Without", "Within", "During", "Despite", "Unlike", "Like", "To",
        "Of", "Is", "Was", "Has", "Had", "Did", "Does", "Will", "Would", "Could", "Should", "Can", "Where",
        "Why", "How", "What", "Who", "Whether", "Once", "So", "Yet", "Nor", "Neither", "Either",
    }
)  # fmt: skip


def sentence_words(words: Sequence[str]) -> int:
    """How many words at the start of a run open a sentence rather than name someone ("Later Clinton")."""
    count = 0
    while count < len(words) - 1 and words[count] in _SENTENCE_WORDS:
        count += 1
    return count


def find_people(text: str, segments: Sequence[Run]) -> Iterator[tuple[int, int, str, float]]:
    """Yield (start, end, rule, confidence) per person in runs cut by `people_segments`; titles and verbs
    are not part of the name."""
    for run in segments:
        if len(run.tokens) < 2:
            continue  # one word is never a full name
        words = run.words
        cue = _title_inside(words)
        if cue is not None:
            first, rule, confidence = cue, "title-cue", 0.8
        elif _title_before(text, run.start):
            first, rule, confidence = 0, "title-cue", 0.8
        elif words[0] in _NOT_FIRST_NAMES and not _has_owner(text, run):
            continue  # "The Federal Reserve": only an owner ("The Fed's Jerome Powell") could start a name
        elif not _may_have_cue(text, run, words[0]):
            continue
        else:
            first, rule, confidence = 0, "", 0.0
        last = first
        while last < len(words) and last - first < 6 and _is_name_word(words[last], last == first):
            last += 1
            if last - first >= 2 and words[last - 1].endswith(("'s", "’s")):
                break  # "Narendra Modi's Bharatiya Janata Party": the name ends at its owner's mark
        while last > first and words[last - 1] in _PARTICLES:
            last -= 1
        for i in range(first, last - 1):
            if words[i].endswith(("'s", "’s")):  # "BHP's Mike Henry": the name starts after the owner
                first = i + 1
        count = last - first
        if count < 2 or count > 5 or words[first] in _NOT_FIRST_NAMES:
            continue
        if _NOT_NAME_WORDS.intersection(w.rstrip(".") for w in words[first:last]):
            continue
        start, end = run.tokens[first][0], run.tokens[last - 1][1]
        end -= 2 if text[end - 2 : end] in ("'s", "’s") else 0
        if not rule:
            owner = words[last - 1].endswith(("'s", "’s"))  # the run goes on with what the person owns
            if last != len(words) and first == 0 and not owner:
                continue  # the run goes on past the name: "Jane Doe Foundation"
            if _APPOSITIVE.match(text, end):
                rule, confidence = "role-appositive", 0.75
            elif _SAID_AFTER.match(text, end) or _SAID_BEFORE.search(text, max(0, start - 20), start):
                rule, confidence = "speech-verb", 0.7
            elif _LED_BEFORE.search(text, max(0, start - 12), start):
                rule, confidence = "led-by", 0.7
            elif _WHO_AFTER.match(text, end):
                rule, confidence = "relative-clause", 0.65
            elif last == len(words) and count <= 3 and _AFFILIATION.match(text, end):
                rule, confidence = "affiliation", 0.55  # "Gennady Zyuganov of the Communist Party"
            elif (
                (last == len(words) or owner)
                and count <= 3
                and starts_a_name(words[first])
                and (owner or not text.endswith(PLACE_PREPOSITIONS, 0, start))  # "at John Mensah's house"
            ):
                rule, confidence = "given-name", 0.6
            else:
                continue
        yield start, end, rule, confidence


def people_segments(runs: Sequence[Run]) -> list[Run]:
    return list(_segments(runs))


def _segments(runs: Sequence[Run]) -> Iterator[Run]:
    """Runs cut at "and" and "of": "Apple CEO Tim Cook and Meta CEO Mark Zuckerberg" names two people, and
    "Alex Krauer of Ciba" a person and an organisation."""
    for run in runs:
        if len(run.tokens) < 2:
            yield run
            continue
        words = run.words
        if "and" not in words and "&" not in words and "of" not in words:
            yield run
            continue
        first = 0
        for i, word in enumerate((*words, "and")):
            # "of" ends a name only after one ("Alex Krauer of Ciba"), not a title ("Secretary of State").
            if word == "of" and (i - first < 2 or not _may_be_a_name(words[first:i])):
                continue
            if word in ("and", "&", "of"):
                if i > first:
                    tokens = run.tokens[first:i]
                    yield Run(tokens[0][0], tokens[-1][1], tokens, words[first:i])
                first = i + 1


def _may_be_a_name(words: Sequence[str]) -> bool:
    """Whether words before "of" may be someone's name: a known given name first, or two or three words
    of a name's shape, none naming a kind of body ("Azamat Toktosunov of the American University", but
    not "Zambia Chamber of Mines")."""
    if starts_a_name(words[0]):
        return True
    return (
        len(words) <= 3
        and all(_NAME_TOKEN.fullmatch(w) for w in words)
        and _NOT_NAME_WORDS.isdisjoint(words)
        and TITLE_WORDS.isdisjoint(words)  # "Foreign Minister of Ghana Samuel …": a title, then a name
    )


def _may_have_cue(text: str, run: Run, first_word: str) -> bool:
    """Whether any cue but a title could apply: a name without a title is only taken with a role or a
    speech verb right after the run or a speech verb right before it, or with a known given name. (A name
    that ends inside the run has a name word after it, not a comma or a verb, and one that starts inside
    it has an owner before it.)"""
    end = run.end
    return (
        text.startswith((",", " of "), end)
        or _SAID_AFTER.match(text, end) is not None
        or _has_owner(text, run)
        or _SAID_BEFORE.search(text, max(0, run.start - 20), run.start) is not None
        or _LED_BEFORE.search(text, max(0, run.start - 12), run.start) is not None
        or starts_a_name(first_word)
        or _owned_name(run.words) is not None
    )


def starts_a_name(word: str) -> bool:
    """A given name, or an East Asian family name, which comes first ("Jiang Zemin", "Kim Dae-jung")."""
    return word in given_names() or word in family_names_first()


def _owned_name(words: Sequence[str]) -> int | None:
    """Where a name starts after an owner: "Labour's Gordon Brown" → 1."""
    for i in range(len(words) - 2):
        if words[i].endswith(("'s", "’s")) and starts_a_name(words[i + 1]):
            return i + 1
    return None


@cache
def family_names_first() -> frozenset[str]:
    lines = data_path("family_names_first.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines if not line.startswith("#") for word in line.split())


def _has_owner(text: str, run: Run) -> bool:
    """A possessive before the last word of the run."""
    inside = text[run.start : run.end]
    return "'s " in inside or "’s " in inside


def _is_name_word(word: str, first: bool) -> bool:
    if word in _PARTICLES:
        return not first
    return _NAME_TOKEN.fullmatch(word) is not None


def _title_inside(words: Sequence[str]) -> int | None:
    """Index of the first word after the last title in a run ("ECB President Christine Lagarde" → 2)."""
    if _TITLE_FIRST_FORMS.isdisjoint(words):
        return None
    lowered = [w.lower() for w in words]
    found = None
    for i in range(len(words)):
        for n in range(min(_MAX_TITLE_WORDS, len(words) - i), 0, -1):
            if tuple(lowered[i : i + n]) in _TITLE_WORDS and len(words) - (i + n) >= 2:
                found = i + n
                break
    return found


def title_prefix(words: Sequence[str]) -> int:
    """How many words at the start of a run are a title ("President Xi" → 1)."""
    if words[0] not in _TITLE_FIRST_FORMS:
        return 0
    lowered = [w.lower() for w in words[:_MAX_TITLE_WORDS]]
    for n in range(len(lowered), 0, -1):
        if tuple(lowered[:n]) in _TITLE_WORDS:
            return n
    return 0


def _title_before(text: str, start: int) -> bool:
    """A lower-case title just before the run: "chief executive Jane Doe", "finance minister …"."""
    if start < 2 or text[start - 1] != " " or not text[start - 2].islower():
        return False
    if text[max(0, start - 50) : start - 1].rsplit(None, 1)[-1] not in _TITLE_LAST_WORDS:
        return False  # most words before a name end no title
    words = text[max(0, start - 50) : start].split()[-_MAX_TITLE_WORDS:]
    return any(tuple(words[-n:]) in _TITLE_WORDS for n in range(1, len(words) + 1))


def name_parts(full_names: set[str]) -> dict[str, str]:
    """One word → the one person it names: the surname, or the family name first ("Xi Jinping" → "Xi")."""
    by_part: dict[str, str] = {}
    for name in full_names:
        words = name.split()
        for part in {words[-1], words[0]} if len(words) == 2 else {words[-1]}:
            # Two people sharing a surname: a bare surname could be either, so it names neither.
            by_part[part] = "" if by_part.get(part, name) != name else name
    return {part: name for part, name in by_part.items() if name and len(part) >= 2}
