"""Small-cell and complementary suppression, checked against an independent solver.

The suppression module reasons with graph bridges; the checker here reasons with
plain linear algebra over the rationals (is the unit vector of a hidden count in
the row space of the published equations?). Agreement between the two on random
tables is the evidence that no hidden count can be computed from the totals.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casewarden.privacy.suppression import (
    SuppressedCross,
    bridges,
    suppress_cross,
    suppress_list,
)

T = 11


def _augmented(counts: list[list[int]]) -> dict[tuple[int, int], int]:
    r, c = len(counts), len(counts[0])
    values = {(i, j): counts[i][j] for i in range(r) for j in range(c)}
    for i in range(r):
        values[i, c] = sum(counts[i])
    for j in range(c):
        values[r, j] = sum(counts[i][j] for i in range(r))
    values[r, c] = sum(values[i, c] for i in range(r))
    return values


def _published(result: SuppressedCross) -> dict[tuple[int, int], int | None]:
    r, c = len(result.row_totals), len(result.column_totals)
    shown: dict[tuple[int, int], int | None] = {}
    for i in range(r):
        for j in range(c):
            shown[i, j] = result.cells[i][j]
        shown[i, c] = result.row_totals[i]
    for j in range(c):
        shown[r, j] = result.column_totals[j]
    shown[r, c] = result.total
    return shown


def _determined(shown: dict[tuple[int, int], int | None], r: int, c: int) -> set[tuple[int, int]]:
    """Hidden positions fixed by the equations, found by Gaussian elimination over Q."""
    hidden = sorted(p for p, v in shown.items() if v is None)
    index = {p: n for n, p in enumerate(hidden)}
    rows: list[list[Fraction]] = []
    lines = [[(i, j) for j in range(c)] + [(i, c)] for i in range(r + 1)]
    lines += [[(i, j) for i in range(r)] + [(r, j)] for j in range(c + 1)]
    for line in lines:
        *inner, total = line
        row = [Fraction(0)] * len(hidden)
        for p in inner:
            if p in index:
                row[index[p]] += 1
        if total in index:
            row[index[total]] -= 1
        if any(row):
            rows.append(row)
    # Reduced row echelon form.
    pivots: list[int] = []
    rank = 0
    for col in range(len(hidden)):
        pivot = next((k for k in range(rank, len(rows)) if rows[k][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][col]
        rows[rank] = [v / lead for v in rows[rank]]
        for k in range(len(rows)):
            if k != rank and rows[k][col] != 0:
                factor = rows[k][col]
                rows[k] = [a - factor * b for a, b in zip(rows[k], rows[rank], strict=True)]
        pivots.append(col)
        rank += 1
    fixed = set()
    for k, col in enumerate(pivots):
        if all(v == 0 for n, v in enumerate(rows[k]) if n != col):
            fixed.add(hidden[col])
    return fixed


def _check_protected(counts: list[list[int]], result: SuppressedCross) -> None:
    r, c = len(counts), len(counts[0])
    values = _augmented(counts)
    shown = _published(result)
    # Shown counts are the true counts; every count from 1 to 10 is hidden.
    for position, value in values.items():
        if shown[position] is not None:
            assert shown[position] == value, position
        if 0 < value < T:
            assert shown[position] is None, ("small count shown", position, value)
    # Nothing hidden can be computed exactly from what is shown.
    assert _determined(shown, r, c) == set()
    # In every line with a shown total, the hidden counts add up to at least T.
    lines = [[(i, j) for j in range(c)] + [(i, c)] for i in range(r + 1)]
    lines += [[(i, j) for i in range(r)] + [(r, j)] for j in range(c + 1)]
    for line in lines:
        *inner, total = line
        hidden = [values[p] for p in inner if shown[p] is None]
        if shown[total] is not None and hidden:
            assert sum(hidden) >= T, ("narrow line", line)


@pytest.mark.parametrize(
    ("counts", "expected", "total"),
    [
        ([50, 30, 20], (50, 30, 20), 100),  # nothing small
        ([50, 5, 30], (50, None, None), 85),  # one small: its smallest neighbour hides too
        ([50, 5, 3, 30], (50, None, None, None), 88),  # 5+3 < 11 would bound both: hide 30
        ([5, 3], (None, None), None),  # total under 11 too
        ([20, 1, 1], (None, None, None), 22),
        ([0, 0, 40], (0, 0, 40), 40),  # zeros describe nobody and stay
        ([0, 7, 40], (0, None, None), 47),
        ([12, 12], (12, 12), 24),
        ([], (), 0),
        ([7], (None,), None),
    ],
)
def test_lists(counts: list[int], expected: tuple[int | None, ...], total: int | None) -> None:
    result = suppress_list(counts, T)
    assert result.counts == expected
    assert result.total == total


def test_a_list_sharing_a_hidden_total_hides_a_count_too() -> None:
    result = suppress_list([30, 40], T, hide_total=True)
    assert result.total is None
    assert result.counts.count(None) == 1  # else the total would be the sum of the shown


@pytest.mark.parametrize(
    "counts",
    [
        [[20, 5, 30], [25, 40, 12], [3, 50, 60]],
        [[5]],
        [[40, 40], [40, 4]],
        [[0, 0], [0, 3]],
        [[12, 13, 14], [15, 16, 17]],
        # Two blocks of small counts joined by one row: the classic bridge.
        [[3, 4, 50, 50], [4, 3, 50, 50], [50, 50, 3, 4], [50, 50, 4, 3]],
    ],
)
def test_cross_tables(counts: list[list[int]]) -> None:
    _check_protected(counts, suppress_cross(counts, T))


def test_a_table_without_small_counts_is_published_whole() -> None:
    counts = [[12, 13, 14], [15, 16, 17]]
    result = suppress_cross(counts, T)
    assert result.cells == ((12, 13, 14), (15, 16, 17))
    assert result.row_totals == (39, 48)
    assert result.column_totals == (27, 29, 31)
    assert result.total == 87


def test_the_checker_can_fail() -> None:
    """One hidden cell in a row with a shown total is determined: the checker sees it."""
    result = SuppressedCross(
        cells=((None, 30), (25, 40)), row_totals=(50, 65), column_totals=(45, 70), total=115
    )
    assert _determined(_published(result), 2, 2) == {(0, 0)}


@pytest.mark.parametrize(
    ("nodes", "edges", "expected"),
    [
        (2, [(0, 1)], {0}),
        (3, [(0, 1), (1, 2), (2, 0)], set()),
        (4, [(0, 1), (1, 2), (2, 0), (2, 3)], {3}),
        (6, [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3)], {3}),
        (4, [(0, 1), (2, 3)], {0, 1}),
    ],
)
def test_bridges(nodes: int, edges: list[tuple[int, int]], expected: set[int]) -> None:
    assert bridges(nodes, edges) == expected


counts_tables = st.integers(min_value=1, max_value=6).flatmap(
    lambda rows: st.integers(min_value=1, max_value=8).flatmap(
        lambda columns: st.lists(
            st.lists(
                st.one_of(st.integers(0, 12), st.integers(13, 200)),
                min_size=columns,
                max_size=columns,
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(counts_tables)
def test_random_tables_are_protected(counts: list[list[int]]) -> None:
    _check_protected(counts, suppress_cross(counts, T))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 12), st.integers(13, 500)), max_size=20))
def test_random_lists_are_protected(counts: list[int]) -> None:
    result = suppress_list(counts, T)
    hidden = [v for v, shown in zip(counts, result.counts, strict=True) if shown is None]
    for value, shown in zip(counts, result.counts, strict=True):
        assert shown is None or shown == value
        assert not 0 < value < T or shown is None
    unknowns = len(hidden) + (result.total is None)
    assert unknowns != 1
    if result.total is not None and hidden:
        assert sum(hidden) >= T


@pytest.mark.parametrize(
    "also",
    [[(0, 0)], [(1, 3)], [(2, 1)], [(2, 3)], [(0, 3), (1, 0)]],
    ids=["cell", "row total", "column total", "grand total", "two"],
)
def test_counts_hidden_for_a_correction_get_complements_too(also: list[tuple[int, int]]) -> None:
    counts = [[40, 25, 30], [50, 60, 70]]
    result = suppress_cross(counts, T, also_hide=also)
    shown = _published(result)
    assert all(shown[p] is None for p in also)
    assert _determined(shown, 2, 3) == set()


@pytest.mark.parametrize(
    ("also", "hide_total", "expected", "total"),
    [
        ([0], False, (None, 30, None), 90),  # one hidden in a line with its total: a complement
        ([], True, (40, 30, None), None),  # the total changed a little: a member hides too
        ([1], True, (40, None, 20), None),  # two unknowns in one equation: neither fixed
    ],
)
def test_list_counts_hidden_for_a_correction_get_complements_too(
    also: list[int], hide_total: bool, expected: tuple[int | None, ...], total: int | None
) -> None:
    result = suppress_list([40, 30, 20], T, hide_total=hide_total, also_hide=also)
    assert (result.counts, result.total) == (expected, total)
