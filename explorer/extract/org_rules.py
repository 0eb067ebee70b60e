"""Organisations the knowledge base does not know, found by the shape of their names (lower confidence).

"Acme Robotics Inc", "Ministry of Commerce", "Northwind Minerals (ASX: NWM)", "Meta's lab".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from explorer.extract.org_cues import OPENERS, find_described_orgs
from explorer.extract.runs import CONNECTORS, Run

_SUFFIXES = frozenset(
    {"Inc", "Corp", "Corporation", "Group", "Holdings", "Ltd", "Limited", "LLC", "PLC", "plc", "AG", "SE",
     "NV", "N.V", "S.A", "GmbH", "Co", "Bank", "Ministry", "Agency", "Authority", "Commission", "Institute",
     "University", "Fund", "Partners", "Technologies", "Systems", "Airlines", "Motors", "Pharmaceuticals",
     "Labs", "Capital", "Securities", "Investments", "Mining", "Resources", "Minerals", "Semiconductor",
     "Electronics", "Robotics", "Biotech", "Therapeutics", "Brothers", "Industries", "Airways", "Court",
     "Committee", "Council", "Exchange", "Observatory", "Board", "Federation", "Confederation", "Party",
     "Front", "Movement", "League", "Cross", "Crescent", "Association", "Union", "Army", "Corps",
     "Foundation", "Society", "Assembly", "Organisation", "Organization", "Club", "Police", "Service",
     "Democrats", "Socialists", "Liberals", "Conservatives", "Republicans", "Alliance", "Coalition",
     "Fighters", "Platform", "Workers", "Steelworkers", "Survey", "Command", "Force", "Guard", "Yuan",
     "Sabha", "Tribunal", "Consortium", "Company", "Terminals", "Petroleum", "Forces", "Forum", "Railway",
     "Railways"}
)  # fmt: skip
_FORCES = frozenset({"Forces", "Army", "Navy", "Police", "Guard", "Troops"})
# A company's name does not go on with "of": "CK Hutchison Holdings of Hong Kong" is a company and a place
# (a public body's does: "Commission on Human Rights", "Japan Bank for International Cooperation").
_COMPANY_ENDINGS = frozenset(
    {"Inc", "Corp", "Corporation", "Holdings", "Ltd", "Limited", "LLC", "PLC", "plc", "AG", "SE", "NV",
     "N.V", "S.A", "GmbH", "Co", "Partners", "Technologies", "Systems", "Airlines", "Motors", "Labs",
     "Securities", "Investments", "Mining", "Resources", "Minerals", "Semiconductor", "Electronics",
     "Industries", "Airways", "Company", "Terminals", "Petroleum"}
)  # fmt: skip
# Words that go on from a known organisation's name to its full one: "Toyota Motor Corp", "Sony Corp".
# Words that end or begin an organisation's name, for rules that must tell a name of a thing from a person's.
NAME_HEADS = _SUFFIXES | {"Ministry", "Department", "Bank", "Office", "Bureau", "Agency", "Commission"}
_NAME_ENDINGS = re.compile(
    r"(?: (?:Motors?|Mining|Securities|Holdings|Group|Industries|Brothers|Copper & Gold|Gold|Petroleum|Oil|"
    r"Electric|Steel|Chemicals?|Financial|Airways|Airlines|International|Resources|Minerals|Energy|"
    r"Shipping|Ports|Semiconductors?|Solutions|Electronics|Technologies|Systems|Networks|Heavy|"
    r"Pharmaceuticals?|Logistics|Investments?|Insurance|"
    r"Corp|Corporation|Inc|Ltd|Limited|Plc|PLC|plc|AG|SA|S\.A\.|NV|N\.V\.|SE|Co|LLC|GmbH)(?![\w-]|\.\w))+"
)
# Words in capitals that name no organisation: measures, jobs, technologies, time.
_NOT_ACRONYMS = frozenset(
    {"CEO", "CFO", "COO", "CTO", "CIO", "GDP", "GNP", "CPI", "PPI", "PMI", "IPO", "ETF", "EV", "EVs", "AI",
     "API", "CPU", "GPU", "LNG", "LPG", "TV", "PC", "IT", "HR", "PR", "VAT", "DNA", "HIV", "AIDS", "COVID",
     "SARS", "MW", "GW", "KW", "TWh", "MWh", "GWh", "ESG", "NGO", "NGOs", "SUV", "SUVs", "GMT", "UTC",
     "AM", "PM", "BC", "AD", "OK", "USD", "EUR", "GBP", "JPY", "CNY", "FY", "YOY", "QE", "FDI", "OTC",
     "ADR", "ADRs", "IMO", "RPM", "MPH", "KM", "CO2", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI",
     "ICBM", "ICBMs", "UAV", "UAVs", "LED", "LCD", "OLED", "SIM", "SMS", "USB", "WTI", "FOB", "CIF",
     "GHz", "MHz", "NAV", "EPS", "PE", "ROE", "M&A", "R&D", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "B2B",
     "HQ", "MP", "MPs", "PhD", "MBA", "DJ", "CD", "DVD", "RNA", "TB", "KO", "ATP", "WTA", "AGM", "EGM"}
)  # fmt: skip
# English words written in capitals for emphasis: "BAD news", "in MAY".
_SHOUTED_WORDS = frozenset(
    {"ALERT", "ALL", "AND", "ARE", "BAD", "BIG", "BREAKING", "BUT", "CAN", "CUT", "CUTS", "EVER",
     "FALL", "FLASH", "FOR", "FREE", "GAS", "GET", "GOOD", "HAD", "HAS", "HIGH", "HIT", "HITS", "ITS",
     "JUST", "LAST", "LESS", "LIVE", "LOW", "MAY", "MORE", "MOST", "MUST", "NEVER", "NEW", "NEWS",
     "NEXT", "NOT", "NOTE", "NOW", "OFF", "OIL", "ONE", "ONLY", "OUR", "OUT", "RISE", "SAID", "SALE",
     "SAYS", "SET", "STOP", "TEN", "THE", "TOP", "TWO", "UPDATE", "URGENT", "VERY", "WAR", "WAS",
     "WATCH", "WILL", "WIN", "WINS", "YES", "YOU"}
)  # fmt: skip
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}")
_PREFIXES = frozenset(
    {"Ministry", "Department", "Bank", "Office", "Bureau", "Agency", "Commission", "Institute", "University",
     "Council", "Confederation", "Federation", "Board", "Organisation", "Organization", "Movement",
     "Alliance", "League", "Party", "Union", "Association", "Committee", "Court", "Front", "Army",
     "Community", "Centre", "Center", "Forces"}
)  # fmt: skip
_EXCHANGES = {
    "NYSE": "US", "Nasdaq": "US", "NASDAQ": "US", "ASX": "AU", "TSX": "CA", "LSE": "GB", "HKEX": "HK",
    "SEHK": "HK", "TSE": "JP", "SGX": "SG", "KRX": "KR", "NSE": "IN", "BSE": "IN", "TWSE": "TW",
    "SSE": "CN", "SZSE": "CN", "JSE": "ZA", "B3": "BR", "Euronext": None, "Xetra": "DE",
}  # fmt: skip
# Reuters-style instrument codes: an exchange's suffix after the symbol ("GLEN.L", "0981.HK", "5401.T").
_SUFFIX_EXCHANGES = {
    "L": "GB", "HK": "HK", "T": "JP", "KS": "KR", "KQ": "KR", "DE": "DE", "F": "DE", "AX": "AU",
    "CO": "DK", "PA": "FR", "AS": "NL", "SW": "CH", "TO": "CA", "V": "CA", "MI": "IT", "MC": "ES",
    "ST": "SE", "OL": "NO", "HE": "FI", "SS": "CN", "SZ": "CN", "BO": "IN", "NS": "IN", "SI": "SG",
    "TW": "TW", "JK": "ID", "SA": "BR", "MX": "MX", "JO": "ZA", "BR": "BE", "LS": "PT", "IR": "IE",
    "VI": "AT", "WA": "PL", "IS": "TR", "TA": "IL", "SR": "SA", "KL": "MY", "BK": "TH", "NZ": "NZ",
    "N": "US", "O": "US", "OQ": "US",
}  # fmt: skip
_SUFFIX_NAMES = "|".join(sorted(_SUFFIX_EXCHANGES, key=len, reverse=True))
_SYMBOL = (
    r"(?<![\w.])(?P<symbol>(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{2,6}(?:-[A-Z]{1,2})?|[0-9]{4,6})"
    rf"\.(?P<suffix>{_SUFFIX_NAMES})(?![\w.])"
)
_INSTRUMENT = re.compile(_SYMBOL)
# Where an instrument code may end: a cheap scan for ".L", ".HK"… (the capital or digit before is checked
# after: a lookbehind first would make the engine try every position), so that the full pattern runs
# only at the few places it can match.
_EXCHANGE_DOT = re.compile(rf"\.(?:{_SUFFIX_NAMES})(?![\w.])")
_CODE_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_TICKER = re.compile(rf" \((?:(?P<exchange>{'|'.join(_EXCHANGES)}): ?[A-Z0-9.]{{1,8}}|{_SYMBOL})\)")
# Legal forms written before a company's name, and the country they belong to.
# Words for a company or a group in the languages of the news (a name holding one is a company's).
_FOREIGN_COMPANY_WORDS = frozenset(
    {"Grupa", "Grupo", "Groupe", "Gruppe", "Gruppo", "Compañía", "Companhia", "Compagnie", "Compagnia",
     "Sociedad", "Société", "Società", "Sociedade", "Gesellschaft", "Empresa", "Empresas", "Minera",
     "Mineração", "Industrias", "Indústrias", "Industrie", "Aktiengesellschaft", "Spółka", "Kabushiki",
     "Kaisha", "Perusahaan", "Şirketi"}
)  # fmt: skip
# Words for a public body, a university or a party in the languages of the news: a name holding one is an
# organisation's ("Universidad de Chile", "Banco Central de la República Argentina").
_FOREIGN_BODY_WORDS = frozenset(
    {"Universidad", "Universidade", "Université", "Universiti", "Universität", "Universitat", "Banco",
     "Banque", "Partido", "Parti", "Unión", "Frente", "Instituto", "Institut", "Ministerio", "Ministério",
     "Ministère", "Comisión", "Consejo", "Conseil", "Fundación", "Fundação", "Fondation", "Asociación",
     "Federación", "Confederación", "Sindicato", "Movimiento", "Corporación", "Agencia", "Servicio"}
)  # fmt: skip
_FOREIGN_WORDS = _FOREIGN_COMPANY_WORDS | _FOREIGN_BODY_WORDS
# A name joined with the Persian and Urdu "-e-" or "-i-" ("Lashkar-e-Taiba", "Tehrik-i-Taliban"): in the
# news, a party's or an armed group's.
_IZAFE = re.compile(r"[A-Z][a-z]+-[ei]-[A-Z][a-z]+")
_COMPANY_FORMS = {"PT": "ID", "PJSC": "RU", "OAO": "RU", "OOO": "RU", "JSC": None, "CV": None}
_LAB = re.compile(r" (?:(?:AI|research|artificial intelligence) )?lab\b")
_MAX_WORDS = 6
_MAX_BODY_WORDS = 8  # "Nigerian Midstream and Downstream Petroleum Regulatory Authority"
# Roles written between a body's name and a person's: "Bank of Japan Governor Kazuo Ueda".
_ROLES = frozenset(
    {"Governor", "Chairman", "Chairwoman", "President", "Chief", "CEO", "Spokesman", "Spokeswoman",
     "Spokesperson", "Secretary", "Minister", "Commissioner", "Economist", "Analyst", "Strategist", "Head"}
)  # fmt: skip
# Public bodies, whose names may join two fields with "and".
_BODIES = frozenset(
    {"Ministry", "Authority", "Commission", "Council", "Committee", "Agency", "Board", "Bureau",
     "Organisation", "Organization", "Association", "Federation"}
)  # fmt: skip


class OrgMatch(NamedTuple):
    start: int
    end: int
    name: str
    kind: str
    country: str | None
    rule: str
    confidence: float


def national_force(name: str) -> bool:
    """A word and a force's: "Israeli Forces", "Nigerian Army" (a country's forces, when the word is a
    demonym)."""
    words = name.split(" ")
    return len(words) == 2 and words[1] in _FORCES


def name_ending(text: str, end: int) -> int:
    """Where a known organisation's full name ends: "Toyota" + " Motor Corp"."""
    found = _NAME_ENDINGS.match(text, end)
    return found.end() if found else end


