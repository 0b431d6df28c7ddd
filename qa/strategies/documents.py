"""Questions about the documents themselves, answered from the graph's Document metadata and
the titles the plans print in 《…》.

- which documents a plan cites (「…引用了哪些文件？」) and which plans cite one;
- which plans mention something (「哪些规划提到了算力券？」, 「哪几份材料涉及碳普惠」);
- which loaded plans are on a topic, by their titles (「专门讲充电基础设施的规划有哪些」);
- the newest / earliest plan, the plans covering a year, several named plans by date;
- a plan's 文号, issue date, issuer, period (as printed), when it takes effect, whom its
  notice is sent to (主送). A field the text does not print is said to be missing, and
  the answer is then not found.

Each fact cites the clause where it is printed: a cited title's own clause, the clause
holding the 文号 or the date when the text carries one (else the document's opening
clause, and the answer says the value comes from the document's record).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from qa.compose import Point
from qa.corpus import DocInfo
from qa.strategies.base import Context, Draft
from qa.types import ClauseRecord

_TITLE = re.compile(r"《([^《》]{4,60})》")
_CITES = re.compile(r"(?:引用|援引|依据|根据|落实|贯彻|衔接|对接|参照|提到|提及)了?(?:哪些|什么|哪几[个份部]?|几[个份部]|哪[个份部一])"
                    r"(?:上位|国家|省级|省里|市里|其他)?(?:文件|规划|政策|方案|文件精神|纲要|意见)|"
                    r"(?:引用|援引|依据)的(?:文件|规划|政策)(?:有哪些|是什么)")
_WHICH = r"(?:哪些|哪几[个份部]?|哪[个份部]|哪)"
_CITED_BY = re.compile(_WHICH + r"(?:规划|文件|方案|政策)[^？?]{0,6}(?:引用|援引|依据|落实|贯彻|衔接)")
_MENTIONS = re.compile(_WHICH + r"(?:份|几份)?(?:规划|文件|方案|政策|材料)?(?:里|中)?[^？?]{0,6}?(?:提到|提及|谈到|讲到|写到)了?[“\"]|"
                       + _WHICH + r"(?:规划|文件|方案|政策|材料)(?:里|中)?[^？?]{0,6}(?:提到|提及|涉及|谈到|讲到|出现|写到|包含|部署)|"
                       r"在" + _WHICH + r"(?:规划|文件|方案|政策)")
_GENRE = re.compile(r"实施方案|行动方案|工作方案|若干措施|政策措施|实施细则|管理办法|实施意见|指导意见|规划|方案|措施|意见|办法|细则|通知")
_BASIS = re.compile(r"依据|根据|按照|贯彻|落实|制定本|编制本|衔接")
_SINGULAR = re.compile(r"哪[个份部一]|什么(?:上位)?(?:规划|文件)")
_NOT_FIELD = re.compile(r"(?:省|市|区|县|州|自治区)?(?:人民)?政府(?:办公厅|办公室)?|它|自己|那个|那份|通知|主送|发给|发往|下发|送达|时候|文号|发文字号|字号|编号|发文日期|印发日期|发布日期|成文日期|签发日期|落款|日期|发文机关|发文单位|"
                        r"印发单位|发布机关|规划期|实施期|期限|起止|时间范围|覆盖|时期|一段|哪段|有效期|哪天|何时|什么时候|哪一?年|哪几年|几年|"
                        r"印发|发布|出台|签发|发的|联合|共同|"
                        r"制定|哪[些两几一二三四五六七八九十]?[个家份]?|单位|部门|机关|机构|名义|以|谁|由|是|什么|多少|分别|和|及|与|、|的|吗|呢|这份|这个|这些|此|本|该|规划|方案|文件|政策|"
                        r"现在|目前|还|仍|是否|有效性|有效|效力|失效|废止|施行|生效|起|开始|实施|从|网站上?|适用于?|"
                        r"意见|措施|办法|[一二两三四五六七八九十\d]个|[，,。？?！!\s]|给|有|到")
_NEWEST = re.compile(r"最新|最近(?:发布|印发|出台)|(?:发布|印发|出台)(?:得|时间)?最晚|最早|最先")
_EARLIEST = re.compile(r"最早|最先|最老")
# Two named documents compared by date: 「哪个更新」「哪份先发布」「谁出台得更早」. The
# interrogative must lead: 「设备更新」 alone is a topic, not a date.
_ISSUING = r"(?:发布|印发|出台|制定|签发|成文)"
_NEWER = re.compile(rf"(?:哪[一个份部]{{1,2}}|谁)(?:[^？?，,。]{{0,6}}?{_ISSUING}(?:得|的时间)?)?(?:更|较)(?:新|晚|早)|"
                    rf"(?:哪[一个份部]{{1,2}}|谁)(?:先|后){_ISSUING}")
_EARLIER = re.compile(r"更早|较早|先")
_FIELDS = (
    ("doc_number", re.compile(r"文号|发文字号|字号|编号")),
    ("issued", re.compile(r"发文日期|印发日期|发布日期|成文日期|签发日期|落款|哪天|何时(?:印发|发布|出台|签发)|"
                          r"什么时候(?:印发|发布|出台|签发)|哪一?年(?:印发|发布|出台)|日期")),
    ("issuer", re.compile(r"发文机关|发文单位|印发单位|发布机关|哪[些两几一二三]?[个家]?(?:单位|部门|机关|机构)(?:的名义)?(?:[、，,]?在[^，,。？?]{0,6})?(?:联合|共同)?(?:印发|发布|制定|出台|发)|"
                          r"谁(?:印发|发布|制定|出台)|由谁(?:印发|发布|制定)")),
    ("period", re.compile(r"规划期|实施期|(?<!有效)期限|起止|覆盖哪几年|覆盖哪一?段|哪一?段时期|时间范围|适用于?哪几年")),
    ("effective", re.compile(r"施行|生效|起实施|开始实施|实施日期|何时实施|哪天实施|有效期")),
    ("addressee", re.compile(r"主送|发给(?:了)?(?:哪些|哪几|哪个|谁)|发往(?:哪|何)|下发(?:给|到)(?:哪|谁)|印发给(?:哪|谁)|送达(?:哪|谁)")),
)
# The cover's addressee line: 「各市、州、县人民政府，省政府各部门：」.
_ADDRESSEES = re.compile(r"^[^。：:]{2,160}(?:人民政府|部门|单位|委员会|管委会|机构|局|厅|委|办|中心|公司)\s*[：:]$")
# 「本办法自2025年3月1日起施行，有效期至2027年12月31日」: when a text takes effect and lapses.
_EFFECTIVE = re.compile(r"(?:本[\u4e00-\u9fff]{1,8}?)?自\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:印发|发布|公布)之日)"
                        r"\s*起?\s*(?:开始)?(?:施行|实施|执行|生效)[^。；;]{0,40}|有效期(?:至|到|为)[^。；;]{2,40}|"
                        r"有效期\s*(?:为\s*)?[\d一二三四五两十]+\s*年")  # 「本文件有效期2年，自…起施行」


def answer_document(ctx: Context) -> Draft | None:
    focus = re.sub(r"\s", "", ctx.linked.focus)
    docs = _named_docs(ctx)
    if _CITED_BY.search(focus) and _TITLE.search(ctx.question):
        return _cited_by(ctx, _TITLE.findall(ctx.question)[0])
    if _CITES.search(focus) and docs:
        return _cites(ctx, docs, singular=bool(_SINGULAR.search(focus)))
    if _MENTIONS.search(focus):
        return _mentions(ctx)
    if _NEWER.search(focus):
        compared = _compared_docs(ctx)
        if len(compared) >= 2:
            return _newer(ctx, compared, earlier=bool(_EARLIER.search(focus)))
    if _NEWEST.search(focus) and re.search(r"规划|文件|方案|政策|哪份|哪个", focus):
        compared = _compared_docs(ctx)
        if len(compared) >= 2:  # 「苏州、盐都、辽宁、青海这几份方案，哪份最早出、哪份最晚」
            return _ordered(ctx, compared)
        return _newest(ctx, earliest=bool(_EARLIEST.search(focus)))
    period = _PERIOD_ASKED.search(focus)
    if period and not docs:
        return _by_period(ctx, int(period.group("y")), covering=bool(period.group("cover")),
                          goals="目标" in period.group())
    topic = _ABOUT.search(focus)
    if topic and not docs:
        about = _titled_about(ctx, topic.group("topic"))
        if about:
            return about
    if ctx.linked.english:
        fields = [name for name, pattern in _ENGLISH_FIELDS if pattern.search(ctx.question)]
        if fields and docs:  # the record answers; the words left are the plan's description
            return _metadata_draft(ctx, docs, fields, focus)
        return None
    fields = [name for name, pattern in _FIELDS if pattern.search(focus)]
    if fields and not docs:
        docs = _titled_by_words(ctx, focus) or ([] if _asks_more(ctx) else _of_genre(ctx, focus))
    if fields and docs and not _asks_more(ctx, docs):
        return _metadata_draft(ctx, docs, fields, focus)
    if not fields and _PAGE_FIELD_ASKED.search(focus):
        return _page_field(ctx, docs or _titled_by_words(ctx, focus), focus)
    return None


# An English question about a document's record: 「What is the document number of…」,
# 「When was … issued?」, 「Who issued …」.
_ENGLISH_FIELDS = (
    ("doc_number", re.compile(r"document\s+(?:number|no\.?)|reference\s+number|file\s+number|serial\s+number", re.I)),
    ("issued", re.compile(r"\bwhen\s+(?:was|were|did)\b[^?]*\b(?:issu|publish|releas|promulgat|sign|adopt)|"
                          r"\b(?:issue|issuing|publication|release)\s+date|date\s+of\s+(?:issue|publication)", re.I)),
    ("issuer", re.compile(r"\bwho\s+(?:issued|published|released|signed)|\bwhich\s+(?:department|agency|body|authority|"
                          r"office|government)s?\s+(?:issued|published|released)|issuing\s+(?:authority|body|"
                          r"department|agency)", re.I)),
    ("period", re.compile(r"\bplan(?:ning)?\s+period|which\s+years\s+does[^?]*cover|time\s+frame", re.I)),
    ("effective", re.compile(r"take[s]?\s+effect|come[s]?\s+into\s+(?:force|effect)|\beffective\b|valid\s+until", re.I)),
)


def _metadata_draft(ctx: Context, docs: list[str], fields: list[str], focus: str) -> Draft:
    """The asked fields of the named documents: the record's, each cited where printed,
    and what only the text says (when it takes effect, whom it is sent to)."""
    printed_on = "印发" in focus and not re.search(r"发文日期|成文日期|落款|签发", focus)
    recorded = [f for f in fields if f not in ("effective", "addressee")]
    points = [_metadata(ctx, ctx.corpus.docs[d], recorded, printed_on) for d in docs[:3] if recorded]
    if "effective" in fields:  # printed in the text, not recorded: its own clause is cited
        points += [p for d in docs[:3] for p in _effective(ctx, ctx.corpus.docs[d])]
    if "addressee" in fields:
        points += [_addressees(ctx, ctx.corpus.docs[d]) for d in docs[:3]]
    # 「文号是什么？现在还有效吗？」: a page field asked beside the record's fields.
    more = _page_field_points(ctx, docs, focus, page_only=True) if _PAGE_FIELD_ASKED.search(focus) else []
    draft = Draft.of(points + more)
    # Nothing asked is printed (「…的文号」 of a text without one): the plans do not say.
    said = [p for p in points + more if not _says_nothing(p.text)]
    return draft if said else replace(draft, found=False)


def _says_nothing(point: str) -> bool:
    """「《X》未载明文号（据文件信息）」: every field of the point is missing."""
    fields = re.sub(r"^《[^》]*》|（据文件信息）$", "", point).split("，")
    return all(f.startswith("未载明") for f in fields)


# How a question asks for a page field the record has no column for.
_VALIDITY = ("有效性", "是否有效", "还有效", "仍有效", "有效吗", "效力", "失效", "废止")
_FIELD_WORDS = {"有效性": _VALIDITY, "效力状态": _VALIDITY, "时效性": _VALIDITY,
                "实施日期": ("实施日期", "施行日期", "生效")}
# Page-field labels (索引号, 主题分类 …) and the words above: only such a question looks for one.
_PAGE_FIELD_ASKED = re.compile("|".join([r"索引号|主题分类|体裁分类|主题词|发布机构|公开方式|有效性|实施日期",
                                         *(w for words in _FIELD_WORDS.values() for w in words)]))
_FIELD_LINE = re.compile(r"^([\u4e00-\u9fff]{2,6})[：:]\s*(\S.{0,60})$")


def _page_field(ctx: Context, docs: list[str], focus: str) -> Draft | None:
    """「…在省政府网站上的索引号是多少」「这个规划还有效吗」: a field the page printed above
    the plan (索引号, 有效性, 主题分类 …), quoted from the document's header clause."""
    points = _page_field_points(ctx, docs, focus)
    return Draft.of(points) if points else None


