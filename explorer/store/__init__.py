from explorer.store.insights import Evidence
from explorer.store.store import AddResult, SearchHit, Store, StoreError

__all__ = ["AddResult", "Evidence", "SearchHit", "Store", "StoreError"]
