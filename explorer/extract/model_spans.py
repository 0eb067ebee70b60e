"""Which of the statistical model's organisations and people join the rules' findings: only where no rule
found anything, and never where the span would hide or join places."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from explorer.extract.nlp import NlpMatch
from explorer.extract.people import PLACE_PREPOSITIONS
from explorer.extract.runs import CONNECTORS
from explorer.extract.spans import SpanIndex


def kept_model_spans(
    text: str,
    matches: Iterable[NlpMatch],
    places: set[tuple[int, int]],
    demonyms: Iterable[tuple[int, int]],
    ruled: Iterable[tuple[int, int]],
) -> Iterator[NlpMatch]:
    """`places`: the spans of listed places and countries; `demonyms`: those of demonyms; `ruled`: the
    spans the knowledge base and the rules found organisations and people at."""
    listed, demonym_index, ruled_index = SpanIndex(places), SpanIndex(demonyms), SpanIndex(ruled)
    for match in matches:
        start, end = match.start, match.end
        if (start, end) in places:
            continue  # places come from the gazetteer
        if demonym_index.overlaps(start, end):
            continue  # "Dutch TTF", "American AI": the model's span would hide the demonym
        if ruled_index.overlaps(start, end):
            continue  # the knowledge base and the rules win wherever they found something
        if listed.overlaps(start, end) and any(
            w.islower() and w not in CONNECTORS for w in text[start:end].split(" ")
        ):
            continue  # "Maputo in Mozambique": places and the words between them, not one name
        if match.kind == "person" and text.endswith(PLACE_PREPOSITIONS, 0, start):
            continue  # "in Khan Younis", "at Matarani": the model's people there are mostly places
        yield match