def _page_field_points(ctx: Context, docs: list[str], focus: str, page_only: bool = False) -> list[Point]:
    """``page_only``: only the fields the record has no column for (not 文号 or 发文日期)."""
    points = []
    for doc_id in docs[:3]:
        header = next((c for c in _clauses_of(ctx, doc_id) if c.kind == "header"), None)
        if header is None:
            continue
        for line in header.text.splitlines():
            field = _FIELD_LINE.match(line.strip())
            if field and page_only and not (field.group(1) in _FIELD_WORDS or _PAGE_FIELD_ASKED.fullmatch(field.group(1))):
                continue
            if field and any(w in focus for w in _FIELD_WORDS.get(field.group(1), (field.group(1),))):
                points.append(Point(header, f"《{ctx.corpus.docs[doc_id].title}》{line.strip()}"))
                break
    return points


def _of_genre(ctx: Context, focus: str) -> list[str]:
    """「这份实施方案的文号」 with no plan named: the few loaded documents of that genre,
    each answered (none when there are many)."""
    genre = _GENRE.search(focus)
    if not genre:
        return []
    docs = [d for d, info in ctx.corpus.docs.items() if genre.group() in info.title]
    return docs if 1 <= len(docs) <= 4 else []


def _titled_by_words(ctx: Context, focus: str) -> list[str]:
    """「这份促进房地产消费若干措施的文号」: the loaded documents whose title holds every
    word the question adds to the fields it asks (促进、房地产、消费) and the genre it names
    (若干措施), when at most three do."""
    from qa.lexical import tokenize

    words = [w for w in tokenize(_NOT_FIELD.sub(" ", _TITLE.sub("", focus))) if len(w) >= 2]
    genre = _GENRE.search(focus)
    if genre and words:  # 「这份氢能规划」: one topic word and the genre the title ends in
        words.append(genre.group())
    if len(words) < 2:
        return []
    titled = [d for d, info in ctx.corpus.docs.items()
              if any(all(w in title for w in words) for title in (info.title, *info.also_titles))]
    return titled if len(titled) <= 3 else []


