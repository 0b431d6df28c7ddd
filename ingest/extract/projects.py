"""Projects: named, specific projects, platforms, centres, labs and bases.

A Project is something one can look up by name. It is found four ways:

1. every item of a 专栏 list headed 重点建设项目 / 重大创新平台 (and 重点项目, 重大工程 …):
   kind ``project`` or ``platform``, the plan's own naming (see ``boxes``);
2. a name ending in a head noun — 中心, 实验室, 研究院, 平台, 基地, 大脑, 系统, 库, 云,
   孵化器, 项目, 代线, 二期 — that starts with an identifying modifier: 国家/中国/华中, a
   region (武汉健康医疗大数据中心), a firm (京东方10.5代线, 美的高端中央空调项目), a
   university (清华大学数据科学研究院); or has 国家 inside (光电国家研究中心); or carries
   a phase (城市大脑（一期））;
3. the items of an enumeration of platforms or projects ("建成长江大数据中心、地铁数据平台、
   …等一批数据中心"), when specific enough (six characters or a modifier);
4. a quoted brand: “汉融通”平台 → 汉融通, “车谷云”计算数据中心.

Not projects: generic kinds (一批数据中心, 企业级工业互联网平台), national-level classes
(国家级…), pilot zones and designations (…试验区, …先导区, …示范区, …试点示范项目),
programmes and events outside 专栏 lists (…计划, …行动, …大会), and firms' headquarters.
A bracketed qualifier is dropped from the name (国家智能网联汽车质量监督检验中心（湖北））
but a phase is kept (城市大脑（一期））; "X平台项目" is the platform X平台.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.extract.enumerations import enumerations
from ingest.extract.firms import cut_at_known
from ingest.extract.gazetteer import Entry, Gazetteer, Name
from ingest.extract.lexicon import domain_terms
from ingest.extract.textspan import Protected, is_cjk, starts_with_boundary, walk_left

HEAD = re.compile(r"分中心|中心|实验室|研究院|研究所|开发院|分院|云平台|平台|基地|大脑|系统|孵化器|库|云|"
                  r"项目|代线|二期|一期")
HEAD_END = re.compile(f"(?:{HEAD.pattern})$")
_KINDS = (("基地", "base"), ("项目", "project"), ("代线", "project"), ("期", "project"))
_SPECIFIC = ("国家", "中国", "华中")
_BUILT = ("中心", "平台", "基地", "实验室", "研究院", "研究所", "库", "系统")
_MODIFIER_LABELS = ("Region", "Enterprise", "Park")
_ACADEMIC = ("大学", "学院", "科学院", "中科院")
_REJECT = re.compile(r"各|一批|若干|国家级|省级|市级|区级|全省|全市|第[\d一二三四五六七八九十]|"
                     r"首批|一家|招投标|^国家(?:重大|重点)|为中心$|(?:试点|示范)项目$")
# A name goes on after these heads (武汉大数据中心集群, 襄阳省域副中心城市, 华中产业云上):
_CONTINUES = re.compile(r"城市|集群|体系|群|及载体|和载体")
_OPEN_HEADS = ("云", "库")  # end a name only before punctuation, a list mark or a verb
_CLOSERS = "、，,。；;等和与及为"
_QUALIFIER = re.compile(r"[（(]([^（()）、，,等]{1,10})[）)]")
_PHASE = re.compile(r"^[一二三四五六七八九十\d]+期$")
_PHASE_TAIL = re.compile(r"^(?:[一二三四五六七八九十\d]+期|重大|重点)?项目$|^[一二三四五六七八九十\d]+期$")
_BRAND = re.compile(r"(?<!等)“([^“”、，+]{2,10})”(平台|APP|项目|城市码)")
_BRAND_CENTRE = re.compile(r"(“[^“”、，+]{2,10}”[\u4e00-\u9fff]{0,6}数据中心)")
# A quoted full name, but not a nickname: 被誉为“中国经济地理中心”.
_QUOTED_NAME = re.compile(r"(?<![为是])“((?=[^“”]{7,30}”)[^“”、，+]+?(?:中心|平台|基地|实验室|研究院))”")


def kind_of(name: str) -> str:
    return next((kind for head, kind in _KINDS if name.endswith(head)), "platform")


def learn_projects(texts: list[str], gaz: Gazetteer, protected: Protected) -> list[Name]:
    """Projects named in running text (专栏 lists are read by ``boxes``)."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for name, surfaces in (*_headed(text, gaz, protected), *_enumerated(text, gaz, protected),
                               *_quoted(text)):
            if not gaz.knows(name, *_MODIFIER_LABELS):
                found.setdefault(name, set()).update(surfaces)
    shorter = {a for n in found for a in _aliases(n, gaz)}
    names = [n for n in found if not _phase_of_other(n, found) and n not in shorter]
    return [Name(Entry("Project", n, kind=kind_of(n)), tuple(sorted(found[n]))) for n in names]


