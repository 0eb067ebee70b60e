"""A story and its steps as plain data, read from and written to JSON (the files that travel between desks).

The JSON accepts at least `{"name": str, "steps": [{"caption": str, "query": str, "countries": ["AU"]}]}`.
A step may also carry "entities" ([{"name", "kind"}]: found by name in the workspace it is played in),
"briefing" (a title), "layout" ("map", "map + reader", "map + network"), "view" ({"center": [lat, lon],
"zoom": z}), "date_from" and "date_to".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from explorer.model import ENTITY_KINDS, Filter

LAYOUTS = ("map", "map + reader", "map + network")
MAX_STEPS = 200


class StoryError(ValueError):
    """A story file or step that cannot be used; the message is meant for the user."""


@dataclass(frozen=True)
class StoryStep:
    caption: str
    query: str = ""
    countries: tuple[str, ...] = ()
    entities: tuple[tuple[str, str], ...] = ()  # (name, kind)
    briefing: str = ""  # a briefing's title
    layout: str = "map + reader"
    view: tuple[float, float, float] | None = None  # lat, lon, zoom
    date_from: str | None = None
    date_to: str | None = None

    def filter(self, entity_ids: Callable[[str, str], list[int]]) -> Filter:
        """The step's filter in a workspace; `entity_ids(kind, name)` finds its entities there."""
        ids = tuple(i for name, kind in self.entities for i in entity_ids(kind, name)[:1])
        return Filter(
            query=self.query,
            countries=self.countries,
            entity_ids=ids,
            date_from=self.date_from,
            date_to=self.date_to,
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "caption": self.caption,
            "query": self.query,
            "countries": list(self.countries),
        }
        if self.entities:
            data["entities"] = [{"name": name, "kind": kind} for name, kind in self.entities]
        if self.briefing:
            data["briefing"] = self.briefing
        data["layout"] = self.layout
        if self.view:
            data["view"] = {"center": [self.view[0], self.view[1]], "zoom": self.view[2]}
        for key in ("date_from", "date_to"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass(frozen=True)
class Story:
    name: str
    steps: tuple[StoryStep, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "steps": [s.to_json() for s in self.steps]}

    @classmethod
    def from_json(cls, data: Any) -> Story:
        if not isinstance(data, dict):
            raise StoryError("a story is a JSON object with a name and steps")
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise StoryError('a story needs a "name" (text)')
        steps = data.get("steps")
        if not isinstance(steps, list):
            raise StoryError('a story needs "steps" (a list)')
        if len(steps) > MAX_STEPS:
            raise StoryError(f"a story has at most {MAX_STEPS} steps, this one has {len(steps)}")
        return cls(name.strip(), tuple(_step(s, n) for n, s in enumerate(steps, start=1)))


def _step(data: Any, number: int) -> StoryStep:
    where = f"step {number}"
    if not isinstance(data, dict):
        raise StoryError(f"{where}: a step is a JSON object")
    caption = _text(data, "caption", where)
    countries = data.get("countries", [])
    if not isinstance(countries, list) or not all(isinstance(c, str) and len(c) == 2 for c in countries):
        raise StoryError(f'{where}: "countries" is a list of two-letter codes such as "AU"')
    entities = []
    for entity in data.get("entities", []) or []:
        if not isinstance(entity, dict) or not isinstance(entity.get("name"), str):
            raise StoryError(f'{where}: each of "entities" is {{"name": …, "kind": …}}')
        kind = entity.get("kind", "")
        if kind and kind not in ENTITY_KINDS:
            raise StoryError(f"{where}: unknown kind {kind!r}; use one of {', '.join(ENTITY_KINDS)}")
        entities.append((entity["name"], kind))
    layout = data.get("layout", "map + reader")
    if layout not in LAYOUTS:
        raise StoryError(f"{where}: layout is one of {', '.join(LAYOUTS)}")
    view = data.get("view")
    parsed_view = None
    if view is not None:
        try:
            (lat, lon), zoom = view["center"], view["zoom"]
            parsed_view = (float(lat), float(lon), float(zoom))
        except (KeyError, TypeError, ValueError) as exc:
            raise StoryError(f'{where}: "view" is {{"center": [lat, lon], "zoom": z}}') from exc
    return StoryStep(
        caption=caption,
        query=_text(data, "query", where, required=False),
        countries=tuple(c.upper() for c in countries),
        entities=tuple(entities),
        briefing=_text(data, "briefing", where, required=False),
        layout=layout,
        view=parsed_view,
        date_from=data.get("date_from") or None,
        date_to=data.get("date_to") or None,
    )


def _text(data: dict, key: str, where: str, required: bool = True) -> str:
    value = data.get(key, None if required else "")
    if not isinstance(value, str):
        raise StoryError(f'{where}: "{key}" is text')
    return value