def find_unknown_orgs(text: str, runs: Sequence[Run]) -> Iterator[OrgMatch]:
    named = set()  # instrument codes already named after the company before them
    for match in _find_unknown_orgs(text, runs):
        if match.rule == "org-pattern:ticker":
            named.add(match.start)
        yield match
    for start, end, rule, confidence in find_described_orgs(text, runs):
        name = text[start:end]
        yield OrgMatch(start, end, name, _kind_of(name), None, rule, confidence)
    for dot in _EXCHANGE_DOT.finditer(text):  # an instrument code on its own: "Shares of 005930.KS"
        if not dot.start() or text[dot.start() - 1] not in _CODE_END:
            continue
        start = max(0, dot.start() - 9)
        code = next((c for c in _INSTRUMENT.finditer(text, start, dot.end()) if c.end() == dot.end()), None)
        if code is not None and code.start() not in named:
            country = _SUFFIX_EXCHANGES[code.group("suffix")]
            yield OrgMatch(
                code.start(), code.end(), code.group(), "company", country, "org-pattern:code", 0.6
            )


def _find_unknown_orgs(text: str, runs: Sequence[Run]) -> Iterator[OrgMatch]:
    for run in runs:
        end = run.end
        if "-e-" in text[run.start : end] or "-i-" in text[run.start : end]:
            joined = [i for i, w in enumerate(run.words) if _IZAFE.fullmatch(w)]
            for last in joined:  # "Lashkar-e-Taiba and the Jamaat-e-Islami"
                yield _org(text, run, _name_start(run.words, last + 1), last + 1, "izafe", 0.6, None)
            if joined:
                continue
        if (
            text.startswith(" party", end)
            and not text[end + 6 : end + 7].isalnum()
            and not text[run.start - 1 : run.start].isalpha()  # a name not cut out of a word ("weSizwe")
        ):
            first = _name_start(run.words, len(run.words))  # "Modi's Bharatiya Janata party"
            if run.words[first] not in OPENERS:
                yield _org(text, run, first, len(run.words), "party", 0.6, None)._replace(kind="party")
                continue
        follows = text.startswith(" (", end)
        possessive = text[end - 1] == "s" and text[end - 2] in "'’"
        if len(run.tokens) < 2 and not follows and not possessive:
            word = run.words[0]
            if (
                word.isupper()
                and word not in _NOT_ACRONYMS
                and word not in _SHOUTED_WORDS
                and _ACRONYM.fullmatch(word)
            ):  # "PLO", "ETA"
                yield OrgMatch(run.start, end, word, "acronym", None, "org-pattern:acronym", 0.5)
            continue  # one word: only a ticker or "X's lab" can make it an organisation
        words = run.words
        ticker = _TICKER.match(text, end) if follows else None
        if ticker:
            first = _name_start(words, len(words))
            exchange, suffix = ticker.group("exchange"), ticker.group("suffix")
            country = _EXCHANGES[exchange] if exchange else _SUFFIX_EXCHANGES[suffix]
            company = _org(text, run, first, len(words), "ticker", 0.7, country)
            yield company
            if suffix:  # the code names the company too ("Glencore (GLEN.L)"); its home is the company's
                yield company._replace(start=ticker.start("symbol"), end=ticker.end("suffix"), country=None)
            continue
        if possessive and _LAB.match(text, end):
            first = _name_start(words, len(words))
            match = _org(text, run, first, len(words), "lab", 0.6, None, trim=2)
            yield match._replace(kind="ai_lab")
            continue
        if any(w in _FOREIGN_WORDS for w in words) and len(words) >= 2:
            found = list(_foreign_names(text, run))
            yield from found
            if found:
                continue
        if words[0] in _COMPANY_FORMS and len(words) >= 2:  # "PT Vale Indonesia", "PJSC Lukoil"
            last = min(len(words), _MAX_WORDS)
            while words[last - 1] in CONNECTORS:
                last -= 1
            yield _org(text, run, 0, last, "company-form", 0.65, _COMPANY_FORMS[words[0]])
            continue
        i = 0  # a run may hold several names: "… of Cocoa Growers and the Communist Party of Nepal"
        while i < len(words):
            word = words[i]
            if word in _PREFIXES and i + 2 < len(words) and words[i + 1] in ("of", "for"):
                first = _name_start(words, i + 1)  # "National Federation of Coffee Growers"
                if word in _BODIES:  # "Water and Sanitation Ministry of …"
                    first = _name_start_across_and(words, first, i)
                last = _second_name_cut(words, i + 2, min(len(words), i + _MAX_BODY_WORDS))
                while words[last - 1] in CONNECTORS:
                    last -= 1
                yield _org(text, run, first, last, "prefix", 0.6, None)
                i = last
            elif word.rstrip(".") in _SUFFIXES and i >= 1:
                last = i  # "Acme Robotics Inc": the suffixes run on
                while last + 1 < len(words) and words[last + 1].rstrip(".") in _SUFFIXES:
                    last += 1
                first = _name_start(words, last + 1)
                if words[last] in _BODIES:  # "Energy and Mineral Resources Ministry"
                    first = _name_start_across_and(words, first, last)
                # "Japan Bank for International Cooperation", "Commission on Human Rights"
                if (
                    last + 2 < len(words)
                    and words[last + 1] in ("of", "for", "on")
                    and not (words[last + 1] == "of" and words[last] in _COMPANY_ENDINGS)
                ):
                    stop = _second_name_cut(words, last + 2, min(len(words), last + _MAX_WORDS))
                    while words[stop - 1] in CONNECTORS:
                        stop -= 1
                    last = stop - 1
                # "Acme Robotics Inc"; "the Minerals Commission", all of it words of a body's name
                if first < i or (first == i < last and words[last] not in _COMPANY_ENDINGS):
                    yield _org(text, run, first, last + 1, "suffix", 0.6, None)
                i = last + 1
            else:
                i += 1


