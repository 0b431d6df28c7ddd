"""Lists of responsible units as plans print them, labelled or bracketed.

- **labelled**: （责任单位：A、B）, （牵头单位：A；配合单位：B、C）, （…，牵头考核单位：A）,
  （牵头责任单位：A；责任单位：B）, 主管部门,
  实施单位, 考核单位 and the like, a line
  「责任单位：A，B」, a table row 「任务：…；牵头单位：A；配合单位：B、C；完成时限：…」. A list runs
  to its closing bracket, the next label, the next table cell or the end of its line.
- **bracketed** without a label: a bracket holding nothing but units and the verbs that
  make them responsible — （各地级以上市人民政府，省公安厅、发展改革委按职责分工负责）,
  （省商务厅牵头，省有关部门配合）; a note after them in the same bracket (「以下均需…落实，
  不再列出」) is left out. After a task's last sentence the units alone are a list, in （）
  or 〔〕: 「…项目建设。（省交通运输厅、省发展改革委）」.

Units are split on 、，,；; and on 和 between two units; a bracket inside a unit stays in it
(各县（市、区）人民政府), and so do joint names (各州、市人民政府). A unit printed without its
level shares the one before it: 「省工业和信息化厅、民政厅」 is 省民政厅 (``Listed.full``).
A group's own marker sets its role: 「A牵头，B、C配合」, 「A（牵头）、B」.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.extract.lexicon import known_regions
from ingest.extract.textspan import split_items

LEAD_WORDS = r"牵头|主责|主办"
SUPPORT_WORDS = r"配合|参与|参加|协办|协同|协助|协作|支持|承办"
LABEL = re.compile(
    rf"(?:主要)?(?P<word>{LEAD_WORDS}|{SUPPORT_WORDS}|责任|主管|实施|落实|承担|考核|考评)(?:考核|实施|落实|责任)?(?:单位|部门)"
    r"(?:[（(][^（）()：:]{1,6}[）)])?\s*[：:]|(?P<subject>责任主体)\s*[：:]")
_CELL_KEY = re.compile(r"[；;][^；;：:（）()]{1,12}[：:]")
_GROUP_ROLE = re.compile(rf"(?:[（(](?P<p>{LEAD_WORDS}|{SUPPORT_WORDS})[）)]|(?P<w>{LEAD_WORDS}|{SUPPORT_WORDS}))$")
# 「按职责分工」「分工」「按职能分别」: how the units share the task, before its verb.
_DIVIDED = r"(?:按照?(?:职责|职能)(?:分工)?|分工|分别|共同|具体)*"
_ITEM_TAIL = re.compile(rf"{_DIVIDED}(?:负责|落实|推进|实施)?$")
# 「A、B等（有关部门）」: the 等 closes the list, it is not part of the last unit.
_OTHERS = re.compile(r"等(?:有关|相关)?(?:部门|单位)?$")
_NOT_UNIT = re.compile(r"^(?:无|—+|-+|/|\d+|相关|有关)$")
_BRACKET = re.compile(r"[（(](?P<body>[^（）()]{2,200}?(?:[（(][^（）()]{1,8}[）)][^（）()]{0,120}?)*)[）)]")
# 〔A、B〕: the bracket some plans print their units in, a （市） inside it.
_SQUARE = re.compile(r"〔(?P<body>[^〔〕]{2,200})〕")
_TASK_END = re.compile(r"[。；;！!]\s*$")
_OFFICE = re.compile(r"(?:厅|局|委|办|委员会|办公室|政府|管委会)$")
_BRACKET_VERB = re.compile(rf"{_DIVIDED}(?:负责|{LEAD_WORDS}|{SUPPORT_WORDS})$"
                           rf"|(?:{LEAD_WORDS}|负责)[，,；;]")
UNIT_END = re.compile(r"(?:局|委|厅|办|部|署|府|会|联|协|行|社|院|室|处|组|中心|集团|公司|队|所|站|馆|团|机构|海关|"
                      r"部门|单位|区|县|市|州|镇|乡|街道)$")
_LEVEL = re.compile(r"^(?:省|市(?!场)|区|县|州)")
# A unit that names its own level or place: 各州、市人民政府, 中国人民银行…, 武汉新港委.
_OWN_LEVEL = re.compile(r"^(?:省|市(?!场)|区|县|州|各|中国|国家|中共)")
_DEPARTMENT = re.compile(r"(?:厅|局|委|办|委员会|办公室)$")
# 「各州、市人民政府」: a bare level, or 各 and a level, names one unit with what follows.
_JOINT = re.compile(r"^各?(?:州|市|县|区|乡|镇)$")
_JOINT_REST = re.compile(r"^(?:州|市|县|区|乡|镇)(?:人民政府|政府|管委会)?$")


@dataclass(frozen=True)
class Listed:
    """A unit as printed, its role, its full name (None when printed in full) and the
    span of the list it came from."""

    surface: str
    role: str | None
    full: str | None
    span: tuple[int, int]


def labelled(text: str, first_is_lead: bool) -> list[Listed]:
    found: list[Listed] = []
    labels = list(LABEL.finditer(text))
    for k, m in enumerate(labels):
        opened = _enclosing_open(text, m.start())
        end = _closing(text, opened) - 1 if opened is not None else _line_end(text, m.end())
        if k + 1 < len(labels) and labels[k + 1].start() < end:
            end = labels[k + 1].start()
        cell = _CELL_KEY.search(text, m.end(), end)
        if cell and not LABEL.match(text, cell.start() + 1):
            end = cell.start()
        span = (opened if opened is not None else m.start(), end + (opened is not None))
        role = _label_role(m)
        items = units(text[m.end():end], role)
        if first_is_lead and role is None and items:
            items[0] = (items[0][0], "lead", items[0][2])
        found += [Listed(s, r, f, span) for s, r, f in items]
    return found


def bracketed(text: str, taken: list[tuple[int, int]]) -> list[Listed]:
    found: list[Listed] = []
    for m in [*_BRACKET.finditer(text), *_SQUARE.finditer(text)]:
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue  # a labelled list's bracket (「〔责任单位：…〕」): read already
        closes = bool(_TASK_END.search(text[:m.start()]))
        found += [Listed(s, r, f, m.span()) for s, r, f in _bracket_units(m.group("body"), closes)]
    return sorted(found, key=lambda x: x.span)


def _bracket_units(body: str, closes_task: bool = False) -> list[tuple[str, str | None, str | None]]:
    """The units of a bracket's first sentence, if it is nothing but a duty: units with
    the verb that makes them responsible, or — in a bracket printed after a task's last
    sentence (「…项目建设。（省交通运输厅、省发展改革委）」) — units alone, a department
    among them."""
    first = body.split("。", 1)[0]
    verbless = not _BRACKET_VERB.search(first)
    if verbless and not closes_task:
        return []
    found: list[tuple[str, str | None, str | None]] = []
    for group in split_items(first, "，,；;"):
        role, group = _group_role(group, None)
        items = _split(group)
        if not items or not all(UNIT_END.search(i) and len(i) <= 24 for i in items):
            return []
        found += [(item, role, full) for item, full in zip(items, _with_level(items))]
    if verbless and not any(_OFFICE.search(item) for item, _, _ in found):
        return []  # 「（昆明市、玉溪市）」: places, not the units of a task
    return found


def units(listed: str, role: str | None) -> list[tuple[str, str | None, str | None]]:
    """(surface, role, full name) of every unit of one labelled list."""
    found: list[tuple[str, str | None, str | None]] = []
    for group in split_items(listed, "，,；;"):
        group_role, group = _group_role(group.strip().rstrip("。."), role)
        items = []
        for item in _split(group):
            own = re.search(rf"[（(](?:{LEAD_WORDS})[）)]$", item)
            if own:
                item = item[:own.start()]
            if len(item) >= 2 and not _NOT_UNIT.match(item):
                items.append((item, "lead" if own else group_role))
        fulls = _with_level([i for i, _ in items])
        found += [(item, r, full) for (item, r), full in zip(items, fulls)]
    return found


def _group_role(group: str, role: str | None) -> tuple[str | None, str]:
    """A group's own marker (A牵头; B、C配合; A（牵头）) and the group without it."""
    bare = _ITEM_TAIL.sub("", group.strip())
    marker = _GROUP_ROLE.search(bare)
    if not marker:
        return role, group
    word = marker.group("p") or marker.group("w")
    return ("lead" if re.fullmatch(LEAD_WORDS, word) else "support"), bare[:marker.start()]


