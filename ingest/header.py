"""The document's header as a clause: the lines that print its 文号, issuer and dates.

Cleaning lifts the cover letter, the signature and the 印发/抄送 footer out of the body
(``CleanText.front_matter``) and a web page's metadata table into ``header_fields``. Those
lines are where a plan prints what it is; a question about its 文号 or issue date must be
able to cite them, so the ones that carry such a value are kept together as one clause of
kind ``header``, labelled 「文件信息」, after the body, with the cover's addressee line
(「各市、州、县人民政府，省政府各部门：」: whom the notice is sent to) and the issuers and date a
title block prints beside the title (「中共黑龙江省委 黑龙江省人民政府」, 「（2024年7月17日）」).
Navigation and page furniture, which carry none, stay out.
"""

from __future__ import annotations

import re

from ingest.clean import CleanText
from ingest.pagetail import visible
from kg.types import Clause

LABEL = "文件信息"
_VALUE = re.compile(
    r"[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d+\s*号"            # a 文号
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九十]{4}年"  # a date
    r"|\d{4}-\d{1,2}-\d{1,2}"
    r"|(?:人民政府|办公厅|办公室|委员会|管委会|发展和改革|局|厅)(?:\s*\d{4}|\s*$)"  # a signature
    r"|(?:人民政府|办公厅|办公室|委员会|管委会|局|厅)\s*文件\s*$"  # the issuer's masthead
    r"|(?:人民政府|部门|单位|委员会|管委会|机构|局|厅)\s*[：:]\s*$"  # the addressees (主送) of a cover
    r"|印发|抄送|主送")
_FIELDS = ("文号", "发文字号", "索引号", "发文机关", "发布机构", "发布部门", "制定机关", "成文日期", "发文日期",
           "发布日期", "印发日期", "实施日期", "有效性", "效力状态", "时效性")


# The lines a plan prints above its body, beside its title: 「中共黑龙江省委 黑龙江省人民政府」,
# 「（2024年7月17日）」 — who issued it and when, which the title block otherwise swallows.
_BODY = r"[\u4e00-\u9fff（）()]{2,24}?(?:人民政府办公厅|人民政府办公室|人民政府|委员会|办公厅|办公室|省委|市委|区委|县委|州委|管委会|局|厅)"
_ISSUERS_LINE = re.compile(rf"^(?:中共)?{_BODY}(?:\s+(?:中共)?{_BODY}){{0,7}}$")
_DATE_LINE = re.compile(r"^[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]?$")
_HEAD = 40  # the title block sits in the first lines of the file


def header_clause(cleaned: CleanText, doc_id: str, ordinal: int) -> list[Clause]:
    """The header clause of a document, or none when nothing metadata-like was lifted."""
    lines = [f"{key}：{cleaned.header_fields[key]}" for key in _FIELDS if cleaned.header_fields.get(key)]
    # As a reader sees them: no markdown emphasis, heading marks or link targets.
    shown = [visible(line) for line in cleaned.front_matter]
    lines += [line for line in shown if _VALUE.search(line) and 2 <= len(line) <= 120 and line not in lines]
    lines += [line for line in _title_block(cleaned) if line not in lines]
    if not lines:
        return []
    text = "\n".join(dict.fromkeys(lines))
    return [Clause(clause_id=f"{doc_id}#hdr", doc_id=doc_id, path="hdr", label=LABEL, heading=LABEL,
                   text=text, kind="header", ordinal=ordinal, depth=0, parent_id=None)]


def _title_block(cleaned: CleanText) -> list[str]:
    """An issuers line and a date line printed next to each other at the top of the file
    (around the title), which no clause holds."""
    head = [visible(line).strip() for line in cleaned.source_lines[:_HEAD]]
    head = [line for line in head if line]
    found: list[str] = []
    for k, line in enumerate(head):
        if not _ISSUERS_LINE.match(line):
            continue
        # The issuers, the title under them (one or two short lines) and the date.
        for gap in (1, 2, 3):
            if k + gap < len(head) and _DATE_LINE.match(head[k + gap]):
                between = head[k + 1:k + gap]
                if all(len(b) <= 60 for b in between):
                    found += [line, *between, head[k + gap]]
                break
    return list(dict.fromkeys(found))
