"""Document metadata: read from the text where it is printed, completed by a manifest.

Where each field comes from, in order:

* title — the plan a "关于印发…的通知" names, the page's 名称 field, or the title lines
  at the head of the text;
* doc_number — "武政办〔2025〕51 号" in the 文号 field or the cover, normalised to
  "武政办〔2025〕51号";
* issued — 成文日期/发文日期 field, the signing date under the cover letter, the 印发
  date of the footer, the 发布日期 field (ISO: "2025-03-28");
* issuer — 发文机关/发布机构 field, the "…文件" masthead, the signature line;
  "省人民政府" becomes "湖北省人民政府" once the region is known;
* region — the administrative name the title (or issuer) starts with;
* level — from the region: …省 → province, …市 → city, …区/县/开发区 → district;
* period — "（2025—2027年）" or "十四五" in the title, "规划期限为 2021—2025年" in the text.

The manifest (``manifest.json`` in the ingested folder) is for what the text does not
print — 000 has no title line, a press feature has no issuer. A value set explicitly in
the manifest overrides the inferred one: a person stated it, heuristics guessed it.
Entries are keyed by file name and may carry the file's ``sha256`` so that a renamed
file still finds its entry::

    {"documents": {"000_f35491fae98ad5ee.txt": {"title": "…", "sha256": "…"}}}
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.clean import CleanText
from ingest.markers import read_marker
from ingest.reflow import ends_sentence
from kg.errors import InputError
from kg.types import DocumentMeta

logger = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
META_FIELDS = ("doc_id", "title", "issuer", "doc_number", "issued", "level", "period", "region")
_ENTRY_KEYS = frozenset(META_FIELDS) | {"sha256", "note"}
LEVELS = frozenset({"province", "city", "district", "press", "other"})

_DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12})\s*[〔［\[【(（]\s*(\d{4})\s*[〕］\]】)）]\s*(\d{1,4})\s*号"
)
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISSUED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_NOTICE = re.compile(r"关于(?:印发|发布|转发|公布)《?(.{4,80}?)》?的通知")
_PLAN_WORD = re.compile(r"规划|方案|计划|意见|纲要|办法|规定|条例|措施|政策|战略|行动|决定|通知")
_YEARS = re.compile(r"[（(]\s*(\d{4})\s*年?\s*[—–\-－~至到]+\s*(\d{4})\s*年?\s*[）)]")
_PLAN_TERM = re.compile(r"规划期(?:限)?(?:为|是)?\s*(\d{4})\s*年?\s*[—–\-－~至到]+\s*(\d{4})")
_FIVE_YEAR = {"十三五": "2016—2020", "十四五": "2021—2025", "十五五": "2026—2030"}
_REGIONS = (
    re.compile(r"^(.{2,12}?(?:经济技术开发区|高新技术产业开发区|开发区|高新区|新区))"),
    re.compile(r"^(.{2,7}?(?:省|自治区))"),
    re.compile(r"^(.{2,6}?市)"),
    re.compile(r"^(.{2,6}?[区县])"),
)
_ORG = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:政府|办公厅|办公室|委员会|管委会|局|厅|部|院|中心)$")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff（）()〔〕\d])\s+(?=[\u4e00-\u9fff（）()〔〕])"
                        r"|(?<=[\u4e00-\u9fff（）()〔〕])\s+(?=[\u4e00-\u9fff（）()〔〕\d])")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class Manifest:
    """Per-file metadata the user supplies; ``entry_for`` finds a file's entry."""

    entries: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    path: Path | None = None

    def entry_for(self, name: str, sha256: str | None = None) -> dict[str, str] | None:
        if name in self.entries:
            return dict(self.entries[name])
        for entry in self.entries.values():
            if sha256 and entry.get("sha256") == sha256:
                return dict(entry)
        return None


def load_manifest(folder: Path) -> Manifest:
    """The manifest of ``folder``; an empty one when the folder has none."""
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return Manifest()
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable JSON manifest ({exc})") from exc
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, dict):
        raise InputError(f'{path}: expected {{"documents": {{"<file name>": {{...}}}}}}')
    for name, entry in documents.items():
        _check_entry(path, name, entry)
    return Manifest(entries=documents, path=path)


def _check_entry(path: Path, name: str, entry: Any) -> None:
    if not isinstance(entry, dict):
        raise InputError(f"{path}: the entry for {name!r} must be an object")
    unknown = sorted(set(entry) - _ENTRY_KEYS)
    if unknown:
        raise InputError(f"{path}: unknown field(s) {unknown} for {name!r}; "
                         f"allowed: {sorted(_ENTRY_KEYS)}")
    if entry.get("level") and entry["level"] not in LEVELS:
        raise InputError(f"{path}: level {entry['level']!r} for {name!r} is not one of "
                         f"{sorted(LEVELS)}")
    if entry.get("issued") and not _ISSUED.match(str(entry["issued"])):
        raise InputError(f"{path}: issued {entry['issued']!r} for {name!r} is not an ISO "
                         "date (YYYY-MM-DD, YYYY-MM or YYYY)")


def doc_id_for(path: Path, sha256: str, entry: Mapping[str, str] | None = None) -> str:
    """The manifest's doc_id, else the file stem when ASCII-safe, else "doc_" + hash."""
    if entry and entry.get("doc_id"):
        return str(entry["doc_id"])
    stem = Path(path).stem
    return stem if _SAFE_ID.match(stem) else f"doc_{sha256[:12]}"


