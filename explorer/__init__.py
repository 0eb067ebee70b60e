"""Briefing Explorer: an offline map and entity explorer for news-intelligence briefings."""

__version__ = "0.1.0"
