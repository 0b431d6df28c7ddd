"""The instruments of Chinese policy support, and the words that grant them.

An **instrument** is what a firm or a person gets: a reward (奖励, 奖补, 积分奖励), a
subsidy (补贴, 补助, 津贴, 资助, 贴息, 资金扶持; tax and fee relief 减免, 免收, 免征, 减征,
减按…征收, 加计扣除, 税收优惠政策, a tax refund 退还…留抵税额, 税前扣除, a fee or rate cut
费率从19%降低到16% / 资费再降10% / 降低社保费率, 不计罚息, a deposit waived 取消投标保证金, contributions
paid for someone 代缴, relief money 临时救助/救助金, a share paid back 按…50%返还 / 稳岗返还; vouchers
消费券, 算力券), matching funds (配套), or a support programme (扶持政策, 政策支持, 政策倾斜, 优先支持,
优先考虑, 纳入…支持范围, 在…方面提供便利, and public procurement's preferences 价格扣除, 评审优惠, 预留…份额).
It is **granted** when the text gives it: a grant verb before it in the same phrase (给予, 予以, 实行,
落实, 发放, 采取, 提供, 享受, 纳入, 通过, 完善, 进行, 启动, 领取 …), a sum
right after it (奖励200万元, 支持比例不超过…15%, 报废补贴额1500元), paid in full (全额补助,
予以全额支持), or when the word is itself the giving (免收…电费, 减按0.5%征收,
优先支持…). 重点支持 alone is a focus, not a grant; what a plan merely asks a bank, a lender or an
insurer to give (引导国有银行…给予优惠利率, 鼓励小额贷款公司…减免利息) is not the plan's grant, nor is
what falls outside a policy (不在政策支持范围内).

A plan that names several instruments in one breath — 「采取补贴、积分奖励等方式」 — grants
each: ``granted_instruments`` returns them all, one per kind.

>>> [(i.kind, i.word) for i in granted_instruments("支持有条件的地市采取补贴、积分奖励等方式")]
[('subsidy', '补贴'), ('reward', '积分奖励')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORDS = (
    ("programme", r"减税降费"),  # a policy line, not a relief one can claim
    ("reward", r"(?:积分)?奖励(?!试点|机制|办法|名额)|奖补|奖金|以奖代补"),
    ("matching", r"(?:资金)?配套(?:资金|奖励|补助|支持)|(?<=给予)配套|(?<=予以)配套|(?<=%)配套"),
    ("subsidy", r"(?:补贴|补助|津贴|资助|贴息)(?!比例|标准|额度|上限|资金管理|收入)|资金扶持|资金支持|"
                r"(?:补贴|补助|资助|支持|奖励)(?=(?:额度|上限|金额|比例|标准)[^，,。；;]{0,16}?\d)|(?<=全额)支持|"
                r"(?<!政策)扶持资金|"
                r"减免|免收|免征|减征|减按|减半征收|免于收取|免予收取|不再(?:增收|收取)|"
                r"加计扣除|加计抵减|免税|税收优惠|税费?减免|税收政策|税[^，,。；;、]{0,10}?优惠政策|"
                r"(?:费|价格|租金|利率)优惠|(?:(?![证债])[\u4e00-\u9fff])券|"
                r"退还[^，,。；;]{0,16}?税额|留抵退税|(?<!不得)税前扣除|"
                r"(?:费率|资费|收费标准)[^，,。；;]{0,6}?(?:再)?(?:降低|下降|下调|降|减)|降低[^，,。；;]{0,8}?(?:费率|资费)|"
                r"不计(?:罚息|利息)|(?:取消|免收|免于收取|免予收取)[^，,。；;]{0,8}?保证金|代缴|"
                r"救助金|(?:临时|生活)救助(?!制度|体系|机制|渠道|备用金|兜底|帮扶)|(?<=[%的])返还|稳岗返还"),
    ("programme", r"(?:扶持|支持|优惠)政策|政策(?:支持|倾斜)|优先支持|重点支持|支持范围|优先考虑|"
                  r"评审优惠|价格扣除|预留[^，,。；;]{0,16}?份额|"
                  r"(?<=方面)(?:提供|给予)(?:便利|优先|倾斜)|(?:给予|予以)支持|(?<=元)支持|一次性支持"),
)
INSTRUMENT = re.compile("|".join(f"(?P<{kind}{k}>{words})" for k, (kind, words) in enumerate(_WORDS)))
# A pool of money the plan sets up, sizes or allocates: 设立…基金, 用好6亿元…专项资金,
# 统筹…奖补资金3.5亿元, 安排5亿元 — not claimable as such.
_FUND_NOUN = r"(?:基金|专项资金|资金包|专项贷款|引导资金|奖补资金|发展资金|财政资金)"
_SUM = r"\d+(?:\.\d+)?\s*(?:万亿|亿|千万|万)?元"
FUND = re.compile(
    rf"(?:设立|设置|发起|组建|建设|建立|做大|形成|落实|成立|扩大|实施)[^，,。；;]{{0,20}}?{_FUND_NOUN}|"
    rf"安排[^，,。；;]{{0,12}}?(?:{_SUM}|资金)|"
    rf"(?:用好|统筹)[^，,。；;]{{0,6}}?{_SUM}[^，,。；;]{{0,20}}?{_FUND_NOUN}|"
    rf"(?:用好|统筹)[^，,。；;]{{0,20}}?{_FUND_NOUN}\s*{_SUM}|"
    rf"用好[^，,。；;]{{0,20}}?(?:奖励|奖补|专项|发展|补助)资金|下拨[^，,。；;]{{0,16}}?备用金")
GRANT = re.compile(r"给予|予以|给与|实行|实施|落实|发放|派发|采取|提供|享受|享有|纳入|安排|执行|兑现|进行|启动|领取|"
                   r"通过|完善|健全|延续|继续")
# The word is the giving itself: 免收需量电费, 减按0.5%征收, 房租减免, 优先支持…, 在…方面提供便利.
_SELF_GRANTING = re.compile(r"^(?:免收|免征|减征|减按|减半征收|减免|免[于予]收取|不再(?:增收|收取)|优先支持|优先考虑|"
                            r"(?:费率|资费|收费标准|降低).+|不计(?:罚息|利息)|"
                            r"(?:取消|免收|免[于予]收取).*保证金|代缴|评审优惠|价格扣除|预留.+份额|"
                            r"(?:提供|给予|予以)\w+)$")
# Money behind a general 给予支持 makes it a subsidy: 省级财政…给予支持, 在租金、水费等方面予以支持.
_MONEY_WORDS = re.compile(r"财政|资金|租金|费用|[水电网房]费|经费")
_SUM_IN = re.compile(r"\d\s*(?:万亿|亿|千万|万)?元")
# 「培训补贴向产教融合项目倾斜」: steering existing money is a priority, not a new subsidy.
STEERED = re.compile(r"向[^，,。；;]{1,24}倾斜")
# 补助上限为1000万元, 支持比例不超过总投资的15%, 报废补贴额1500元: the size of a grant;
# 「大型联合收割机补贴不超过15万元」, 「单机补贴限额不超过12万元」: a ceiling printed right after it.
_AMOUNT_AFTER = re.compile(r"^\s*\d|^(?:额度|上限|金额|额\s*\d)|^比例[^，,。；;]{0,16}?\d|"
                           # 「平均每辆车补贴额由6万元提高至8万元」: the grant raised to a new sum
                           r"^(?:额|金额|标准)?\s*由[^，,。；;]{1,12}?(?:提高|提升|上调|调高|调整|增加)(?:至|到|为)\s*\d|"
                           r"^(?:限额|标准)?(?:为|是)?\s*(?:原则上)?(?:不超过|最高(?:不超过)?|最多|不高于)\s*\d")
# 「其余六州原则上全额补助」: the whole cost paid is the grant.
_IN_FULL = re.compile(r"全额\s*$")
# A share of a base gives what it pays: 「按上年度实际缴纳失业保险费的40%返还」,
# 「岗位补贴按上年度最低工资标准的20%执行」, 「补贴总价的2%」.
_RATIO_GIVES = re.compile(r"\d\s*[%‰]\s*的?\s*$")
_RATIO_AFTER = re.compile(r"\s*(?:按(?:照)?)?[^，,。；;%‰\d]{0,16}?的?\s*\d+(?:\.\d+)?\s*[%‰]")
# Talk about an instrument that gives nothing: 骗取补贴, 补贴资金管理, 加大…支持力度, money paid
# back (退还70%补贴资金).
NOT_GIVEN = re.compile(r"(?:(?:骗取|套取|冒领|清理|规范|审计|监督|核查|取消|依托|借助|利用|明确|研究|探索|"
                       r"退还|退回|收回|追回|扣回)"
                       r"[^，,。；;]{0,8}|不在[^，,。；;]{0,8}|了[^，,。；;]{0,2})$")  # 提供了政策支持: what was given
# A lender's or an insurer's own credit terms, which the plan only asks for: 引导国有银行对出租人
# 给予优惠利率质押贷款等支持, 鼓励小额贷款公司…缓收或减免利息.
_LENDER = re.compile(r"(?:引导|鼓励|推动|督促)[^，,。；;]{0,8}?(?:银行|金融机构|金融组织|贷款公司|保险公司|担保机构)")
_CREDIT = re.compile(r"利率|利息|贷款|质押|保险费|保费")
_SUPPORT_IN_VIEW = re.compile(r"政策|资金|扶持|补贴|补助|奖励")
_JOIN = re.compile(r"^(?:、|和|或|及|与|以及)$")
# An instrument inside the 对…的 condition of a grant printed after it.
_CONDITION_OPEN = re.compile(r"(?:^|[，,；;])\s*对[^，,。；;]*$")
_CONDITION_CLOSE = re.compile(r"[^，,。；;]{0,12}?的[^，,。；;]{0,20}?(?:给予|予以)")


@dataclass(frozen=True)
class Instrument:
    kind: str  # reward | matching | subsidy | programme
    word: str
    start: int
    end: int


@lru_cache(maxsize=16384)
def instruments(text: str) -> tuple[Instrument, ...]:
    """Every instrument word in ``text``, in reading order (the same phrase is read as a
    chunk, a phrase and an offer: the second reading is a look-up)."""
    found = []
    for m in INSTRUMENT.finditer(text):
        kind = next(k for k, v in m.groupdict().items() if v).rstrip("0123456789")
        found.append(Instrument(kind, m.group(), m.start(), m.end()))
    return tuple(found)


def is_granted(text: str, inst: Instrument) -> bool:
    """Whether ``text`` gives ``inst`` (see the module docstring); ``text`` is one phrase."""
    before = text[:inst.start]
    if NOT_GIVEN.search(before) or (_LENDER.search(before) and _CREDIT.search(text)):
        return False
    if _CONDITION_OPEN.search(before) and _CONDITION_CLOSE.match(text, inst.end):
        return False  # 「对发放消费券的企业给予…奖励」: what the firm did, not what it gets
    return bool(GRANT.search(before) or _AMOUNT_AFTER.match(text[inst.end:])
                or _SELF_GRANTING.match(inst.word) or _RATIO_GIVES.search(before) or _IN_FULL.search(before)
                or _RATIO_AFTER.match(text, inst.end))


def priority_without_support(offer: str, word: str) -> bool:
    """优先考虑 is a support programme only with support in view in its offer (惠企政策,
    扶持政策, 资金); 「在各类创先评优活动中予以优先考虑」 is an honour's priority."""
    return word == "优先考虑" and not _SUPPORT_IN_VIEW.search(offer)


def granted_instruments(phrase: str) -> list[Instrument]:
    """The instruments ``phrase`` grants: the first granted one, and those listed right
    after it (、 和 或) when they are of another kind."""
    found = instruments(phrase)
    first = next((i for i, inst in enumerate(found) if is_granted(phrase, inst)), None)
    if first is None:
        return []
    if STEERED.search(phrase):
        return [Instrument("programme", found[first].word, found[first].start, found[first].end)]
    chosen = [_money_backed(phrase, found[first])]
    for inst in found[first + 1:]:
        if not _JOIN.match(phrase[chosen[-1].end:inst.start].strip()):
            break
        if inst.kind not in {c.kind for c in chosen}:
            chosen.append(inst)
    return chosen


def _money_backed(phrase: str, inst: Instrument) -> Instrument:
    """给予支持 with money behind it (财政, 租金, a sum: 给予最高100万元支持) is a subsidy."""
    if inst.word in ("给予支持", "予以支持", "支持", "一次性支持") and (_MONEY_WORDS.search(phrase) or _SUM_IN.search(phrase)):
        return Instrument("subsidy", inst.word, inst.start, inst.end)
    return inst