def document_meta(cleaned: CleanText, *, doc_id: str, source: str, sha256: str,
                  entry: Mapping[str, str] | None = None) -> DocumentMeta:
    """Metadata of a cleaned document; explicit manifest values override inference."""
    given = {k: str(v) for k, v in (entry or {}).items() if k in META_FIELDS and v}
    if given:
        logger.debug("%s: manifest sets %s", source, ", ".join(sorted(given)))
    title = given.get("title") or infer_title(cleaned) or Path(source).stem
    raw_issuer = given.get("issuer") or infer_issuer(cleaned)
    region = given.get("region") or infer_region(title, raw_issuer)
    issuer = raw_issuer if "issuer" in given else expand_issuer(raw_issuer, region)
    return DocumentMeta(
        doc_id=doc_id, title=title, source=source, sha256=sha256, issuer=issuer,
        doc_number=given.get("doc_number") or infer_doc_number(cleaned),
        issued=given.get("issued") or infer_issued(cleaned),
        level=given.get("level") or infer_level(region),
        period=given.get("period") or infer_period(title, cleaned),
        region=region,
    )


def tidy_title(title: str) -> str:
    """"实施方案(2025—2027 年)" → "实施方案（2025—2027年）": no stray spaces, CJK brackets."""
    title = re.sub(r"\s+", " ", title.strip().strip("《》"))
    title = _CJK_SPACE.sub("", title)
    return re.sub(r"\(([^()]*[\u4e00-\u9fff\d][^()]*)\)", r"（\1）", title)


def infer_title(cleaned: CleanText) -> str | None:
    if cleaned.title:
        return tidy_title(cleaned.title)
    for key in ("名称", "标题"):
        value = cleaned.header_fields.get(key)
        if value:
            m = _NOTICE.search(re.sub(r"\s+", "", value))
            return tidy_title(m.group(1) if m else value)
    candidates = _head_titles(cleaned)
    if not candidates:
        return None
    planned = [c for c in candidates if _PLAN_WORD.search(c)]
    return tidy_title(planned[0] if planned else candidates[-1])


def _head_titles(cleaned: CleanText) -> list[str]:
    """Title-like lines before the first sentence, a "（征求意见稿）" joined to the line above."""
    found: list[str] = []
    for block in cleaned.blocks[:6]:
        text = block.text
        if found and re.fullmatch(r"[（(][^（()）]{1,10}[）)]", text):
            found[-1] += text  # "（征求意见稿）" under the title line
            continue
        if block.kind not in ("heading", "paragraph") or ends_sentence(text):
            break
        if read_marker(text) is not None or len(text) > 60:
            break
        if len(re.sub(r"\s", "", text)) > 4:  # not 前言, 目录
            found.append(text)
    return found


def infer_doc_number(cleaned: CleanText) -> str | None:
    head = [b.text for b in cleaned.blocks[:3] if len(b.text) <= 30]  # a number line, not prose
    for text in [cleaned.header_fields.get("文号", ""), cleaned.header_fields.get("发文字号", ""),
                 *cleaned.front_matter, *head]:
        m = _DOC_NUMBER.search(text or "")
        if m:
            return f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号"
    return None


def parse_date(text: str) -> str | None:
    m = _DATE_CN.search(text) or _DATE_ISO.search(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def infer_issued(cleaned: CleanText) -> str | None:
    """Signing date first: 成文日期/发文日期, the date under the cover, then 印发, 发布日期."""
    fields = cleaned.header_fields
    for key in ("成文日期", "发文日期"):
        if fields.get(key) and parse_date(fields[key]):
            return parse_date(fields[key])
    signed = [line for line in cleaned.front_matter if _DATE_CN.fullmatch(line.strip())]
    printed = [line for line in cleaned.front_matter if "印发" in line and _DATE_CN.search(line)]
    for line in signed + printed:
        return parse_date(line)
    for key in ("发布日期", "发布时间"):
        if fields.get(key) and parse_date(fields[key]):
            return parse_date(fields[key])
    return None


def infer_issuer(cleaned: CleanText) -> str | None:
    fields = cleaned.header_fields
    for key in ("发文机关", "发布机构"):
        if fields.get(key):
            return fields[key].strip()
    front = list(cleaned.front_matter)
    for line in front[:3]:
        if line.endswith("文件") and _ORG.match(line[:-2]):
            return line[:-2]
    for i, line in enumerate(front[1:], 1):
        if _DATE_CN.fullmatch(line.strip()) and _ORG.match(front[i - 1]):
            return front[i - 1]
    return None


def expand_issuer(issuer: str | None, region: str | None) -> str | None:
    """"省人民政府" → "湖北省人民政府" when the document's region is that province."""
    if issuer and region and issuer[0] in "省市区县" and region.endswith(issuer[0]):
        return region + issuer[1:]
    return issuer


def infer_region(title: str | None, issuer: str | None) -> str | None:
    for text in (title, issuer):
        for pattern in _REGIONS:
            m = pattern.match(text or "")
            if m:
                return m.group(1)
    return None


def infer_level(region: str | None) -> str | None:
    if not region:
        return None
    if region.endswith(("省", "自治区")):
        return "province"
    if region.endswith("市"):
        return "city"
    return "district"


def infer_period(title: str, cleaned: CleanText) -> str | None:
    m = _YEARS.search(title)
    if m:
        return f"{m.group(1)}—{m.group(2)}"
    for term, years in _FIVE_YEAR.items():
        if term in title:
            return years
    for block in cleaned.blocks:
        m = _PLAN_TERM.search(block.text)
        if m:
            return f"{m.group(1)}—{m.group(2)}"
    return None
