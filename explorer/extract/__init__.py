from explorer.extract import compiled

compiled.activate(__path__)  # before any rule module is imported: the compiled build, where there is one

from explorer.extract.nlp import backend_description  # noqa: E402
from explorer.extract.pipeline import extract, extract_text  # noqa: E402


def backend_name() -> str:
    """Which extractor is active, for the About box and the evaluation benchmark."""
    return backend_description() + ("" if compiled.active is None else "; the rules compiled to C")


__all__ = ["backend_name", "extract", "extract_text"]
