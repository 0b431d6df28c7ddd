"""Document metadata: read from the text where it is printed, completed by a manifest.

Where each field comes from, in order (titles: ``ingest.titles``):

* title — the plan's own title line after a "关于印发…的通知" cover (the notice's title
  and any further attached plans' titles go to ``also_titles``), the page's 名称 field,
  or the title lines at the head of the text;
* doc_number — "武政办〔2025〕51 号" in the 文号 field, the cover, a line of its own under
  the title ("（皖政办秘〔2021〕82号）") or a "文号：" line, normalised to "武政办〔2025〕51号";
* issued — 成文日期 field, the signing date under the cover letter or at the end, the
  发文日期 field, the 印发 date of the footer, else the 发布日期 field (ISO: "2025-03-28");
* issuer — 发文机关/发布机构 field, the "…文件" masthead, the signature line;
  "省人民政府" becomes "湖北省人民政府" once the region is known;
* region — the administrative name the title (or issuer) starts with;
* level — from the region: …省 → province, …市 → city, …区/县/开发区 → district;
* period — "（2025—2027年）" or "十四五" in the title, "规划期限为 2021—2025年" in the text.

The manifest (``manifest.json`` in the ingested folder) is for what the text does not
print — 000 has no title line, a press feature has no issuer. Precedence is manifest >
printed > inferred: a person stated it, the text printed it, heuristics guessed it; the
source of title, number and date is kept on the document (``title_source`` …).
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
from datetime import date
from pathlib import Path
from typing import Any

from ingest.bodyplace import NOT_DISTRICT, body_region
from ingest.clean import CleanText
from ingest.markers import cn_number
from ingest.opening import opening_title
from ingest.reflow import ends_sentence
from ingest.titles import HEAD_BLOCKS, TRAILING_NUMBER, also_titles, infer_title
from ingest.titles import tidy_title  # noqa: F401  (part of this module's interface)
from kg.errors import InputError
from kg.types import DocumentMeta

logger = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
META_FIELDS = ("doc_id", "title", "issuer", "doc_number", "issued", "level", "period", "region")
_ENTRY_KEYS = frozenset(META_FIELDS) | {"sha256", "note"}
LEVELS = frozenset({"province", "city", "district", "press", "other"})

_DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12})\s*[〔［\[【(（]\s*(\d{4})\s*[〕］\]】)）]\s*第?\s*(\d{1,4})\s*号"
)
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_HAN = re.compile(r"([〇零○一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                       r"\s*([一二三四五六七八九十]{1,3})\s*日")
_CN_DIGIT = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
_DATE_DOTS = re.compile(r"(?<!\d)(\d{4})[./](\d{1,2})[./](\d{1,2})(?!\d)")
_DATE_LINE = re.compile(r"[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]?")
_SIGNED_LINE = re.compile(r"[\u4e00-\u9fff（）()]{2,30}(?:政府|办公厅|办公室|委员会|管委会|局|厅|部|院|中心)"
                          r"\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")  # issuer and date on one line
_PUBLISHED_FIELDS = ("发布日期", "公布日期", "发布时间")
_NUMBER_LINE = re.compile(r"[（(]?\s*[\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]"
                          r"\s*\d{1,4}\s*号\s*[）)]?")
_NUMBER_FIELD = re.compile(r"^\s*(?:文\s*号|发文字号)\s*[：:]")
_ISSUED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# 「…（2021—2023年）」, or a title opening with its years: 「2024—2026年农机购置…要求」.
_YEARS = re.compile(r"[（(]\s*(\d{4})\s*年?\s*[—–\-－~至到]+\s*(\d{4})\s*年?\s*[）)]|"
                    r"^\s*(\d{4})\s*年?\s*[—–\-－~至到]+\s*(\d{4})\s*年")
_PLAN_TERM = re.compile(r"规划期(?:限)?(?:为|是)?\s*(\d{4})\s*年?\s*[—–\-－~至到]+\s*(\d{4})")
_FIVE_YEAR = {"十三五": "2016—2020", "十四五": "2021—2025", "十五五": "2026—2030"}
_REGIONS = (
    re.compile(r"^(.{2,12}?(?:经济技术开发区|高新技术产业开发区|开发区|高新区|新区))"),
    re.compile(r"^(.{2,7}?(?:省|自治区))"),
    re.compile(r"^(.{2,6}?市)"),
    re.compile(r"^(.{2,6}?[区县])"),
)
# 「巴中市恩阳区人民政府」: a district or county named after its city is the region.
_CITY_DISTRICT = re.compile(r"^(.{2,6}?市[\u4e00-\u9fff]{1,3}?[区县旗])")
_PARTY = re.compile(r"^\s*(?:中共|中国共产党)")
_ORG = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:政府|办公厅|办公室|委员会|管委会|局|厅|部|院|中心)$")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]+$")
_SIGNER_LINES = 3  # lines of co-signers above a signature's date


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
    """Metadata of a cleaned document. Each value comes from the manifest when it sets
    it, else from where the text prints it, else from inference (the file name for a
    title, a page's publication date for the issue date); ``*_source`` says which."""
    given = {k: str(v) for k, v in (entry or {}).items() if k in META_FIELDS and v}
    if given:
        logger.debug("%s: manifest sets %s", source, ", ".join(sorted(given)))
    printed_title = infer_title(cleaned)
    raw_issuer = given.get("issuer") or infer_issuer(cleaned)
    untitled = not given.get("title") and not printed_title
    # A plan printing no title is named by its opening sentence (its place, purpose and
    # genre) before its file name.
    home = _region(given, None, raw_issuer, cleaned) if untitled else None
    opening = opening_title(cleaned.lines, home) if untitled else None
    title, title_source = _first(("manifest", given.get("title")), ("printed", printed_title),
                                 ("inferred", opening), ("inferred", Path(source).stem))
    number, number_source = _first(("manifest", given.get("doc_number")),
                                   ("printed", infer_doc_number(cleaned)))
    issued, issued_source = _first(("manifest", given.get("issued")), *read_issued(cleaned))
    region = home if opening else _region(given, title, raw_issuer, cleaned)
    issuer = raw_issuer if "issuer" in given else expand_issuer(raw_issuer, region)
    return DocumentMeta(
        doc_id=doc_id, title=title, source=source, sha256=sha256, issuer=issuer,
        doc_number=number, issued=issued,
        level=given.get("level") or infer_level(region),
        period=given.get("period") or infer_period(title, cleaned),
        region=region, title_source=title_source, doc_number_source=number_source,
        issued_source=issued_source, also_titles=also_titles(cleaned, title),
    )


def _region(given: Mapping[str, str], title: str | None, issuer: str | None, cleaned: CleanText) -> str | None:
    """The manifest's region, else the place title or issuer open with, else a page's own
    region field (a crawler's 「region: name: …」), else the place the body speaks for
    (「我市」, naming it now and then)."""
    return given.get("region") or infer_region(title, issuer) or cleaned.header_fields.get("地区") \
        or body_region(cleaned.lines) or None


def _first(*candidates: tuple[str, str | None]) -> tuple[str | None, str | None]:
    """The first (value, source) with a value, as (value, source); (None, None) if none."""
    for source, value in candidates:
        if value:
            return value, source
    return None, None


def infer_doc_number(cleaned: CleanText) -> str | None:
    """The document's own number: a 文号 field, the cover, a line under the title that is
    nothing but the number ("（皖政办秘〔2021〕82号）"), or a "文号：" line — never a number
    cited inside a sentence."""
    fields = cleaned.header_fields
    texts = [fields.get(key, "") for key in ("文号", "发文字号")] + list(cleaned.front_matter)
    texts += [b.text for b in cleaned.blocks[:8] if _NUMBER_LINE.fullmatch(b.text.strip())
              or (len(b.text) <= 120 and TRAILING_NUMBER.search(b.text))]
    texts += [b.text for b in cleaned.blocks if _NUMBER_FIELD.match(b.text)]
    for text in texts:
        m = _DOC_NUMBER.search(text or "")
        if m and not _cited(text, m):
            return f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号"
    return None


def _cited(text: str, m: re.Match) -> bool:
    """A number right after a 《title》 is the cited document's, not this one's."""
    return text[: m.start()].rstrip().endswith(("》", "》（", "》("))


def digit_dates(text: str) -> str:
    """"二〇二三年三月一日" → "2023年3月1日": signatures print dates in Chinese numerals."""
    def convert(m: re.Match) -> str:
        year = "".join(str(_CN_DIGIT[ch]) for ch in m.group(1))
        return f"{year}年{cn_number(m.group(2))}月{cn_number(m.group(3))}日"
    return _DATE_HAN.sub(convert, text)


def parse_date(text: str) -> str | None:
    """"2025 年 3 月 28 日", "二〇二五年三月二十八日", "2025-03-28", "2021.09.02" → "2025-03-28"."""
    text = digit_dates(text)
    m = _DATE_CN.search(text) or _DATE_ISO.search(text) or _DATE_DOTS.search(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def infer_issued(cleaned: CleanText) -> str | None:
    """The issue date: printed (成文日期/发文日期, the signature), else the publication date."""
    return next((value for _source, value in read_issued(cleaned) if value), None)


def read_issued(cleaned: CleanText) -> list[tuple[str, str | None]]:
    """Candidate issue dates as (source, value), best first: the 成文日期 field, the date
    under the cover's signature, a date line under the title or at the end of the text,
    the 发文日期 field (a page's dispatch date, which may follow the signing by days), the
    印发 date of the footer — all "printed"; the 发布日期 field "inferred"."""
    fields = cleaned.header_fields
    printed = [parse_date(fields["成文日期"])] if fields.get("成文日期") else []
    front = list(cleaned.front_matter)
    printed += [parse_date(line) for line in front if _DATE_LINE.fullmatch(digit_dates(line.strip()))
                or _SIGNED_LINE.fullmatch(digit_dates(line.strip()))]
    printed += [parse_date(b.text) for b in _edge_blocks(cleaned)
                if _DATE_LINE.fullmatch(digit_dates(b.text.strip()))]
    head = _head_texts(cleaned)
    printed += [parse_date(head[i]) for i in _signed_at(head)]
    printed += [parse_date(fields["发文日期"])] if fields.get("发文日期") else []
    printed += [parse_date(line) for line in front if "印发" in line and _DATE_CN.search(line)]
    published = [parse_date(fields[key]) for key in _PUBLISHED_FIELDS if fields.get(key)]
    # A date not yet reached is no issue date (a crawler's placeholder 「2027-01-01」).
    today = date.today().isoformat()
    return ([("printed", d) for d in printed if d and d <= today]
            + [("inferred", d) for d in published if d and d <= today])


def metadata_lines(cleaned: CleanText) -> list[str]:
    """Lines of the text that only print metadata — a 文号 or a date under the title, a
    signature at the end — and are therefore no clause."""
    shapes = (_NUMBER_LINE, _DATE_LINE, _SIGNED_LINE)
    return [b.text for b in _edge_blocks(cleaned)
            if any(shape.fullmatch(digit_dates(b.text.strip())) for shape in shapes)]


def _edge_blocks(cleaned: CleanText) -> list:  # type: ignore[type-arg]
    """The blocks before the first sentence and the last few: where dates stand alone."""
    blocks = list(cleaned.blocks)
    head = []
    for block in blocks[:HEAD_BLOCKS]:
        if len(block.text) > 40 and ends_sentence(block.text):
            break
        head.append(block)
    return head + blocks[-4:]


def infer_issuer(cleaned: CleanText) -> str | None:
    """Who issued the document: the body named before 「关于」 in its own title line (「中共
    黑龙江省委 黑龙江省人民政府关于…的意见」, 「云南省人民政府关于印发…的通知」) or before
    「印发《X》」 in the page's title (「省人民政府办公厅印发《…》」) — a web
    page's 发布机构 field names the site that posted it, which may be another body — then
    the page's fields, a 「…文件」 header, the signature above the date."""
    fields = cleaned.header_fields
    titles = [fields.get(key) or "" for key in ("标题", "名称")] + [b.text for b in list(cleaned.blocks)[:2]]
    for line in [cleaned.notice or "", *list(cleaned.front_matter)[:4], *titles]:
        named = _ISSUER_BEFORE_ABOUT.match(re.sub(r"^[#\s]+", "", line))
        if named:
            return "、".join(_ORG_NAME.findall(re.sub(r"\s", "", named.group("orgs"))))
    front = list(cleaned.front_matter)
    signed = _signature(front) if cleaned.notice else None
    if signed:
        return signed  # the notice issuing the plan signed by its issuer, whoever posted the page
    for key in ("发文机关", "发文机构", "发布机构", "发布部门", "制定机关"):
        if fields.get(key):
            return fields[key].strip()
    for line in front[:3]:
        if line.endswith("文件") and _ORG.match(line[:-2]):
            return line[:-2]
    signed = _signature(front)
    if signed:
        return signed
    for line in front:
        if _SIGNED_LINE.fullmatch(line.strip()):
            return _DATE_CN.sub("", line).strip()
    # A notice the cleaner did not lift off (its title cut short on the page): its
    # signature stands among the first blocks.
    return _signature(_head_texts(cleaned))


def _head_texts(cleaned: CleanText) -> list[str]:
    return [b.text for b in list(cleaned.blocks)[:HEAD_BLOCKS]]


def _signature(front: list[str]) -> str | None:
    """The body signed above a date line of the cover (「山西省人民政府办公厅 /
    2025年12月31日」); co-signers printed side by side on the lines above it, every
    name a body (「常州市发展和改革委员会 常州市工业和信息化局 / 常州市财政局 …」),
    are the issuers together. Bodies one per line are left to the fields that sum them up:
    such a column may run on from the text above."""
    for i in _signed_at(front)[:1]:
        if len(_signers(front[i - 1])) == 1:
            return None if i >= 2 and _signers(front[i - 2]) else front[i - 1]
        names: list[str] = []
        for above in reversed(front[max(0, i - _SIGNER_LINES):i]):
            signers = _signers(above)
            if not signers:
                break
            names = signers + names
        return "、".join(names)
    return None


def _signed_at(lines: list[str]) -> list[int]:
    """The indices of date lines right under a signature."""
    return [i for i, line in enumerate(lines[1:], 1)
            if _DATE_CN.fullmatch(line.strip()) and _signers(lines[i - 1])]


def _signers(line: str) -> list[str]:
    """The bodies a signature line names, when it names nothing else."""
    names = line.split()
    return names if names and all(_ORG.match(name) for name in names) else []


_BODY_SUFFIX = (r"(?:人民政府办公厅|人民政府办公室|人民政府|委员会|办公厅|办公室|省委|市委|区委|县委|州委|"
                r"管委会|管理委员会|厅|局)")
_ORG_NAME = re.compile(rf"[\u4e00-\u9fff（）()]{{2,24}}?{_BODY_SUFFIX}")
# 「…人民政府关于…」, and a page title 「省人民政府办公厅印发《X》」.
_ISSUER_BEFORE_ABOUT = re.compile(rf"(?P<orgs>(?:[\u4e00-\u9fff（）()]{{2,24}}?{_BODY_SUFFIX}\s*){{1,3}})(?:关于|印发《)")


def expand_issuer(issuer: str | None, region: str | None) -> str | None:
    """"省人民政府" → "湖北省人民政府" when the document's region is that province."""
    if issuer and region and issuer[0] in "省市区县" and region.endswith(issuer[0]):
        return region + issuer[1:]
    return issuer


# 「加快构建福建省高质量充电基础设施体系实施方案」: a title may open with what is done before the place.
_TITLE_VERBS = re.compile(r"^(?:关于)?(?:(?:加快|推动|推进|促进|进一步|全面|深入|加力|支持|构建|建设|打造|做好)(?=.{2}))+")


def infer_region(title: str | None, issuer: str | None) -> str | None:
    """The place a document is of: its title's opening place, else its issuer's; a title
    opening with a verb (「加快构建福建省…」) is read after the verb, its issuer first."""
    if title and _TITLE_VERBS.match(title):
        return _opening_place(issuer) or _opening_place(_TITLE_VERBS.sub("", title))
    return _opening_place(title) or _opening_place(issuer)


def _opening_place(text: str | None) -> str | None:
    if text:
        # 「中共黑龙江省委」: the party committee of a place names the place after 中共.
        text = _PARTY.sub("", text)
        m = _CITY_DISTRICT.match(text)
        if m and not m.group(1).endswith(NOT_DISTRICT):
            return m.group(1)
        for pattern in _REGIONS:
            m = pattern.match(text)
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
        return f"{m.group(1) or m.group(3)}—{m.group(2) or m.group(4)}"
    for term, years in _FIVE_YEAR.items():
        if term in title:
            return years
    for block in cleaned.blocks:
        m = _PLAN_TERM.search(block.text)
        if m:
            return f"{m.group(1)}—{m.group(2)}"
    return None