def _asks_more(ctx: Context, docs: list[str] | None = None) -> bool:
    """Whether the question asks something besides metadata (「规划期和规划范围」): then
    the text answers it, not the record."""
    rest = _TITLE.sub("", ctx.linked.raw or ctx.linked.focus)
    for surface in sorted(ctx.linked.surfaces, key=len, reverse=True):  # 「乌达区」 before 区 goes
        rest = rest.replace(surface, "")
    rest = _NOT_FIELD.sub("", rest)
    infos = [ctx.corpus.docs[d] for d in (docs if docs is not None else _named_docs(ctx))]
    titles = [title for info in infos for title in (info.title, *info.also_titles)]
    for word in sorted(_title_words(titles), key=len, reverse=True):
        rest = rest.replace(word, "")
    # A title's leftovers (the 站 of 综合能源站) name the document, not something more.
    in_titles = set("".join(titles))
    return len([c for c in re.findall(r"[\u4e00-\u9fff]", _NOT_FIELD.sub("", rest)) if c not in in_titles]) >= 2


def _title_words(titles: list[str]) -> list[str]:
    """The words of the named documents' titles: a question names its document loosely."""
    from qa.lexical import tokenize

    return [w for title in titles for w in tokenize(title) if len(w) >= 2]


def _named_docs(ctx: Context) -> list[str]:
    """Documents the question names, else the only plan of the one region it names."""
    if ctx.linked.doc_ids:
        return list(ctx.linked.doc_ids)
    if len(ctx.linked.regions) == 1:
        own = ctx.region_docs.get(ctx.linked.regions[0], [])
        return own if len(own) == 1 else []
    return []


