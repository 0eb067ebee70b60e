"""The briefing list and reader, with facets."""
