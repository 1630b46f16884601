"""Small-cell and complementary suppression for published counts.

The California Health and Human Services Data De-identification Guidelines flag
counts under 11. casewarden suppresses every published count from 1 to 10
(*primary* suppression; a zero describes nobody and is shown), then hides further
counts (*complementary* suppression) until no hidden count can be worked out from
what is shown:

* **Exactly.** A table with row totals, column totals and a grand total is the
  system "every row and every column adds up". Write it as an augmented table —
  the row totals as an extra column, the column totals as an extra row, the grand
  total in the corner, totals with a minus sign — and every row and column of it
  sums to zero. The hidden counts are then the edges of a bipartite graph (row
  lines on one side, column lines on the other), and a hidden count is fixed by
  the shown ones exactly when its edge lies on no cycle: when it is a *bridge*.
  (The unknowns' freedom is the graph's cycle space.) So the rule is simple to
  state and to check: **no hidden count may be a bridge**. A single row or
  column with exactly one hidden count is the commonest bridge.
* **Narrowly.** When a line's total is shown, the hidden counts in it add up to a
  known number; if that number is under the threshold, each hidden count is
  known to be small, and with two hidden counts summing to 2 both are known to be
  1. So **the hidden counts of a line with a shown total must add up to at least
  the threshold**.

Complements are chosen greedily: the smallest positive shown count in the line
concerned, inner counts before totals, until both rules hold. Primary and
complementary suppressions look the same in the output (``None``), so a reader
cannot tell which hidden counts are small.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 11

Position = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SuppressedCross:
    """A table of counts after suppression; ``None`` marks a hidden count."""

    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None


@dataclass(frozen=True, slots=True)
class SuppressedList:
    """A list of counts and its total after suppression; ``None`` marks a hidden count."""

    counts: tuple[int | None, ...]
    total: int | None


class _Augmented:
    """The counts with their margins: rows 0..R-1 and columns 0..C-1 inside, R and C the totals."""

    def __init__(self, counts: Sequence[Sequence[int]]) -> None:
        self.rows = len(counts)
        self.columns = len(counts[0]) if counts else 0
        if any(len(row) != self.columns for row in counts):
            raise ValueError("every row needs the same number of columns")
        if any(value < 0 for row in counts for value in row):
            raise ValueError("counts cannot be negative")
        r, c = self.rows, self.columns
        self.values: dict[Position, int] = {}
        for i, row in enumerate(counts):
            for j, value in enumerate(row):
                self.values[i, j] = value
            self.values[i, c] = sum(row)
        for j in range(c):
            self.values[r, j] = sum(counts[i][j] for i in range(r))
        self.values[r, c] = sum(self.values[i, c] for i in range(r))
        self.hidden: set[Position] = set()

    def lines(self) -> Iterable[tuple[list[Position], Position]]:
        """Every row and column of the augmented table: (inner positions, total position)."""
        r, c = self.rows, self.columns
        for i in range(r + 1):
            yield [(i, j) for j in range(c)], (i, c)
        for j in range(c + 1):
            yield [(i, j) for i in range(r)], (r, j)

    def is_inner(self, position: Position) -> bool:
        return position[0] < self.rows and position[1] < self.columns

    def pick(self, candidates: Iterable[Position]) -> Position | None:
        """The complement to hide: positive before zero, inner before total, smallest first."""
        shown = [p for p in candidates if p not in self.hidden]
        if not shown:
            return None
        return min(
            shown,
            key=lambda p: (self.values[p] == 0, not self.is_inner(p), self.values[p], p),
        )


def bridges(nodes: int, edges: Sequence[tuple[int, int]]) -> set[int]:
    """Indices of the edges that lie on no cycle (Tarjan's bridge search, iterative)."""
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(nodes)]
    for index, (a, b) in enumerate(edges):
        adjacency[a].append((b, index))
        adjacency[b].append((a, index))
    order = [-1] * nodes
    low = [0] * nodes
    found: set[int] = set()
    counter = 0
    for root in range(nodes):
        if order[root] != -1:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack: list[tuple[int, int, int]] = [(root, -1, 0)]  # node, edge used to arrive, next slot
        while stack:
            node, via, slot = stack[-1]
            if slot < len(adjacency[node]):
                stack[-1] = (node, via, slot + 1)
                neighbour, index = adjacency[node][slot]
                if index == via:
                    continue
                if order[neighbour] == -1:
                    order[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append((neighbour, index, 0))
                else:
                    low[node] = min(low[node], order[neighbour])
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.add(via)
    return found


def derivable(table: _Augmented) -> list[Position]:
    """Hidden positions whose value the shown ones fix exactly (the bridges)."""
    r = table.rows
    hidden = sorted(table.hidden)
    edges = [(i, r + 1 + j) for i, j in hidden]
    return [hidden[index] for index in sorted(bridges(r + 1 + table.columns + 1, edges))]


def _narrow_line(table: _Augmented, threshold: int) -> tuple[list[Position], Position] | None:
    """A line with a shown total whose hidden counts add up to less than the threshold."""
    for inner, total in table.lines():
        if total in table.hidden:
            continue
        hidden = [p for p in inner if p in table.hidden]
        if hidden and sum(table.values[p] for p in hidden) < threshold:
            return inner, total
    return None


def _complete(table: _Augmented, threshold: int) -> None:
    """Hide complements until no hidden count is a bridge or narrowly bounded."""
    everything = list(table.values)
    while True:
        narrow = _narrow_line(table, threshold)
        if narrow is not None:
            inner, total = narrow
            choice = table.pick(p for p in inner if table.values[p] > 0) or total
            table.hidden.add(choice)
            continue
        exposed = derivable(table)
        if not exposed:
            return
        i, j = exposed[0]
        line = [(i, k) for k in range(table.columns + 1)] + [(k, j) for k in range(table.rows + 1)]
        fallback = table.pick(line) or table.pick(everything)
        if fallback is None:  # pragma: no cover - everything hidden leaves no bridge
            return
        table.hidden.add(fallback)


def suppress_cross(
    counts: Sequence[Sequence[int]],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    also_hide: Iterable[Position] = (),
) -> SuppressedCross:
    """Suppress a rows x columns table of counts with its row, column and grand totals.

    ``also_hide`` names further counts to hide before the complements are chosen, in the
    augmented table's positions: ``(i, columns)`` is row i's total, ``(rows, j)`` column
    j's, ``(rows, columns)`` the grand total (a correction hides what changed a little).
    """
    table = _Augmented(counts)
    table.hidden = {p for p, value in table.values.items() if 0 < value < threshold}
    table.hidden.update(p for p in also_hide if p in table.values)
    _complete(table, threshold)
    r, c = table.rows, table.columns

    def shown(position: Position) -> int | None:
        return None if position in table.hidden else table.values[position]

    return SuppressedCross(
        cells=tuple(tuple(shown((i, j)) for j in range(c)) for i in range(r)),
        row_totals=tuple(shown((i, c)) for i in range(r)),
        column_totals=tuple(shown((r, j)) for j in range(c)),
        total=shown((r, c)),
    )


def suppress_list(
    counts: Sequence[int],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    hide_total: bool = False,
    also_hide: Iterable[int] = (),
) -> SuppressedList:
    """Suppress a list of counts with its total (one line: the same two rules).

    ``hide_total`` hides the total whatever its size, for a list that shares its total
    with another table in which that total had to be hidden (or whose total changed a
    little since an earlier publication); ``also_hide`` hides those counts too before
    the complements are chosen.
    """
    values = list(counts)
    if any(value < 0 for value in values):
        raise ValueError("counts cannot be negative")
    total = sum(values)
    hidden = {i for i, value in enumerate(values) if 0 < value < threshold}
    hidden.update(i for i in also_hide if 0 <= i < len(values))
    total_hidden = hide_total or 0 < total < threshold

    def complement() -> bool:
        shown = [i for i in range(len(values)) if i not in hidden and values[i] > 0]
        if not shown:
            return False
        hidden.add(min(shown, key=lambda i: (values[i], i)))
        return True

    while True:
        members_hidden = len(hidden)
        if members_hidden + total_hidden == 1:
            # One unknown in the line's one equation: it is fixed.
            if not complement():
                total_hidden = True
            continue
        if not total_hidden and hidden and sum(values[i] for i in hidden) < threshold:
            if not complement():
                total_hidden = True
            continue
        break
    return SuppressedList(
        counts=tuple(None if i in hidden else value for i, value in enumerate(values)),
        total=None if total_hidden else total,
    )