def _cites(ctx: Context, doc_ids: list[str], singular: bool = False) -> Draft:
    """The titles a plan prints in 《…》, those it says it is based on first (「依据…制定本
    规划」); only those when the question asks for the one it is based on."""
    points, notes = [], []
    for doc_id in doc_ids[:2]:
        doc = ctx.corpus.docs[doc_id]
        titles = _printed_titles(_clauses_of(ctx, doc_id))
        basis = [t for t in titles if _is_basis(t)]
        titles = (basis if singular and basis else basis + [t for t in titles if t not in basis])
        if not titles:
            notes.append(f"《{doc.title}》没有以书名号引用其他文件。")
            continue
        lead = f"《{doc.title}》引用："
        for i, (title, clause) in enumerate(titles[:12]):
            loaded = _loaded_title(ctx, title)
            mark = "（已收录）" if loaded and loaded != doc_id else ""
            points.append(Point(clause, f"《{title}》{mark}", lead if i == 0 else "· "))
    return Draft.of(points, notes) if points else Draft("\n".join(notes), False, [])


def _is_basis(printed: tuple[str, ClauseRecord]) -> bool:
    title, clause = printed
    at = re.sub(r"\s", "", clause.text).find(title)
    return at >= 0 and bool(_BASIS.search(re.sub(r"\s", "", clause.text)[max(0, at - 40): at + len(title) + 12]))


def _cited_by(ctx: Context, title: str) -> Draft | None:
    wanted = _norm_title(title)
    points = []
    for doc_id, doc in ctx.corpus.docs.items():
        for cited, clause in _printed_titles(_clauses_of(ctx, doc_id)):
            if _same_title(_norm_title(cited), wanted):
                points.append(Point(clause, f"《{doc.title}》（{clause.label}）", "· " if points else ""))
                break
    if not points:
        return Draft(f"已加载的规划文件中没有引用《{title}》的。", False, [])
    return Draft.of(points, intro=f"引用《{title}》的文件：")


