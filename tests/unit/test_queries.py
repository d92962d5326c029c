"""Filters, date bounds and cursors of the query API: pure, no AWS."""

from __future__ import annotations

import pytest

from articles.queries import ArticleFilters, CursorCodec, InvalidQuery
from articles.store import MAX_ENTITY_TEXT_CHARS


def test_dates_of_any_precision_become_sortable_bounds() -> None:
    filters = ArticleFilters(
        language="hu", date_from="2024-07", date_to="2024-07-12T12:00:00+02:00"
    ).validated()

    positions = filters.positions(before=None)

    assert (positions.lower, positions.upper) == ("2024-07", "2024-07-12T10:00:00Z~")
    assert positions.lower <= "2024-07-01#id" <= positions.upper
    assert positions.lower <= "2024-07#id" <= positions.upper  # month precision counts as July
    assert not positions.upper >= "2024-07-12T10:00:01Z#id"


def test_a_month_and_a_range_intersect() -> None:
    positions = ArticleFilters(month="2024-07", date_to="2024-07-15").validated().positions(before=None)

    assert (positions.lower, positions.upper) == ("2024-07", "2024-07-15~")


def test_entity_filters_use_case_folded_names() -> None:
    assert ArticleFilters(entity="  UKRAJNA ").validated().partitions() == [
        f"ENT#{kind}#ukrajna" for kind in ("PER", "ORG", "LOC", "MISC")
    ]


def test_cursor_round_trip_and_binding() -> None:
    codec = CursorCodec(secret=b"k")
    hungarian = ArticleFilters(language="hu").validated()
    cursor = codec.encode(hungarian, "2024-07#abc")

    assert codec.decode(hungarian, cursor) == "2024-07#abc"
    with pytest.raises(InvalidQuery, match="different query"):
        codec.decode(ArticleFilters(language="de").validated(), cursor)
    with pytest.raises(InvalidQuery, match="not valid"):
        CursorCodec(secret=b"other").decode(hungarian, cursor)
    with pytest.raises(InvalidQuery, match="not valid"):
        codec.decode(hungarian, cursor[:-2])


@pytest.mark.parametrize(
    "filters",
    [
        ArticleFilters(date_from="٢٠٢٤"),  # Arabic-Indic digits: a bare \d would accept them
        ArticleFilters(month="٢٠٢٤-07"),
        ArticleFilters(entity="x" * (MAX_ENTITY_TEXT_CHARS + 1)),  # DynamoDB would refuse the key
    ],
)
def test_filters_no_stored_article_can_match_are_invalid(filters: ArticleFilters) -> None:
    with pytest.raises(InvalidQuery):
        filters.validated()
