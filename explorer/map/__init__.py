"""The map: what it shows for a filter (payload), the page, the files it may load, and its exports."""