def _mentions(ctx: Context) -> Draft | None:
    # What the question quotes is what it looks for (「哪些提到了“揭榜挂帅”」), else what it names.
    quoted = re.findall(r"[“\"「]([^”\"」]{2,20})[”\"」]", ctx.question)
    names = quoted or _mentioned(ctx.question) or [name for _, name in ctx.linked.entities] or (
        [ctx.plan.core] if len(ctx.plan.core) >= 2 else [])
    if not names:
        return None
    forms = [re.sub(r"\s", "", n) for n in names]
    points = []
    for doc_id, doc in ctx.corpus.docs.items():
        clauses = _clauses_of(ctx, doc_id)
        # A section named after it is where a plan mentions it most plainly; then each other
        # place it is printed (a few), so the user sees where, not only which plan.
        headed = [c for c in clauses if any(f in re.sub(r"[\s“”\"]", "", c.heading) for f in forms)][:1]
        printed = [c for c in clauses if c not in headed and any(f in re.sub(r"\s", "", c.text) for f in forms)]
        hits = (headed + printed)[:_MENTIONS_PER_DOC]
        if hits:
            points.append(Point(hits[0], f"《{doc.title}》（{hits[0].label}）", "· " if points else ""))
            points += [Point(c, f"又见（{c.label}）", "\u3000") for c in hits[1:]]
    if not points:
        return None
    return Draft.of(points, intro=f"提到“{names[0]}”的文件：")


_MENTIONS_PER_DOC = 3

# What is looked for, unquoted: after the verb (「哪几份材料涉及碳普惠」) or before 在
# (「加氢站在哪些文件里出现过」).
# A name may hold 「+」「·」「-」: 「中国5G+工业互联网大会」.
_MENTIONED_AFTER = re.compile(r"(?:提到|提及|涉及|谈到|讲到|写到|包含|出现)(?:了|过)?(?P<x>[\u4e00-\u9fffA-Za-z0-9+·\-]{2,20}?)"
                              r"(?:这个词|这一|的内容|相关内容|内容|的事|吗|呢|的)?[？?。，,]*$")
_MENTIONED_BEFORE = re.compile(r"^(?P<x>[\u4e00-\u9fffA-Za-z0-9+·\-]{2,20}?)(?:这个词|一词)?(?:在|出现在)" + _WHICH)


def _mentioned(question: str) -> list[str]:
    text = re.sub(r"\s", "", question)
    found = _MENTIONED_AFTER.search(text) or _MENTIONED_BEFORE.search(text)
    return [found.group("x")] if found else []


def _compared_docs(ctx: Context) -> list[str]:
    """The documents a question sets side by side: those it names, and for each region it
    names, that region's plan — its only one, or the one whose title the question's
    words fit (「苏州市和辽宁省的…实施方案」)."""
    docs = list(ctx.linked.doc_ids)
    asked = re.sub(r"\s", "", ctx.linked.raw or ctx.question)
    # Each side named by its title's words: 「吕梁市氢能产业中长期发展规划和吕梁市综合能源站专项规划」.
    for side in re.split(r"[和与及、，,]", re.split(r"[？?]|哪[一个份部]", asked)[0]):
        one = _titled_by_words(ctx, side) if len(side) >= 6 else []
        if len(one) == 1 and one[0] not in docs:
            docs.append(one[0])
    titled = set(_titled_by_words(ctx, asked))
    for region in ctx.linked.regions:
        own = ctx.region_docs.get(region, [])
        fitting = [d for d in own if d in titled] if len(own) > 1 else own
        if len(fitting) == 1 and fitting[0] not in docs and not any(
                ctx.corpus.docs[d].region == region for d in docs):
            docs.append(fitting[0])
    return docs


def _newer(ctx: Context, doc_ids: list[str], earlier: bool) -> Draft | None:
    """「A和B哪个更新？」: each named document's date, cited where printed, and which is the
    later (or earlier) one — by the dates, so no number is stated beyond them."""
    docs = [ctx.corpus.docs[d] for d in doc_ids if ctx.corpus.docs[d].issued]
    if len(docs) < 2:
        return None
    docs.sort(key=lambda d: d.issued or "", reverse=not earlier)
    if docs[0].issued == docs[1].issued:
        return None
    points = [_metadata(ctx, d, ["issued"]) for d in docs]
    word = "较早" if earlier else "较新"
    return Draft.of(points, intro=f"{word}的是《{docs[0].title}》。")


def _ordered(ctx: Context, doc_ids: list[str]) -> Draft | None:
    """Several named documents by date, earliest first, each date cited where printed."""
    docs = sorted((ctx.corpus.docs[d] for d in doc_ids if ctx.corpus.docs[d].issued), key=lambda d: d.issued or "")
    if len(docs) < 2:
        return None
    points = [_metadata(ctx, d, ["issued"]) for d in docs]
    undated = [f"《{ctx.corpus.docs[d].title}》未载明发文日期。" for d in doc_ids if not ctx.corpus.docs[d].issued]
    intro = f"最早的是《{docs[0].title}》，最晚的是《{docs[-1].title}》（按发文日期）："
    return Draft.of([Point(p.clause, p.text, "· " if i else "") for i, p in enumerate(points)], undated, intro=intro)


