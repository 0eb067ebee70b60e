"""What the reader shows: a briefing as escaped HTML with its entities, and the evidence behind them."""
