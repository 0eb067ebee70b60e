"""The network view: the panel, its scene painted in background slices, and its tables."""
