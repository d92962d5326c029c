from articles.extract.text import LEAD_MAX, lead_sentence, text_stats


def test_stats_count_words_and_paragraphs() -> None:
    stats = text_stats("Első bekezdés, két-három szó.\n\nMásodik bekezdés.\n\n\n")
    assert stats.words == 6
    assert stats.paragraphs == 2
    assert stats.characters == len("Első bekezdés, két-három szó.\n\nMásodik bekezdés.\n\n\n")


def test_lead_is_the_first_sentence() -> None:
    body = "A NATO fokozza hadgyakorlatait. Jens Stoltenberg mondta.\n\nMásodik bekezdés."
    assert lead_sentence(body) == "A NATO fokozza hadgyakorlatait."


def test_lead_does_not_split_at_abbreviated_numbers() -> None:
    assert lead_sentence("A 32 tagú szövetség 2024. július 12. óta ülésezik.") == (
        "A 32 tagú szövetség 2024. július 12. óta ülésezik."
    )


def test_long_lead_is_cut_at_a_word_boundary() -> None:
    lead = lead_sentence("szó " * 200)
    assert lead is not None
    assert len(lead) <= LEAD_MAX + 1
    assert lead.endswith("szó…")


def test_empty_body_has_no_lead() -> None:
    assert lead_sentence("  \n ") is None
