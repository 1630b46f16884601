"""Reading an import file: what each kind of bad line becomes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from casewarden.moderation import importer
from casewarden.moderation.webhook import IncomingItem
from casewarden.platforms.interfaces import Platform


def _read(text: str, *, fmt: str = "jsonl") -> tuple[list[IncomingItem], importer.ImportSummary]:
    summary = importer.ImportSummary()
    found = list(
        importer.items(
            io.StringIO(text),
            fmt=fmt,
            platform=Platform.FACEBOOK,
            page_id="104723",
            summary=summary,
        )
    )
    return found, summary


def test_lone_surrogates_in_text_and_name_become_replacement_characters() -> None:
    found, summary = _read('{"id": "s1", "text": "half \\ud83d", "author_name": "Ana \\udc00"}\n')
    assert summary.rejected == []
    assert [(i.message, i.author_name) for i in found] == [("half \ufffd", "Ana \ufffd")]


def test_a_byte_order_mark_is_not_part_of_the_first_header(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffid,text\nb1,hola\n".encode())
    summary = importer.ImportSummary()
    with importer.open_for_import(path) as handle:
        found = list(
            importer.items(
                handle, fmt="csv", platform=Platform.FACEBOOK, page_id="1", summary=summary
            )
        )
    assert [(i.external_id, i.message) for i in found] == [("b1", "hola")]


def test_the_csv_field_limit_is_restored_after_a_read() -> None:
    before = csv.field_size_limit()
    _read("id,text\na,b\n", fmt="csv")
    assert csv.field_size_limit() == before