def _foreign_names(text: str, run: Run) -> Iterator[OrgMatch]:
    """Names holding a company's or a body's word of another language ("Polska Grupa Zbrojeniowa",
    "Sociedad Química y Minera de Chile"): the run after any owner, or each part of it that holds such a
    word where "and" joins two ("the Banco Central … and Unión por la Patria")."""
    words = run.words
    cuts = [i for i, w in enumerate(words) if w == "and" and not _FOREIGN_WORDS.isdisjoint(words[i + 1 :])]
    for lo, hi in zip([0, *(c + 1 for c in cuts)], [*cuts, len(words)], strict=True):
        # After the part's owner: "Brazil's Universidade de São Paulo"
        first = max((i + 1 for i in range(lo, hi) if words[i].endswith(("'s", "’s"))), default=lo)
        while first < hi - 1 and words[first] in OPENERS:
            first += 1
        last = min(hi, first + _MAX_BODY_WORDS)
        while last > first and words[last - 1] in CONNECTORS:
            last -= 1
        if last - first >= 2 and not _FOREIGN_WORDS.isdisjoint(words[first:last]):
            yield _org(text, run, first, last, "company-word", 0.6, None)


def _second_name_cut(words: Sequence[str], start: int, stop: int) -> int:
    """Where a name that goes on with "of" or "for" ends, at most `stop`: at an "and" that begins a
    second name ("… of Cocoa Growers and the Communist Party"), not at one inside the name
    ("Organisation for Security and Cooperation"); at a role before a person's name."""
    for at in range(start, stop):
        if words[at] in _ROLES and at + 1 < len(words) and words[at + 1] not in CONNECTORS:
            return at  # "Bank of Japan Governor Kazuo Ueda": a person's role and name follow the body's
        if words[at] != "and":
            continue
        rest = words[at + 1 : stop]
        if not rest or rest[0] in ("the", "a", "an") or any(w in _PREFIXES or w in _SUFFIXES for w in rest):
            return at
    return stop


