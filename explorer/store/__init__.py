from explorer.store.store import AddResult, Evidence, SearchHit, Store, StoreError

__all__ = ["AddResult", "Evidence", "SearchHit", "Store", "StoreError"]
