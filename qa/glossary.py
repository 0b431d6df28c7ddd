"""English policy vocabulary → Chinese, so English questions reach Chinese plans lexically.

The dense retriever (multilingual-e5) already crosses languages; BM25 and the linker
need Chinese words, so an English question is searched as itself plus the Chinese terms
its phrases translate to. Longest phrases are tried first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.bilingual import EnglishWords

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
    "data center racks": "数据中心机架", "eflops": "EFLOPS",
    "layout": "布局", "name some of": "有哪些", "which are": "有哪些", "what are the": "有哪些",
    "list the": "列出", "list": "列出", "core": "核心", "annual": "年均", "share": "比重", "internet": "互联网", "growth": "增长",
    "annual growth": "年均增长", "per year": "每年", "annually": "年均", "billion": "亿",
    "how many": "多少", "how much": "多少", "first time": "首次", "who pays": "承担",
    "definition": "定义", "what does": "什么是", "compare": "对比", "respectively": "分别",
    "penetration": "普及率", "numerical control": "数控化率", "key processes": "关键工序",
    "industrial enterprises": "工业企业", "above designated size": "规上",
    "iot": "物联网", "internet of things": "物联网", "terminals": "终端", "smart city": "智慧城市",
    "digital transformation": "数字化转型", "new infrastructure": "新基建",
    # Common plan vocabulary, for questions about any region's plans.
    "service outsourcing": "服务外包", "outsourcing": "外包", "execution value": "执行额",
    "exports": "出口", "export": "出口", "imports": "进口", "foreign trade": "外贸",
    "consumption": "消费", "consumer": "消费", "vouchers": "消费券", "voucher": "券",
    "tourism": "文旅", "culture and tourism": "文旅", "retail": "零售", "sales": "销售额",
    "renewable energy": "可再生能源", "new energy": "新能源", "solar": "光伏", "photovoltaic": "光伏",
    "wind power": "风电", "hydrogen": "氢能", "energy storage": "储能", "charging piles": "充电桩",
    "charging": "充电", "electric vehicles": "新能源汽车", "new energy vehicles": "新能源汽车",
    "installed capacity": "装机容量", "capacity": "装机", "power generation": "发电量",
    "carbon": "碳", "emissions": "排放", "energy consumption": "能耗", "energy station": "能源站",
    "government data": "政务数据", "data resources": "数据资源", "data sharing": "数据共享",
    "open data": "数据开放", "data security": "数据安全", "data": "数据", "data companies": "数据企业",
    "data merchants": "数商", "association": "协会", "data elements": "数据要素",
    "marine": "海洋", "ocean": "海洋", "large model": "大模型", "large models": "大模型",
    "model": "模型", "industrial cluster": "产业集群", "cluster": "集群", "clusters": "集群",
    "headquarters": "总部", "investment": "投资", "loans": "贷款", "loan": "贷款",
    "interest subsidy": "贴息", "interest": "利息", "guarantee": "担保", "tax": "税",
    "tax reduction": "减税", "fees": "费", "rent": "租金", "land": "用地",
    "one-time": "一次性", "one-off": "一次性", "maximum": "最高", "up to": "最高",
    "no more than": "不超过", "award": "奖励", "awards": "奖励", "bonus payment": "奖励",
    "rewarded": "奖励", "subsidized": "补贴", "subsidised": "补贴", "grant": "补助",
    "grants": "补助", "small and medium enterprises": "中小企业", "smes": "中小企业",
    "specialized and sophisticated": "专精特新", "high-tech enterprises": "高新技术企业",
    "high-tech": "高新技术", "r&d": "研发", "research and development": "研发",
    "innovation": "创新", "talent introduction": "人才引进", "employment": "就业",
    "jobs": "就业", "income": "收入", "residents": "居民", "elderly care": "养老",
    "health": "健康", "education": "教育", "housing": "住房", "happiness": "幸福",
    "assessment": "考核", "evaluation": "考评", "score": "分", "points": "分",
    "river chief": "河长", "lake chief": "湖长", "water": "水", "ecology": "生态",
    "responsible unit": "责任单位", "lead unit": "牵头单位", "lead department": "牵头单位",
    "supporting units": "配合单位", "document number": "文号", "issued": "印发",
    "issue date": "发文日期", "issuing authority": "发文机关", "measures": "措施",
    "action plan": "行动计划", "implementation plan": "实施方案", "guiding opinions": "指导意见",
    "opinions": "意见", "article": "条", "chapter": "章", "regulations": "办法",
    "administrative measures": "管理办法", "by 2025": "到2025年", "by 2027": "到2027年",
    "by 2030": "到2030年", "first quarter": "一季度", "quarter": "季度",
    "fuel cell": "燃料电池", "fuel cells": "燃料电池", "trucks": "重卡", "truck": "重卡",
    "heavy trucks": "重卡", "vehicles": "汽车", "vehicle": "汽车", "buses": "公交", "bus": "公交",
    "taxi": "出租汽车", "taxis": "出租汽车", "hydrogen refuelling": "加氢", "refuelling": "加氢",
    "refueling": "加氢", "stations": "站", "station": "站", "output value": "产值",
    "provident fund": "公积金", "housing provident fund": "住房公积金", "down payment": "首付",
    "mortgage": "贷款", "home purchase": "购房", "purchase": "购置", "house": "住房",
    "battery swapping": "换电", "battery swap": "换电", "charging station": "充电站",
    "pilot zone": "试点", "pilot": "试点", "bid bond": "投标保证金", "bid bonds": "投标保证金",
    "credit": "信用", "government-invested": "政府投资", "threshold": "以下", "exempt": "免",
    "exempting": "免", "life expectancy": "人均预期寿命", "per capita": "人均", "gdp per capita": "人均地区生产总值",
    "equipment renewal": "设备更新", "trade-in": "以旧换新", "trade in": "以旧换新",
    "data industry": "数据产业", "data-intensive": "数据密集型", "integrated": "融合", "integrate": "融合",
    "integration": "融合", "expo": "博览会", "exposition": "博览会", "international": "国际", "host": "举办",
    # Plans host a 大会, 论坛 or 峰会; CC-CEDICT's 会议 is a meeting.
    "conference": "大会", "conferences": "大会", "forum": "论坛", "forums": "论坛", "summit": "峰会",
    "migrant workers": "农民工", "returnees": "返乡", "returning": "返乡", "square metre": "平方米",
    "square meter": "平方米", "working days": "工作日", "objection": "异议", "account balance": "账户余额",
    "rooftop": "屋顶", "pv": "光伏", "installation rate": "安装率", "public buildings": "公共建筑",
    "electricity consumption": "电耗", "power consumption": "电耗", "passenger cars": "乘用车",
    "passenger car": "乘用车", "battery-electric": "纯电动", "pure electric": "纯电动", "average": "平均",
    "commercial loan": "商业性贷款", "commercial mortgage": "商业性贷款", "commercial": "商业性",
    "paying off": "偿还", "pay off": "偿还", "repay": "偿还", "repayment": "还款", "days": "日",
    "drones": "无人机", "drone": "无人机", "low-altitude": "低空", "low altitude": "低空",
    "highway": "高速公路", "expressway": "高速公路", "service areas": "服务区", "service area": "服务区",
    "basic principles": "基本原则", "principles": "原则", "county": "县", "township": "乡镇",
    "townships": "乡镇", "rural": "农村", "villages": "村", "private investment": "民间投资",
    "procurement": "采购", "advance payment": "预付款", "prepayment": "预付款", "contract": "合同",
    "childcare": "托育", "elderly": "老年", "interest rate": "利率", "term": "期限", "years": "年",
    "service": "服务", "services": "服务", "management": "管理",
    # Equipment renewal, trade-ins, energy saving: the vocabulary of a genre many plans share.
    "e-bike": "电动自行车", "e-bikes": "电动自行车", "electric bicycle": "电动自行车",
    "electric bicycles": "电动自行车", "green electricity": "绿色电力", "green power": "绿色电力",
    "green building": "绿色建筑", "green buildings": "绿色建筑", "energy saving": "节能",
    "energy-saving": "节能", "low-carbon": "低碳", "low carbon": "低碳", "carbon peak": "碳达峰",
    "carbon neutrality": "碳中和", "recycling": "回收", "home appliances": "家电", "appliances": "家电",
    "scrapping": "报废", "scrappage": "报废", "scrap": "报废", "scrapped": "报废", "used car": "二手车",
    "used cars": "二手车", "elevator": "电梯", "elevators": "电梯", "renovation": "改造",
    "renovate": "改造", "retrofit": "改造", "upgrade": "升级", "pipelines": "管网", "pipeline": "管网",
    "gas": "燃气", "heating": "供热", "water supply": "供水", "sewage": "污水", "universities": "高校",
    "university": "高校", "schools": "学校", "hospitals": "医院", "medical equipment": "医疗设备",
    "agricultural machinery": "农机", "ships": "船舶", "vessels": "船舶", "diesel": "柴油",
    "percentage": "比例", "purchase price": "购买价格", "price": "价格", "households": "户",
    # Applying for support and the rules around it; grids, insurance and loans.
    "applicant": "申报", "applicants": "申报", "applying for": "申报", "falsified": "弄虚作假",
    "falsify": "弄虚作假", "falsifying": "弄虚作假", "fraud": "弄虚作假", "fraudulent": "弄虚作假",
    "barred": "不得", "banned": "不得", "prohibited": "不得", "special funds": "专项资金",
    "special fund": "专项资金", "fiscal": "财政", "grid": "电网", "power grid": "电网",
    "vehicle-grid interaction": "车网互动", "vehicle-to-grid": "车网互动", "v2g": "车网互动",
    "insurance": "保险", "premium": "保费", "premiums": "保费", "kwh": "千瓦时",
    "parking": "停车", "popularise": "推广", "popularised": "推广", "popularize": "推广",
    "popularized": "推广", "outside": "市外", "annual cap": "每年",
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
    "hubei": "湖北", "wuhan": "武汉", "hebei": "河北", "shanxi": "山西", "shaanxi": "陕西",
    "liaoning": "辽宁", "jilin": "吉林", "heilongjiang": "黑龙江", "jiangxi": "江西",
    "guangxi": "广西", "hainan": "海南", "guizhou": "贵州", "yunnan": "云南", "tibet": "西藏",
    "gansu": "甘肃", "qinghai": "青海", "ningxia": "宁夏", "xinjiang": "新疆",
    "inner mongolia": "内蒙古", "dongguan": "东莞", "foshan": "佛山", "wuxi": "无锡",
    "ningbo": "宁波", "dalian": "大连", "harbin": "哈尔滨", "kunming": "昆明", "guiyang": "贵阳",
    "nanning": "南宁", "taiyuan": "太原", "shijiazhuang": "石家庄", "lanzhou": "兰州",
    "fuzhou": "福州", "changchun": "长春", "urumqi": "乌鲁木齐", "hohhot": "呼和浩特",
}
_ORDERED = sorted(GLOSSARY, key=len, reverse=True)
_LATIN = re.compile(r"[A-Za-z]")


def _replace_hyphenated(lowered: str, phrase: str) -> str:
    """``lowered`` with ``phrase`` written with hyphens for spaces taken out."""
    pattern = r"(?<= )" + r"[ \-]".join(map(re.escape, phrase.split(" "))) + r"(?=[ \-])"
    return re.sub(pattern, " | ", lowered)


def is_english(text: str) -> bool:
    letters = len(_LATIN.findall(text))
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return letters > 3 * max(cjk, 1)


def translate_english(text: str, more: EnglishWords | None = None) -> str:
    """``text`` unchanged when Chinese; else ``text`` followed by the Chinese terms found:
    the glossary's phrases first, then what ``more`` (a dictionary) finds for the words left."""
    return english_terms(text, more)[0]


