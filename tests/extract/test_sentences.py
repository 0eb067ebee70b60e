"""Sentence boundaries: which mentions share a sentence depends on them."""

from explorer.extract.sentences import sentence_starts, sentence_text


def starts_of(text: str) -> list[str]:
    return [text[start : start + 6] for start in sentence_starts(text)]


def test_full_stops_question_and_exclamation_marks_end_sentences_in_text_order():
    text = 'Is oil next? Prices rose. "Sell!" said one. (Gold held.) Markets! Done.'
    assert starts_of(text) == ["Is oil", "Prices", '"Sell!', "(Gold ", "Market", "Done."]


def test_abbreviations_initials_and_lower_case_words_do_not_end_sentences():
    text = "Mr. Powell met U.S. officials and Dr. Lee at 3 p.m. today. J. Doe left the U.S. team. Then rain."
    assert starts_of(text) == ["Mr. Po", "J. Doe", "Then r"]


def test_sentence_text_returns_one_sentence_by_index():
    text = "First one here. Second one? Third!"
    assert sentence_text(text, 1) == "Second one?"
    assert sentence_text(text, 5) == ""
