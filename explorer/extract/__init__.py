from explorer.extract.nlp import backend_description
from explorer.extract.pipeline import extract, extract_text


def backend_name() -> str:
    """Which extractor is active, for the About box and the evaluation benchmark."""
    return backend_description()


__all__ = ["backend_name", "extract", "extract_text"]
