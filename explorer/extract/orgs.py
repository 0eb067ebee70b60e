"""The organisation knowledge base (data/organisations.csv): names, aliases, kind and home country."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from explorer.resources import data_path


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    kind: str  # company, exchange, regulator, media, ai_lab, …
    country: str | None

    def __reduce__(self) -> tuple[type[Organisation], tuple]:
        # Compiled (mypyc), the class unpickles only through its constructor.
        return (Organisation, (self.name, self.kind, self.country))


@cache
def organisations() -> dict[str, Organisation]:
    with data_path("organisations.csv").open(encoding="utf-8", newline="") as fh:
        return {
            row["name"]: Organisation(
                row["name"], row["kind"], (row["country"] or "").strip().upper() or None
            )
            for row in csv.DictReader(fh)
        }


@cache
def org_names() -> list[tuple[str, Organisation]]:
    """Every name, alias and ticker of every organisation in the knowledge base."""
    entries: list[tuple[str, Organisation]] = []
    with data_path("organisations.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            org = organisations()[row["name"]]
            entries.append((org.name, org))
            entries.extend(
                (alias.strip(), org) for alias in (row["aliases"] or "").split("|") if alias.strip()
            )
    return entries
