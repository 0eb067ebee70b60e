from explorer.extract.pipeline import extract, extract_text

__all__ = ["extract", "extract_text"]
