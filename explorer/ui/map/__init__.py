"""The map view: the web page in a QWebEngineView, its bridge, snapshots and the export dialog."""