# 「专门讲充电基础设施建设的规划或意见有哪些」「推动设备更新和以旧换新的方案，库里一共有几份」: the
# loaded documents on a topic, by their titles.
_DOC_NOUN = r"(?:规划|方案|文件|意见|措施|政策|办法|细则|计划|材料)"
_ABOUT = re.compile(rf"(?:专门|主要)?(?:讲|关于|有关|针对|涉及)?(?P<topic>[\u4e00-\u9fff]{{4,30}}?)的{_DOC_NOUN}"
                    rf"(?:或{_DOC_NOUN})?[^？?]{{0,8}}?(?:有哪些|有哪几份|是哪几份|有几份|哪几份|都有哪些)")
_TOPIC_FILLER = re.compile(r"[的和及与或、]|库里|一共|加快|推动|推进|进一步|大规模|建设")


def _titled_about(ctx: Context, topic: str) -> Draft | None:
    """The documents whose titles hold the topic: at least three in four of its
    characters (filler words aside), so 充换电基础设施 is found for 充电基础设施建设."""
    wanted = set(_TOPIC_FILLER.sub("", topic))
    if len(wanted) < 3:
        return None
    fits = [info for info in ctx.corpus.docs.values()
            if len(wanted & set(info.title)) >= 0.75 * len(wanted)]
    if not fits or len(fits) > 12:
        return None
    fits.sort(key=lambda d: (d.issued or "", d.title))
    points = []
    for i, doc in enumerate(fits):
        clauses = _clauses_of(ctx, doc.doc_id)
        where = f"（{doc.region}）" if doc.region and doc.region not in doc.title else ""
        points.append(Point(clauses[0], f"《{doc.title}》{where}", "· " if i else ""))
    return Draft.of(points, intro=f"库中题名涉及“{topic}”的文件：")


# 「哪几份规划的目标年是2025年」「哪些方案的规划期覆盖2026年」: documents by their period.
_PERIOD_ASKED = re.compile(rf"{_WHICH}(?:份|几份)?{_DOC_NOUN}?[^？?，,]{{0,8}}?"
                           r"(?:目标年份?|规划期限?|实施期限?|期限|时限|(?P<cover>覆盖|涵盖))"
                           r"(?:是|为|到|至|截至|截止到?)?(?P<y>20\d\d)年?(?:年底|底)?[？?的]?$")


def _by_period(ctx: Context, year: int, covering: bool, goals: bool = False) -> Draft:
    """The documents whose period ends in ``year`` (or, ``covering``, runs through it),
    each cited where its period is printed, else where a goal of that year is (first, when
    the question asks for the year of the ``goals``: 「目标年」)."""
    fits = []
    for doc in ctx.corpus.docs.values():
        years = [int(y) for y in re.findall(r"\d{4}", doc.period or "")]
        if years and (min(years) <= year <= max(years) if covering else max(years) == year):
            fits.append(doc)
    if not fits:
        return Draft.of([], [f"已加载的文件中没有规划期{'覆盖' if covering else '到'}该年的。"])
    fits.sort(key=lambda d: (d.issued or "", d.title))
    points = []
    for i, doc in enumerate(fits):
        clauses = _clauses_of(ctx, doc.doc_id)
        printed = _printed_period(clauses, doc.period or "")
        goal = next((c for c in clauses if re.search(rf"到\s*{year}\s*年", c.text)), None)
        clause = (goal if goals else None) or (printed[1] if printed else None) or goal \
            or next((c for c in clauses if f"{year}" in c.text), clauses[0])
        # Every number said is printed in the clause cited: the period where it is printed,
        # else the goal year; a period known from the title only is the title's to say.
        period = printed[0] if printed and clause is printed[1] else f"到{year}年" if clause is goal else ""
        points.append(Point(clause, f"《{doc.title}》" + (f"（{period}）" if period else ""), "· " if i else ""))
    # The year asked is not said again: no clause prints it as the period's (2026 of 2025—2027).
    intro = f"规划期{'覆盖' if covering else '到'}该年的文件（按发文日期）："
    return Draft.of(points, intro=intro)


def _newest(ctx: Context, earliest: bool) -> Draft | None:
    dated = [d for d in ctx.corpus.docs.values() if d.issued]
    if not dated:
        return None
    dated.sort(key=lambda d: d.issued or "", reverse=not earliest)
    top = dated[0]
    word = "最早" if earliest else "最新"
    point = _metadata(ctx, top, ["issued"])
    return Draft.of([Point(point.clause, f"{word}的是{point.text}")])