def _split(group: str) -> list[str]:
    """Units of one group: split on 、, and on 和/及 between two units; joint names kept."""
    pieces: list[str] = []
    for item in split_items(group, "、"):
        item = _ITEM_TAIL.sub("", item.strip().rstrip("等。.")).strip()
        item = _OTHERS.sub("", item)  # 「市商务局、市工信局等按职责分工负责」
        parts = re.split(r"和|及", item)
        if len(parts) > 1 and all(UNIT_END.search(p) for p in parts[:-1]) \
                and all(_own_place(p) for p in parts[1:]):
            pieces += parts  # 省财政厅和各州、市人民政府; not 市政务服务局和大数据管理局
        else:
            pieces.append(item)
    joined: list[str] = []
    for piece in pieces:
        if joined and _JOINT.match(joined[-1].split("、")[-1]) and _JOINT_REST.match(piece):
            joined[-1] += "、" + piece
        else:
            joined.append(piece)
    return [p for p in joined if p]


def _with_level(items: list[str]) -> list[str | None]:
    """「省工业和信息化厅、民政厅」: a department printed without its level shares the one
    before it; a district, a zone or a company names its own place."""
    out: list[str | None] = []
    prefix = ""
    for item in items:
        own = _LEVEL.match(item)
        if own:
            prefix = own.group()
        bare = not own and not _own_place(item) and _DEPARTMENT.search(item)
        out.append(prefix + item if prefix and bare else None)
    return out


