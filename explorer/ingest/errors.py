class IngestError(Exception):
    """A file (or one record in it) cannot be imported. The message is one line for the user."""
