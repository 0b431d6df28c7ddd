"""English policy vocabulary → Chinese, so English questions reach Chinese plans lexically.

The dense retriever (multilingual-e5) already crosses languages; BM25 and the linker
need Chinese words, so an English question is searched as itself plus the Chinese terms
its phrases translate to. Longest phrases are tried first.
"""

from __future__ import annotations

import re

GLOSSARY: dict[str, str] = {
    "digital economy core industries": "数字经济核心产业", "core industries": "核心产业",
    "core industry": "核心产业", "digital economy": "数字经济", "value added": "增加值",
    "added value": "增加值", "share of gdp": "占GDP比重", "proportion of gdp": "占GDP比重",
    "gdp": "GDP", "target": "目标", "targets": "目标", "goal": "目标", "goals": "目标",
    "5g base stations": "5G基站", "5g base station": "5G基站", "base stations": "基站",
    "coverage": "覆盖率", "data center": "数据中心", "data centres": "数据中心",
    "data centers": "数据中心", "racks": "机架", "computing power": "算力",
    "artificial intelligence": "人工智能", "ai": "人工智能", "industrial internet": "工业互联网",
    "cloud computing": "云计算", "big data": "大数据", "blockchain": "区块链",
    "software": "软件", "top 100": "百强", "top-100": "百强", "top hundred": "百强",
    "reward": "奖励", "rewards": "奖励", "award": "奖励", "bonus": "奖励", "subsidy": "补贴",
    "subsidies": "补贴", "incentive": "奖励", "incentives": "奖励", "fund": "基金",
    "funds": "基金", "funding": "资金", "matching": "配套", "cap": "封顶", "capped": "封顶",
    "responsible": "责任单位", "in charge": "负责", "lead": "牵头", "department": "部门",
    "agency": "部门", "agencies": "部门", "park": "产业园", "parks": "产业园",
    "industrial park": "产业园", "enterprise": "企业", "enterprises": "企业",
    "companies": "企业", "company": "企业", "unicorn": "独角兽", "unicorns": "独角兽",
    "online retail sales": "网络零售额", "online retail": "网络零售额",
    "data trading": "数据流通交易", "data circulation": "数据流通",
    "e-commerce": "电子商务", "ecommerce": "电子商务", "logistics": "物流",
    "smart manufacturing": "智能制造", "intelligent connected vehicles": "智能网联汽车",
    "connected vehicles": "智能网联汽车", "autonomous driving": "自动驾驶",
    "talent": "人才", "talents": "人才", "platform": "平台", "platforms": "平台",
    "project": "项目", "projects": "项目", "pilot": "试点", "demonstration": "示范",
    "hubei": "湖北省", "hubei province": "湖北省", "wuhan": "武汉市",
    "wuhan economic and technological development zone": "武汉经济技术开发区",
    "economic and technological development zone": "经济技术开发区",
    "development zone": "开发区", "donghu": "东湖", "optics valley": "光谷",
    "province": "省", "provincial": "省", "city": "市", "municipal": "市", "zone": "开发区",
    "plan": "规划", "scheme": "实施方案", "14th five-year plan": "十四五",
    "fourteenth five-year plan": "十四五", "five-year plan": "五年规划",
    "satellite internet": "卫星互联", "high-performance computing": "高性能算力",
    "high performance computing": "高性能算力", "computing capacity": "算力规模",
    "computing scale": "算力规模", "rack": "机架", "data centre": "数据中心",
    "data center racks": "数据中心机架", "eflops": "EFLOPS", "seven parks": "七园",
    "layout": "布局", "name some of": "有哪些", "which are": "有哪些", "what are the": "有哪些",
    "list the": "列出", "list": "列出", "core": "核心", "annual": "年均", "share": "比重", "internet": "互联网", "growth": "增长",
    "annual growth": "年均增长", "per year": "每年", "annually": "年均", "billion": "亿",
    "how many": "多少", "how much": "多少", "first time": "首次", "who pays": "承担",
    "definition": "定义", "what does": "什么是", "compare": "对比", "respectively": "分别",
    "penetration": "普及率", "numerical control": "数控化率", "key processes": "关键工序",
    "industrial enterprises": "工业企业", "above designated size": "规上",
    "iot": "物联网", "internet of things": "物联网", "terminals": "终端", "smart city": "智慧城市",
    "digital transformation": "数字化转型", "new infrastructure": "新基建",
}
# Places outside any one corpus, as English questions name them (see qa.link).
ENGLISH_PLACES = {
    "beijing": "北京", "shanghai": "上海", "tianjin": "天津", "chongqing": "重庆",
    "guangzhou": "广州", "shenzhen": "深圳", "hangzhou": "杭州", "nanjing": "南京",
    "suzhou": "苏州", "chengdu": "成都", "xi'an": "西安", "xian": "西安", "changsha": "长沙",
    "zhengzhou": "郑州", "hefei": "合肥", "nanchang": "南昌", "jinan": "济南", "qingdao": "青岛",
    "xiamen": "厦门", "shenyang": "沈阳", "guangdong": "广东", "zhejiang": "浙江",
    "jiangsu": "江苏", "sichuan": "四川", "hunan": "湖南", "henan": "河南", "anhui": "安徽",
    "hong kong": "香港", "macau": "澳门", "taiwan": "台湾", "shandong": "山东", "fujian": "福建",
}
_ORDERED = sorted(GLOSSARY, key=len, reverse=True)
_LATIN = re.compile(r"[A-Za-z]")


def is_english(text: str) -> bool:
    letters = len(_LATIN.findall(text))
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return letters > 3 * max(cjk, 1)


def translate_english(text: str) -> str:
    """``text`` unchanged when Chinese; else ``text`` followed by the Chinese terms found."""
    if not is_english(text):
        return text
    lowered = " " + re.sub(r"[^a-z0-9\- ]", " ", text.lower()) + " "
    terms = []
    for phrase in _ORDERED:
        marker = f" {phrase} "
        if marker in lowered:
            terms.append(GLOSSARY[phrase])
            lowered = lowered.replace(marker, " | ")
    return f"{text} {' '.join(dict.fromkeys(terms))}".strip()
