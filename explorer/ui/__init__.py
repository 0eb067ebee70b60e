"""The Qt user interface: the only code that imports PySide6 (with the composition root, explorer.app)."""
