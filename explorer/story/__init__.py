"""Stories for a briefing room: ordered steps, each a filter, map view, briefing, layout and caption."""
