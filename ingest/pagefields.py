"""A web page's metadata fields, in whatever shape the page or its converter printed them.

Government pages print what a document is — 索引号, 发文机关, 成文日期, 文号, 标题 … — as
"label：value" lines, as a legal database's 【发文字号】 header, as markdown bold labels
("**文号**: 苏府〔2024〕33号") or as a table ("| 发文字号： | 吕政办发〔2022〕34号 | 发布日期： |
2022年06月16日 |"). ``field_pairs`` reads a line of any of these shapes into
(label, value) pairs, labels without spaces ("文　　号" → "文号"). A value the page prints
as absent — 「（无）」, 「无」, 「暂无」, 「-」 — is read as empty, so that a number printed
elsewhere on the page can still fill the field.

>>> field_pairs("**文号**: （无）")
[('文号', '')]
>>> field_pairs("| 发文字号： | 吕政办发〔2022〕34号 | 发布日期： | 2022年06月16日 |")
[('发文字号', '吕政办发〔2022〕34号'), ('发布日期', '2022年06月16日')]
"""

from __future__ import annotations

import re

FIELD_NAMES = (r"网页标题|索引号|主题分类|分类|发布机构|发布部门|发文机关|制定机关|成文日期|发文日期|发布日期"
               r"|发文机构|公布日期|名称|标题|文号|发文字号|效力状态|有效性|时效性|效力级别|法规类别|主题词"
               r"|来源|发布时间|实施日期|施行日期|地区")
# "文　　号：" is 文号 letter-spaced.
_SPACED_NAMES = "|".join(r"\s*".join(name) for name in FIELD_NAMES.split("|"))
_FIELD = re.compile(
    rf"^\s*(?:[-*]\s*)?(?:({_SPACED_NAMES})\s*[：:]|【\s*({_SPACED_NAMES})\s*】\s*[：:]?)\s*(.*?)\s*$"
)
_FIELD_NAME = re.compile(rf"(?:{FIELD_NAMES})")
_EMPHASIS = re.compile(r"\*\*|__")
_ABSENT = re.compile(r"^[（(【\[]?\s*(?:无|暂无|空|不详|—+|-+|/)\s*[）)】\]]?$")
_CELL_LABEL_NOISE = re.compile(r"[\s：:【】*]")
FIELD_LINE_MAX = 120  # a field line is short; a long line is text that happens to start so


def is_field_name(text: str) -> bool:
    """Whether ``text`` is a page-field label ("文 号：", "【发文字号】", "成文日期")."""
    return bool(_FIELD_NAME.fullmatch(_CELL_LABEL_NOISE.sub("", text)))


def field_value(value: str) -> str:
    """The value as stored: "" for a value printed as absent ("（无）")."""
    value = value.strip()
    return "" if _ABSENT.match(value) else value


def field_pairs(line: str) -> list[tuple[str, str]]:
    """The (label, value) pairs a line prints, or [] when it is no field line."""
    text = line.strip()
    if not text or len(text) > FIELD_LINE_MAX * 2:
        return []
    if text.startswith("|"):
        return _table_pairs(text)
    text = _EMPHASIS.sub("", text)
    if len(text) > FIELD_LINE_MAX:
        return []
    m = _FIELD.match(text)
    if m is None:
        return []
    return [(re.sub(r"\s", "", m.group(1) or m.group(2)), field_value(m.group(3)))]


def _table_pairs(line: str) -> list[tuple[str, str]]:
    """A markdown table row of a page's metadata table: label cells, each followed by its
    value cell. Label cells must be at least half of the filled cells — a data table's
    header row ("| 序号 | 名称 | 单位 |") is not a metadata row."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    filled = [cell for cell in cells if cell]
    labels = [i for i, cell in enumerate(cells) if cell and is_field_name(cell)]
    if not labels or 2 * len(labels) < len(filled):
        return []
    pairs = []
    for i in labels:
        value = cells[i + 1] if i + 1 < len(cells) and not is_field_name(cells[i + 1]) else ""
        pairs.append((_CELL_LABEL_NOISE.sub("", cells[i]), field_value(_EMPHASIS.sub("", value))))
    return pairs if any(value for _name, value in pairs) else []
