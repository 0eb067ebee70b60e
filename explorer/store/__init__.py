"""The workspace database: SQL and migrations only (an SQLite file, or a team's PostgreSQL server)."""

from explorer.store.correction_log import CorrectionRecord
from explorer.store.search import SearchHit
from explorer.store.store import Store, StoreError
from explorer.store.writing import AddResult

__all__ = ["AddResult", "CorrectionRecord", "SearchHit", "Store", "StoreError"]
