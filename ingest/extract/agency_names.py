"""What counts as a government agency in running text, and its one canonical name.

An agency is a government or party *department*: an administrative prefix (国家, 省, 市,
区, 县 or a place name: 武汉市, 东湖高新区) followed by up to ten characters and a
department suffix (局, 委, 委员会, 办, 办公室, 办公厅, 厅, 部, 署, 领导小组, 管理中心, 主管部门 …),
or a national ministry from ``agency_aliases.json`` (工信部, 交通运输部 …). A government or
party committee as a whole (市政府, 省委, 中共武汉市委, 国务院) is not a department, and
neither is a body without an administrative prefix (数字经济专家委员会), except a
领导小组. Platforms named …中心 (国家信息光电子创新中心) are projects, not agencies;
only a …管理中心 is. A rule's 主管部门 is one too, with its prefix (市房产主管部门, 各区房产主管部门,
自治区…主管部门) or named relative to where the rule applies (所在地房产主管部门, 属地…主管部门,
同级财政主管部门).

Canonical names are derived by rule, never by document or frequency, so that every plan
spelling the same agency meets in one node:

1. 政府服务 → 政务服务, and a 局 doubled before 和 is dropped: 市政府服务和大数据管理局 and
   市政务服务局和大数据管理局 both become the official 市政务服务和大数据管理局;
2. a plan's own city or province is written the way its plans abbreviate it: in a 武汉市
   plan 武汉市数据局 is 市数据局 (as 002 writes it);
3. abbreviations in ``agency_aliases.json`` become the official name (工信部 → 工业和信息化部).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ingest.extract.gazetteer import Entry, Gazetteer
from ingest.extract.lexicon import boundary_words, known_regions, load_json
from ingest.extract.textspan import is_cjk

_SUFFIX = ("委员会办公室|管理委员会|委员会|领导小组|管委会|办公厅|办公室|运行管理中心|管理中心|"
           "主管部门|管理局|总局|局|委|办|厅|部|署")
# A department named by what it is in charge of, relative to where a rule applies:
# 「由物业服务项目所在地房产主管部门…核实」, 「由属地交通运输主管部门审核」, 「同级财政主管部门」.
_RELATIVE = re.compile(r"(?:(?<=[由和与及、，,向对报同])|^)(?:(?:(?![由和与及向对报])[\u4e00-\u9fff]){1,8}?所在地|"
                       r"属地|当地|同级|本级)"
                       r"[\u4e00-\u9fff]{0,8}?主管部门")
# 「区发改委会同区财政局」 is two departments: 会同 joins names, it is in none.
_CORE = r"(?:(?![的了在为是将对以等及或由把从向于其并与]|会同)[\u4e00-\u9fff]){0,10}"
# A suffix character that starts a longer ordinary word: 部门, 部署, 局面, 委员, 办理 …
_NOT_AFTER_SUFFIX = {"部": "门署分件位长队", "局": "面势长", "委": "员托", "办": "理法成好",
                     "厅": "长"}
_NOT_NAME_END = ("格局", "布局", "全局", "大局", "结局", "开局", "内部", "全部", "外部", "东部",
                 "西部", "中部", "南部", "北部", "总部", "局部", "举办", "主办", "承办", "创办",
                 "开办", "兴办", "督办", "代办", "干部", "本部", "头部", "顶部", "底部")
_BEFORE_BARE_PREFIX = set("由在设的和与及对向从于为是经等同、，,：:（(“条")  # 条: 「第六条　市房产主管部门…」
# A 领导小组 needs no administrative prefix (数字湖北建设领导小组); its name starts after the
# verb that introduces it.
_GROUP = re.compile(r"(?:发挥|成立|设立|组建|建立|健全|由|在)([\u4e00-\u9fff]{2,14}?领导小组)")
_SPELLING = ((re.compile("政府服务"), "政务服务"),
             (re.compile(r"局和(?=[\u4e00-\u9fff]+局$)"), "和"))
_LEVELS = {"province": "省", "city": "市", "district": "区", "zone": "区"}


@dataclass(frozen=True)
class AgencyHit:
    start: int
    end: int
    surface: str


@lru_cache(maxsize=None)
def _prefixes() -> tuple[str, ...]:
    places = sorted({s for k in known_regions() for s in (k.name, *k.aliases)}, key=len,
                    reverse=True)
    return ("国家", *places, "自治区", "省", "市", "区", "县", "州")


@lru_cache(maxsize=None)
def _pattern() -> re.Pattern[str]:
    prefix = "|".join(map(re.escape, _prefixes()))
    return re.compile(f"(?:中共)?(?P<prefix>{prefix})(?P<core>{_CORE})(?P<suffix>{_SUFFIX})")


@lru_cache(maxsize=None)
def _starts() -> re.Pattern[str]:
    """The characters a match of ``_pattern`` can start with."""
    firsts = {"中"} | {prefix[0] for prefix in _prefixes()}
    return re.compile("[" + "".join(map(re.escape, sorted(firsts))) + "]")


@lru_cache(maxsize=None)
def _national() -> Gazetteer:
    data = load_json("agency_aliases.json")
    gaz = Gazetteer()
    for name, aliases in data["aliases"].items():
        gaz.add(Entry("Agency", name), aliases)
    for name in data["national"]:
        gaz.add(Entry("Agency", name), [])
    return gaz


@lru_cache(maxsize=None)
def _aliases() -> dict[str, str]:
    data = load_json("agency_aliases.json")
    return {alias: name for name, aliases in data["aliases"].items() for alias in aliases}


def find_agencies(text: str) -> list[AgencyHit]:
    """Agencies named in compact ``text``, left to right, not overlapping."""
    return list(_agencies_in(text))


# Agencies and places both read every clause's agencies (places blank them out): the
# second reading of a clause is a look-up.
@lru_cache(maxsize=4096)
def _agencies_in(text: str) -> tuple[AgencyHit, ...]:
    hits = [AgencyHit(h.start, h.end, h.surface) for h in _national().scan(text)]
    hits += list(_prefixed(text)) + list(_groups(text)) + list(_relative(text))
    chosen: list[AgencyHit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if not chosen or hit.start >= chosen[-1].end:
            chosen.append(hit)
    return tuple(chosen)


def _prefixed(text: str) -> Iterator[AgencyHit]:
    pos = 0
    while (m := _search(text, pos)) is not None:
        m = _longest(text, m)
        if _acceptable(text, m):
            yield AgencyHit(m.start(), m.end(), m.group())
            pos = m.end()
        elif _every(text, m):
            yield AgencyHit(m.start() - 1, m.end(), text[m.start() - 1:m.end()])
            pos = m.end()
        else:
            pos = m.start() + 1


def _every(text: str, m: re.Match[str]) -> bool:
    """「各区房产主管部门」: the departments in charge at every place of a level."""
    return m.group("suffix") == "主管部门" and len(m.group("prefix")) == 1 and m.start() > 0 \
        and text[m.start() - 1] == "各" and bool(m.group("core"))


def _relative(text: str) -> Iterator[AgencyHit]:
    for m in _RELATIVE.finditer(text):
        yield AgencyHit(m.start(), m.end(), m.group())


def _search(text: str, pos: int) -> re.Match[str] | None:
    """``_pattern().search(text, pos)``. The pattern opens with an optional group, so the
    regex engine cannot skip ahead to where a match may start and tries every place name
    at every position; looking for a possible first character first is several times
    faster."""
    while (start := _starts().search(text, pos)) is not None:
        m = _pattern().match(text, start.start())
        if m is not None:
            return m
        pos = start.start() + 1
    return None


def _longest(text: str, m: re.Match[str]) -> re.Match[str]:
    """襄阳高新区管委会, not 襄阳高新区管委: the regex settles for the first suffix it
    can close, so try whether a few more characters still make a name."""
    for extra in range(4, 0, -1):
        longer = _pattern().fullmatch(text, m.start(), m.end() + extra)
        if longer and m.end() + extra <= len(text):
            return longer
    return m


def _acceptable(text: str, m: re.Match[str]) -> bool:
    prefix, core, suffix = m.group("prefix"), m.group("core"), m.group("suffix")
    if len(prefix) == 1 and m.start() > 0 and is_cjk(text[m.start() - 1]) \
            and text[m.start() - 1] not in _BEFORE_BARE_PREFIX:
        return False  # 城市…, 全市…: the 市 belongs to another word
    follow = text[m.end():m.end() + 1]
    if follow and follow in _NOT_AFTER_SUFFIX.get(suffix, ""):
        return False
    if suffix == "主管部门" and (not core or (prefix == "市" and core.startswith("场"))):
        return False  # 市场主管部门: a market's, not a city's
    if (core[-1:] + suffix[:1]) in _NOT_NAME_END or (not core and suffix in "委办"):
        return False  # 格局, 总部 …; 市委, 省委: a whole committee, not a department
    if any(len(w) > 1 and w in core for w in boundary_words()):
        return False  # 武汉入选国家数据局: a verb inside is a sentence, not a name
    return m.group() not in load_json("agency_aliases.json")["not_agencies"]


def _groups(text: str) -> Iterator[AgencyHit]:
    for m in _GROUP.finditer(text):
        yield AgencyHit(m.start(1), m.end(1), m.group(1))


def canonical_agency(name: str, region: str | None, region_level: str | None) -> str:
    """The one name an agency is stored under, whatever a plan calls it."""
    for pattern, replacement in _SPELLING:
        name = pattern.sub(replacement, name)
    if region and region_level in ("city", "province") and name.startswith(region) \
            and len(name) > len(region) + 1:
        name = ("市" if region_level == "city" else "省") + name[len(region):]
    return _aliases().get(name, name)


def agency_level(name: str) -> str | None:
    """国家 / 省 / 市 / 区 from the name's prefix; None when the name does not say."""
    data = load_json("agency_aliases.json")
    if name.startswith(("国家", "中共中央", "国务院")) or name in data["aliases"] \
            or name in data["national"]:
        return "国家"
    if name.startswith(("各区", "各县")) or name[:1] in "区县":
        return "区"
    if name[:1] in "省市":
        return name[0]
    for known in sorted(known_regions(), key=lambda k: -max(map(len, (k.name, *k.aliases)))):
        if any(name.startswith(s) for s in (known.name, *known.aliases)):
            return _LEVELS[known.level or ""]
    return "区" if name.endswith("区") else None