def _metadata(ctx: Context, doc: DocInfo, fields: list[str], printed_on: bool = False) -> Point:
    """The asked fields of one document, citing the clause that prints them (its header
    clause, for a 文号 or a date printed above or below the text). ``printed_on``: the
    question asks when it was 印发 — the 「…日印发」 line when the document has one."""
    clauses = _clauses_of(ctx, doc.doc_id)
    values = {"doc_number": doc.doc_number, "issued": chinese_date(doc.issued) if doc.issued else None,
              "issuer": doc.issuer, "period": doc.period}
    words = {"doc_number": "文号", "issued": "发文日期", "issuer": "发文机关", "period": "期限"}
    footer = _printed_on(clauses) if printed_on else None
    if footer:
        # The office that printed it (「盐城市盐都区人民政府办公室 2024年5月28日印发」) is who 印发.
        (office, date), _ = footer
        values["issued"], words["issued"] = f"{date}印发", ""
        if office and doc.issuer and doc.issuer != office:
            # 「由哪个机关印发」 reads either way: who issued it and the office that printed it.
            values["issuer"] = f"{doc.issuer}（印发机关：{office}）"
        elif office:
            values["issuer"], words["issuer"] = office, "印发机关"
    said, printed_in = [], (footer[1] if footer else None)
    for field in fields:
        value = values.get(field)
        if not value:
            said.append(f"未载明{words[field]}")
            continue
        if field == "period":
            printed = _printed_period(clauses, value)
            if printed:  # as the plan prints it: 「规划期限：2025-2030年」, 「2021—2025年」
                value, printed_in = printed[0], printed_in or printed[1]
            elif re.fullmatch(r"\d{4}—\d{4}", value):
                value += "年"  # read off the title: 「2024—2026年」
        if field == "issued" and not footer:
            value = _as_printed(clauses, value)  # 「成文日期：2026-03-13」 when only so printed
        if field == "issuer" and not footer:
            printed = _printed_issuers(clauses, value)
            if printed:  # as signed: 「中共黑龙江省委 黑龙江省人民政府」, or all who co-signed
                value, printed_in = printed[0], printed_in or printed[1]
        said.append(f"{words[field]}：{value}" if words[field] else value)
        # An issuer is printed most plainly on the masthead (「武汉市人民政府办公厅文件」).
        masthead = _printing(clauses, f"{value}文件") if field == "issuer" else None
        printed_in = printed_in or masthead or _printing(clauses, value)
    source = "" if printed_in else "（据文件信息）"
    return Point(printed_in or clauses[0], f"《{doc.title}》{'，'.join(said)}{source}")


def _effective(ctx: Context, doc: DocInfo) -> list[Point]:
    """When a text takes effect (and until when), quoted from the clause that says so; 「自
    公布之日起施行」 with the date it was published, where that is printed."""
    clauses = _clauses_of(ctx, doc.doc_id)
    for clause in clauses:
        matches = list(_EFFECTIVE.finditer(re.sub(r"\s", "", clause.text)))
        if matches:
            match = matches[0]
            # Each thing the clause says of it: when it takes effect, for how long.
            spans = [m.group().strip("，,") for m in matches]
            spans = [t for t in spans if not any(t != o and t in o for o in spans)]
            said = [Point(clause, f"《{doc.title}》施行：{'，'.join(dict.fromkeys(spans))}")]
            if re.search(r"(?:公布|印发|发布)之日", match.group()) and doc.issued:
                date = chinese_date(doc.issued)
                printed = _printing(clauses, date)
                if printed is not None:
                    said.append(Point(printed, f"发布日期：{date}", "· "))
            return said
    return [Point(clauses[0], f"《{doc.title}》未载明施行日期")]


_ONE_BODY = re.compile(r"^(?:中共)?[\u4e00-\u9fff（）()\s]{2,30}?(?:人民政府办公厅|人民政府办公室|人民政府|委员会|办公厅|办公室|"
                       r"省委|市委|区委|县委|州委|管委会|局|厅)$")
_DATE_ONLY = re.compile(r"^[（(]?\d{4}年\d{1,2}月\d{1,2}日[）)]?$")


def _printed_issuers(clauses: list[ClauseRecord], issuer: str) -> tuple[str, ClauseRecord] | None:
    """The issuers as the header prints them: the line that is the recorded issuer but for
    separators, or the run of bodies that signed above the date when the recorded one is
    among them (a plan issued jointly by eight departments)."""
    plain = re.sub(r"[\s、，,]", "", issuer)
    for clause in (c for c in clauses if c.kind == "header"):
        lines = [line.strip() for line in clause.text.splitlines() if line.strip()]
        for line in lines:
            if re.sub(r"[\s、，,]", "", line) == plain and line != issuer:
                return line, clause
        for k, line in enumerate(lines):
            if not _DATE_ONLY.match(re.sub(r"\s", "", line)):
                continue
            run = []
            for before in reversed(lines[:k]):
                if not _ONE_BODY.match(before):
                    break
                run.insert(0, before)
            if len(run) >= 2 and plain in {re.sub(r"\s", "", r) for r in run}:
                return "、".join(run), clause
    return None


