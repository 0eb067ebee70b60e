from explorer.store.insights import Evidence
from explorer.store.search import SearchHit
from explorer.store.store import AddResult, Store, StoreError

__all__ = ["AddResult", "Evidence", "SearchHit", "Store", "StoreError"]