def _headed(text: str, gaz: Gazetteer, protected: Protected) -> Iterator[tuple[str, set[str]]]:
    by_start: dict[int, tuple[int, str, set[str]]] = {}
    for m in HEAD.finditer(text):
        if not _ends_here(text, m):
            continue
        window_start = walk_left(text, m.start(), protected=protected)
        if window_start and text[window_start - 1] == "“":
            continue  # quoted names are read whole by _quoted
        start = modifier_start(text[window_start:m.end()], gaz)
        qualifier = _QUALIFIER.match(text, m.end())
        phase = bool(qualifier and _PHASE.match(qualifier.group(1)))
        if start is None and not phase:
            continue
        start = window_start + (start or 0)
        name = text[start:m.end()] + (qualifier.group() if phase else "")
        surfaces = {name} | ({name + qualifier.group()} if qualifier and not phase else set())
        if len(name) - len(m.group()) >= 2 and not _REJECT.search(name) \
                and not _has_particle(name, gaz):
            shorter = by_start.get(start)
            if shorter is None or not _PHASE_TAIL.match(name[len(shorter[1]):]):
                by_start[start] = (m.end(), name, surfaces)
    for _, name, surfaces in by_start.values():
        yield canonical_project(name), surfaces


def _has_particle(name: str, gaz: Gazetteer) -> bool:
    """A 的 outside the known names in it (美的 is a firm): a phrase, not a name."""
    blanked = list(name)
    for hit in gaz.scan_within(name):
        if hit.entry.label:
            blanked[hit.start:hit.end] = "〇" * (hit.end - hit.start)
    return "的" in blanked


def _ends_here(text: str, head: re.Match[str]) -> bool:
    after = text[head.end():head.end() + 3]
    if _CONTINUES.match(after):
        return False
    if head.group() in _OPEN_HEADS:
        return not after or not is_cjk(after[0]) or after[0] in _CLOSERS \
            or starts_with_boundary(text, head.end())
    return True


def modifier_start(window: str, gaz: Gazetteer) -> int | None:
    """Where a name in ``window`` starts: at its first identifying modifier, or at 0
    for the "光电国家研究中心" form (a field, then 国家)."""
    for p in range(len(window) - 1):
        rest = window[p:]
        if rest.startswith(_SPECIFIC) and not rest.startswith("国家级"):
            field = window[:p]
            national_of_field = rest.startswith("国家") and 2 <= p <= 8 \
                and not any(c in field for c in "和与及、")
            return 0 if national_of_field else p
        hit = gaz.starts_with_known(rest)
        if hit and (hit.entry.label in _MODIFIER_LABELS or hit.surface.endswith(_ACADEMIC)):
            return p
        if hit:
            return None  # a mask: 长江中游…, 中国车谷 name nothing
    return None


def canonical_project(name: str) -> str:
    """X平台项目 → X平台: the project of building a platform is the platform."""
    if name.endswith("项目") and name[:-2].endswith(_BUILT):
        return name[:-2]
    return name


def _phase_of_other(name: str, found: dict[str, set[str]]) -> bool:
    """国家存储器基地一期项目 is 国家存储器基地 at a phase, not a project of its own."""
    return any(name.startswith(other) and name != other and _PHASE_TAIL.match(name[len(other):])
               for other in found)


def _enumerated(text: str, gaz: Gazetteer, protected: Protected) -> Iterator[tuple[str, set[str]]]:
    for enum in enumerations(text, protected):
        if enum.quantified:
            continue
        items = [cut_at_known(enum.items[0], gaz), *enum.items[1:]]
        if any(item in domain_terms() for item in items):
            continue
        # Unmodified items are names only in a list of long ones: "长江大数据中心、地铁数据平台
        # …等一批数据中心", not "实训基地、产业学院、联合实验室等…平台".
        named_list = enum.kind == "Project" and all(len(item) >= 6 for item in items)
        for item in items:
            if _enumerated_project(item, named_list, gaz):
                yield canonical_project(item), {item}


def _enumerated_project(item: str, named_list: bool, gaz: Gazetteer) -> bool:
    if item.startswith("“") or _REJECT.search(item) or "和" in item \
            or gaz.knows(item, *_MODIFIER_LABELS, "Project") \
            or item.endswith(("总部", "园", "园区", "谷")):
        return False
    specific = modifier_start(item, gaz) == 0
    if item.endswith(("学院", "大学")) and not specific:
        return False  # a university's school, not a platform
    if HEAD_END.search(item) and item[-1] not in "云期":
        return specific or named_list
    return named_list and (specific or bool(re.search("[A-Za-z]", item)))


def _quoted(text: str) -> Iterator[tuple[str, set[str]]]:
    for m in _BRAND.finditer(text):
        yield m.group(1), {m.group(1), m.group()}
    for m in _BRAND_CENTRE.finditer(text):
        yield m.group(1), {m.group(1)}
    for m in _QUOTED_NAME.finditer(text):
        yield m.group(1), {m.group(1)}


def project_aliases(gaz: Gazetteer) -> list[Name]:
    """Shorter spellings a plan uses for a project it names in full elsewhere:
    湖北光谷实验室 → 光谷实验室, 国家信息光电子创新中心 → 信息光电子创新中心,
    华中产业云平台 → 华中产业云. An alias never takes a name that is already known."""
    names = []
    for entry in gaz.entries():
        if entry.label == "Project":
            names += [Name(entry, (alias,)) for alias in _aliases(entry.name, gaz)
                      if not gaz.knows(alias)]
    return names


def _aliases(name: str, gaz: Gazetteer) -> Iterator[str]:
    inner = gaz.scan_within(name)
    if inner and inner[0].start == 0 and inner[0].entry.label == "Region":
        rest = name[inner[0].end:]
        if len(rest) >= 4 and "\u4e00" <= rest[0] <= "\u9fff" and HEAD_END.search(rest):
            yield rest
    if name.startswith("国家") and len(name) >= 8:
        yield name[2:]
    if name.endswith("云平台"):
        yield name[:-2]