def _addressees(ctx: Context, doc: DocInfo) -> Point:
    """Whom the notice issuing a text is sent to, as its cover's addressee line prints it."""
    clauses = _clauses_of(ctx, doc.doc_id)
    for clause in [c for c in clauses if c.kind == "header"] + clauses[:3]:
        for line in clause.text.splitlines():
            if _ADDRESSEES.match(line.strip()):
                return Point(clause, f"《{doc.title}》主送：{line.strip().rstrip('：:')}")
    return Point(clauses[0], f"《{doc.title}》未载明主送单位")


def _as_printed(clauses: list[ClauseRecord], date: str) -> str:
    """A date as the plans print it: as given when some clause prints it so, else the first
    other form a clause prints (「2023年04月10日」, 「2023-04-10」)."""
    parts = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", date)
    if not parts or any(date in re.sub(r"\s", "", c.text) for c in clauses):
        return date
    y, m, d = parts.groups()
    for form in (f"{y}年{int(m):02d}月{int(d):02d}日", f"{y}-{int(m):02d}-{int(d):02d}"):
        if any(form in re.sub(r"\s", "", c.text) for c in clauses):
            return form
    return date


def _printing(clauses: list[ClauseRecord], value: str) -> ClauseRecord | None:
    """The clause printing ``value`` — a date also as 「2023年04月10日」 or 「2023-04-10」."""
    forms = {re.sub(r"\s", "", value)}
    # The header, where a plan prints what it is, before a body sentence quoting the value.
    clauses = sorted(clauses, key=lambda c: c.kind != "header")
    date = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", value)
    if date:
        y, m, d = date.groups()
        forms |= {f"{y}年{int(m):02d}月{int(d):02d}日", f"{y}-{int(m):02d}-{int(d):02d}"}
    return next((c for c in clauses if any(f in re.sub(r"\s", "", c.text) for f in forms)), None)


_PERIOD_SAID = re.compile(r"(?:规划|实施|执行|行动)?(?:期限|年限|期)(?:为|是|：|:)\s*(?P<p>\d{4}\s*年?\s*[-—–－~～至到]\s*\d{4}\s*年?)")


def _printed_period(clauses: list[ClauseRecord], period: str) -> tuple[str, ClauseRecord] | None:
    """The period as a clause prints it — 「规划期限：2025-2030年」 first, else the years
    with any dash — and that clause."""
    years = re.findall(r"\d{4}", period)
    if len(years) != 2:
        return None
    for clause in clauses:
        said = _PERIOD_SAID.search(re.sub(r"\s", "", clause.text))
        if said and re.findall(r"\d{4}", said.group("p")) == years:
            return said.group("p"), clause
    dash = re.compile(rf"{years[0]}\s*年?\s*[-—–－~～至到]\s*{years[1]}\s*年?")
    for clause in clauses:
        found = dash.search(re.sub(r"\s", "", clause.text))
        if found:
            return found.group(), clause
    return None


_PRINTED_ON = re.compile(r"(?P<office>[\u4e00-\u9fff（）()]{2,30}?(?:办公厅|办公室|人民政府|委员会|局|厅))?[|｜\s]*"
                         r"(?P<date>\d{4}年\d{1,2}月\d{1,2}日)印发")


def _printed_on(clauses: list[ClauseRecord]) -> tuple[tuple[str | None, str], ClauseRecord] | None:
    """The office and date of a 「武汉市人民政府办公厅 2025年3月31日印发」 line, as printed,
    and the clause printing it."""
    for clause in clauses:
        for line in clause.text.splitlines():  # the office is on the date's line, not the one above
            match = _PRINTED_ON.search(re.sub(r"\s", "", line))
            if match:
                return (match.group("office"), match.group("date")), clause
    return None


def _printed_titles(clauses: Iterable[ClauseRecord]) -> list[tuple[str, ClauseRecord]]:
    seen: dict[str, tuple[str, ClauseRecord]] = {}
    for clause in clauses:
        for title in _TITLE.findall(clause.text):
            seen.setdefault(_norm_title(title), (re.sub(r"\s", "", title), clause))
    return list(seen.values())


def _loaded_title(ctx: Context, title: str) -> str | None:
    wanted = _norm_title(title)
    return next((d for d, info in ctx.corpus.docs.items() if _same_title(_norm_title(info.title), wanted)), None)


def _same_title(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 6 and (a in b or b in a))


def _norm_title(title: str) -> str:
    return re.sub(r"[\s“”\"'《》（）()]|征求意见稿", "", title)


def _clauses_of(ctx: Context, doc_id: str) -> list[ClauseRecord]:
    return ctx.corpus.of_document(doc_id)


def chinese_date(iso: str) -> str:
    parts = [int(p) for p in iso.split("-") if p.isdigit()]
    return "".join(f"{v}{u}" for v, u in zip(parts, ("年", "月", "日")))