def _name_start_across_and(words: Sequence[str], first: int, last: int) -> int:
    """A public body's name may join two fields with "and" ("Energy and Mineral Resources Ministry");
    its first word, going back over one such "and" when capitalised words that are no other name
    stand before it."""
    if first < 2 or words[first - 1] != "and":
        return first
    before = _name_start(words, first - 1)
    joined = words[before : first - 1]
    if not joined or last + 1 - before > _MAX_BODY_WORDS:
        return first
    if any(not w[:1].isupper() or w in _SUFFIXES or w in _PREFIXES for w in joined):
        return first
    return before


def _name_start(words: Sequence[str], end: int) -> int:
    """The first word of the name that ends at `end`: back to a connector, a possessive or a sentence word."""
    first = end - 1
    while first > 0 and end - first < _MAX_WORDS:
        previous = words[first - 1]
        if previous in CONNECTORS or previous in OPENERS or previous.endswith(("'s", "’s")):
            break
        first -= 1
    while first < end - 1 and words[first] in OPENERS:
        first += 1
    return first


def _org(
    text: str,
    run: Run,
    first: int,
    end: int,
    rule: str,
    confidence: float,
    country: str | None,
    trim: int = 0,
) -> OrgMatch:
    start, stop = run.tokens[first][0], run.tokens[end - 1][1] - trim
    if not trim and text[stop - 2 : stop] in ("'s", "’s"):
        stop -= 2  # "the Bank of Japan's board": the owner's mark is not part of the name
    name = text[start:stop].rstrip(".")
    return OrgMatch(start, stop, name, _kind_of(name), country, f"org-pattern:{rule}", confidence)


def _kind_of(name: str) -> str:
    words = name.split()
    if words[0] in {"Ministry", "Department", "Office", "Bureau", "Agency", "Council"} or words[-1] in {
        "Ministry",
        "Agency",
        "Authority",
        "Commission",
    }:
        return "government"
    if words[-1] == "Bank" or name.startswith("Bank of"):
        return "bank"
    if words[-1] in {"Institute", "University"} or words[0] in {"Institute", "University"}:
        return "research"
    return "company"