def _own_place(item: str) -> bool:
    """Whether a unit names its own level or place (各州、市人民政府, 武汉新港委)."""
    return bool(_OWN_LEVEL.match(item) or _places().match(item))


@lru_cache(maxsize=None)
def _places() -> re.Pattern[str]:
    names = {s for k in known_regions() for s in (k.name, *k.aliases) if len(s) >= 2}
    return re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))


def _label_role(m: re.Match[str]) -> str | None:
    word = m.group("word") or ""
    if re.fullmatch(LEAD_WORDS, word):
        return "lead"
    if re.fullmatch(SUPPORT_WORDS, word):
        return "support"
    return None


def _enclosing_open(text: str, pos: int) -> int | None:
    """The unclosed bracket before ``pos`` on the same line, if any."""
    depth = 0
    for i in range(pos - 1, -1, -1):
        ch = text[i]
        if ch == "\n":
            return None
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                return i
            depth -= 1
    return None


def _closing(text: str, start: int) -> int:
    """End of the bracket opened at ``start`` (the line's end if it is never closed)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            depth -= 1
            if depth == 0:
                return i + 1
        elif text[i] == "\n":
            # A PDF line break inside the bracket (「（责任单位：⏎市发改委、…）」): the
            # bracket goes on when the next line closes it.
            line = text[i + 1:].split("\n", 1)[0]
            if not re.search(r"[）)]", line) or depth != 1:
                return i + 1
    return len(text) + 1


def _line_end(text: str, start: int) -> int:
    m = re.compile(r"[。\n]").search(text, start)
    return m.start() if m else len(text)
