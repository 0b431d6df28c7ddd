"""Enterprises a plan names, learned from its own text on top of a seed gazetteer.

A firm is a company or company group, under its trading name (小米, 东风汽车) or its
legal one (武汉云计算科技有限公司). Universities, research institutes, associations and
government bodies are not firms. Besides ``enterprises.json`` the rules are:

- a legal suffix: …有限公司 / …股份有限公司 / …集团 / …公司 / …交易所 (not 市供电公司: a
  name must not start with a bare 市/省/区/县);
- a regional headquarters: X华中总部, X全国总部, X武汉第二总部 → X;
- an enumeration of firms: "A、B、C等（一批）…龙头企业" (see ``enumerations``), unless an
  item is a sector (电子信息、汽车等行业龙头企业) or a generic phrase (软件百强);
- a known firm's subsidiary named by firm + business word: 东风通信, 东风出行.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.extract.enumerations import enumerations
from ingest.extract.gazetteer import Entry, Gazetteer, Name
from ingest.extract.lexicon import domain_terms
from ingest.extract.textspan import Protected, is_name_char, starts_with_boundary, walk_left

_LEGAL = re.compile(r"股份有限公司|有限责任公司|集团有限公司|有限公司|集团|公司|交易所")
_HQ = re.compile(r"总部")
_HQ_QUALIFIER = re.compile(r"(?:华中|华南|华东|华北|西南|西北|东北|中部|全国|全球|中国|区域|亚太|"
                           r"第二|武汉|数字出版|运营)+$")
_GENERIC = ("企业", "产业", "行业", "领域", "百强", "以上", "国内外", "各类", "相关", "技术",
            "设备", "服务", "应用", "资源", "方式", "国有", "专业", "知名", "地区", "区域", "我市",
            "本地", "骨干", "龙头", "场景", "政府", "部门")
_LEGAL_GENERIC = ("国有", "专业", "相关", "各", "一批", "运营公司", "我市", "政府")
_NOT_FIRM_END = ("大学", "学院", "学校", "总部")
_BUSINESS = re.compile(r"通信|出行|科技|电子|物流|金融|智能|数字|网络|软件|信息|商用车")
_CONJ = re.compile(r"[和与及]")


def learn_firms(texts: list[str], gaz: Gazetteer, protected: Protected) -> list[Name]:
    """Firms named in ``texts`` that the gazetteer does not know yet."""
    found: dict[str, None] = {}
    for text in texts:
        for name in (*_legal_names(text, protected), *_headquarters(text, gaz, protected),
                     *_subsidiaries(text, gaz), *_enumerated(text, gaz, protected)):
            if not gaz.knows(name):
                found[name] = None
    return [Name(Entry("Enterprise", name)) for name in found]


def _legal_names(text: str, protected: Protected) -> Iterator[str]:
    for m in _LEGAL.finditer(text):
        start = walk_left(text, m.start(), protected=protected)
        stem = text[start:m.start()]
        if len(stem) >= 2 and stem[0] not in "市省区县" and "的" not in stem \
                and stem[-1] not in "和与及" \
                and not any(w in stem for w in _LEGAL_GENERIC):
            yield stem + m.group()


def _headquarters(text: str, gaz: Gazetteer, protected: Protected) -> Iterator[str]:
    for m in _HQ.finditer(text):
        start = walk_left(text, m.start(), protected=protected)
        stem = text[start:m.start()]
        stem = _HQ_QUALIFIER.sub("", stem)
        known = gaz.get(stem)
        if known is not None and known.label == "Enterprise":
            continue
        if firm_like(stem, gaz):
            yield stem


def _subsidiaries(text: str, gaz: Gazetteer) -> Iterator[str]:
    """东风通信: a known two-character firm name, a business word, then the name ends."""
    for hit in gaz.scan(text):
        if hit.entry.label != "Enterprise" or len(hit.surface) != 2:
            continue
        m = _BUSINESS.match(text, hit.end)
        if m and (m.end() == len(text) or not is_name_char(text[m.end()])
                  or text.startswith(("总部", "等"), m.end())
                  or starts_with_boundary(text, m.end())):
            yield text[hit.start:m.end()]


def _enumerated(text: str, gaz: Gazetteer, protected: Protected) -> Iterator[str]:
    for enum in enumerations(text, protected):
        if enum.kind != "Enterprise" or enum.quantified:
            continue
        items = [cut_at_known(enum.items[0], gaz), *enum.items[1:]]
        if any(item in domain_terms() or (_is_generic(item) and not _has_project_head(item))
               for item in items):
            continue  # "电子信息、汽车等行业龙头企业": sectors, not firms
        for item in items:
            if not item.endswith(_NOT_FIRM_END) and firm_like(item, gaz) \
                    and not _has_project_head(item):
                yield item


def cut_at_known(item: str, gaz: Gazetteer) -> str:
    """"应用场景及中国电子" → 中国电子: a first item's conjunction, when a known name follows."""
    for m in reversed(list(_CONJ.finditer(item))):
        if gaz.starts_with_known(item[m.end():]):
            return item[m.end():]
    return item


def firm_like(name: str, gaz: Gazetteer) -> bool:
    return (2 <= len(name) <= 20 and name[0] not in "市省区县" and "的" not in name
            and not _is_generic(name) and name not in domain_terms()
            and not gaz.knows(name, "Region", None))


def _is_generic(name: str) -> bool:
    return any(w in name for w in _GENERIC)


def _has_project_head(name: str) -> bool:
    return name.endswith(("中心", "基地", "平台", "实验室", "研究院", "项目", "产业园", "园区",
                          "科技园", "创新谷"))
