"""Dates as written by people → ISO YYYY-MM-DD."""

from __future__ import annotations

from datetime import date, datetime

_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d", "%d/%m/%Y")


def parse_date(text: str) -> str | None:
    """Return the date as YYYY-MM-DD, or None when it is not a date we recognise."""
    value = text.strip().strip('"').strip("'")
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def date_from_timestamp(ts: float) -> str:
    return date.fromtimestamp(ts).isoformat()
