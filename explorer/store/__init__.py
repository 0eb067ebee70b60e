from explorer.store.store import AddResult, SearchHit, Store, StoreError

__all__ = ["AddResult", "SearchHit", "Store", "StoreError"]
