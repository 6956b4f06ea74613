"""Chinese wording for pydantic's validation error types (the English comes from pydantic itself)."""

from __future__ import annotations

import re
from typing import Any

from shared.catalogue import term

_ZH: dict[str, str] = {
    "missing": "缺少必填字段",
    "control_character": "含有控制字符或非文本字符（{character}）",
    "extra_forbidden": "不允许的字段",
    "string_type": "应为字符串",
    "string_too_short": "长度不能少于 {min_length} 个字符",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "string_pattern_mismatch": "格式不正确",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "bool_type": "应为布尔值",
    "bool_parsing": "应为布尔值",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应大于或等于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应小于或等于 {le}",
    "enum": "取值应为：{expected}",
    "literal_error": "取值应为：{expected}",
    "uuid_type": "应为 UUID",
    "uuid_parsing": "应为 UUID",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "datetime_type": "应为日期时间（ISO 8601）",
    "datetime_parsing": "应为日期时间（ISO 8601）",
    "datetime_from_date_parsing": "应为日期时间（ISO 8601）",
    "timezone_aware": "日期时间须带时区",
    "list_type": "应为数组",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多允许 {max_length} 项",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "json_invalid": "请求体不是有效的 JSON",
    "json_type": "请求体不是有效的 JSON",
    "url_parsing": "应为有效的网址",
    "url_type": "应为有效的网址",
    "value_error": "取值无效",
    "id_number_invalid": "身份证号码无效（GB 11643），或未按规定脱敏",
    "uscc_invalid": "统一社会信用代码无效（GB 32100）",
    "assertion_error": "取值无效",
}
_FALLBACK = "取值无效"


def zh_message(error_type: str, context: dict[str, Any] | None) -> str:
    """The Chinese message for one pydantic error, with its limits filled in where known.

    The values an enum or literal expects are named by their Chinese names in the catalogue
    (``'organisation' or 'individual'`` → ``单位或自然人``): no identifier inside a Chinese sentence.
    """
    template = _ZH.get(error_type, _FALLBACK)
    context = dict(context or {})
    if error_type in {"enum", "literal_error"} and isinstance(context.get("expected"), str):
        context["expected"] = _choices_zh(context["expected"])
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return _FALLBACK


def _choices_zh(expected: str) -> str:
    """``'a', 'b' or 'c'`` → ``甲、乙或丙`` (an identifier no enum registered is quoted as it is)."""
    values = re.findall(r"'((?:[^'\\]|\\.)*)'", expected)
    if not values:
        return expected
    names = [term(value).zh if term(value).zh != value else f"“{value}”" for value in values]
    return names[0] if len(names) == 1 else "、".join(names[:-1]) + "或" + names[-1]
