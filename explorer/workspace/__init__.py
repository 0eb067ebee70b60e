"""Changes to a workspace that need both extraction and the store: imports and corrections."""
