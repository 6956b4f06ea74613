"""Bulk recordation files (CSV or JSON) read into rows, and the rows into commands or row errors.

The upload is bounded (5 MiB, 10,000 rows, UTF-8 text); a row is validated as the body of
``POST /v1/customs/recordations`` would be, and a row that fails, or repeats an earlier row's
number, is reported with its row number instead of failing the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from fastapi import UploadFile
from pydantic import ValidationError

from intake.domain.customs import commands as cc
from intake.entrypoints.schemas.customs import ImportRowError, RecordationIn
from intake.views.shapes import SHORT_TEXT_MAX
from shared.domain.actors import Actor
from shared.errors import UnsupportedMediaType, ValidationFailed

IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 10_000
LIST_FIELDS = (("licensees", ("name", "credit_code", "kind")), ("known_infringers", ("name", "credit_code")))


async def read_recordation_rows(file: UploadFile) -> list[dict[str, Any]]:
    """The file's rows as objects; a file that is too big, not UTF-8 text or not CSV/JSON is refused."""
    file_format = _format_of(file)
    raw = await file.read(IMPORT_MAX_BYTES + 1)
    if len(raw) > IMPORT_MAX_BYTES:
        raise ValidationFailed(
            f"The file exceeds {IMPORT_MAX_BYTES} bytes", f"文件超过 {IMPORT_MAX_BYTES} 字节"
        )
    if b"\x00" in raw:  # binary content; the rest is checked by decoding and parsing it as text
        raise ValidationFailed("The file is not CSV or JSON text", "文件不是 CSV 或 JSON 文本")
    return _parse(raw, file_format)


def approved_rows(
    rows: list[dict[str, Any]], actor: Actor, at: dt.datetime
) -> tuple[list[cc.RecordApproved], list[ImportRowError]]:
    """Each valid row's command (the first of a repeated number), and every other row's errors."""
    good: list[cc.RecordApproved] = []
    errors: list[ImportRowError] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        try:
            parsed = RecordationIn.model_validate(row)
        except ValidationError as invalid:
            messages = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in invalid.errors()]
            errors.append(ImportRowError(row=number, record_no=_text(row.get("record_no")), errors=messages))
            continue
        if parsed.record_no in seen:
            errors.append(
                ImportRowError(row=number, record_no=parsed.record_no, errors=["duplicate in file"])
            )
            continue
        seen.add(parsed.record_no)
        good.append(parsed.to_command(actor, at))
    return good, errors


def _format_of(file: UploadFile) -> str:
    name, media = (file.filename or "").lower(), (file.content_type or "").lower()
    if name.endswith(".csv") or "csv" in media:
        return "csv"
    if name.endswith(".json") or "json" in media:
        return "json"
    raise UnsupportedMediaType("Upload a .csv or .json file", "请上传 .csv 或 .json 文件")


def _parse(raw: bytes, file_format: str) -> list[dict[str, Any]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed("The file is not UTF-8", "文件不是 UTF-8 编码") from None
    if file_format == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise ValidationFailed("The file is not valid JSON", "文件不是有效的 JSON") from None
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            raise ValidationFailed("Send a JSON list of objects", "应为 JSON 对象列表")
        rows: list[dict[str, Any]] = data
    else:
        rows = [_csv_row(r) for r in csv.DictReader(io.StringIO(text))]
    if len(rows) > IMPORT_MAX_ROWS:
        raise ValidationFailed(
            f"At most {IMPORT_MAX_ROWS} rows per file", f"每个文件最多 {IMPORT_MAX_ROWS} 行"
        )
    return rows


def _csv_row(row: dict[str | Any, str | Any]) -> dict[str, Any]:
    """A CSV row as the JSON object it stands for: empty cells absent, lists as ``a|b|c;d|e|f``."""
    out: dict[str, Any] = {k: (v or None) for k, v in row.items() if isinstance(k, str) and k}
    for key, fields in LIST_FIELDS:
        items = [part.split("|") for part in (out.get(key) or "").split(";") if part.strip()]
        out[key] = [{f: v for f, v in zip(fields, item, strict=False) if v} for item in items]
    return out


def _text(value: object) -> str | None:
    return value[:SHORT_TEXT_MAX] if isinstance(value, str) else None  # echoed in the report