def english_terms(text: str, more: EnglishWords | None = None) -> tuple[str, list[str]]:
    """``translate_english``'s text, and the Chinese words only the dictionary gave: guesses
    at a word's sense, where the glossary's are the policy term."""
    if not is_english(text):
        return text, []
    listed, guessed = _translations(text, more)
    return (f"{text} {' '.join(dict.fromkeys(listed + guessed))}".strip(),
            [zh for zh in dict.fromkeys(guessed) if zh not in listed])


def _translations(text: str, more: EnglishWords | None) -> tuple[list[str], list[str]]:
    lowered = " " + re.sub(r"[^a-z0-9\- ]", " ", text.lower()) + " "
    terms = []
    for phrase in _ORDERED:
        marker = f" {phrase} "
        if marker in lowered:
            lowered = lowered.replace(marker, " | ")
        elif marker in lowered.replace("-", " "):
            # 「elderly-care」 is the glossary's 「elderly care」 (「trade-in」 is listed as written).
            lowered = _replace_hyphenated(lowered, phrase)
        else:
            continue
        terms.append(GLOSSARY[phrase])
    places = [en for en in ENGLISH_PLACES if re.search(rf"\b{re.escape(en)}\b", lowered)]
    terms += [ENGLISH_PLACES[en] for en in places]
    guessed: list[str] = []
    if more is not None:
        # A phrase does not run across a glossary phrase taken out (「 | 」) or a place.
        for en in places:
            lowered = re.sub(rf"\b{re.escape(en)}\b", " | ", lowered)
        for run in lowered.split("|"):
            guessed += more.chinese(re.findall(r"[a-z][a-z\-]*[a-z]", run))
    return terms, guessed
