from explorer.extract.pipeline import extract, extract_text


def backend_name() -> str:
    """Which extractor is active, for the About box and `explorer --version`."""
    return "built-in rules (gazetteer, organisation knowledge base, name patterns)"


__all__ = ["backend_name", "extract", "extract_text"]
