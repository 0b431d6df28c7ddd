"""A name for a plan that prints no title, from the sentence that opens it.

A plan's first paragraph says what it is for and what it is (「…促进我市先进制造业和数字经济
高端高质高效发展，结合我市实际，制定若干政策措施如下。」). When no title is printed (a
spreadsheet cell, a page whose heading was lost) that sentence names the plan better than
its file name does: the place, what it promotes, and its genre. Users see it marked as
inferred; questions that name the plan by those words find it.

>>> opening_title(["为…，促进我市先进制造业和数字经济高端高质高效发展，结合我市实际，制定若干政策措施如下。"], "济南市")
'济南市促进先进制造业和数字经济发展的若干政策措施'
>>> opening_title(["为推动全县文旅产业高质量发展，制定本方案。"], "某某县")
'某某县推动文旅产业发展方案'
>>> opening_title(["一、总体要求"], "济南市") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_OPENING_BLOCKS = 3
_GENRE = re.compile(r"(?:特)?制定(?:了|出台)?(?:本|如下|以下)?(?P<genre>若干政策措施|若干措施|若干政策|政策措施|实施方案|行动方案|"
                    r"工作方案|行动计划|实施细则|管理办法|实施意见|指导意见|方案|细则|办法|意见|规划|计划)")
# 「促进我市X（高质量）发展」: what the plan is for, without the place's own name for itself.
_PURPOSE = re.compile(r"(?P<verb>促进|推动|推进|加快|支持|助力)(?:我|全|本)?[省市县区]?(?P<what>[^，,。；;为]{2,30}?)"
                      r"(?:高端高质高效|高质量|健康|持续|快速|稳定|加快)*(?:发展|建设)")


def opening_title(blocks: Sequence[str], region: str | None) -> str | None:
    """A title made of the plan's opening sentence, or None when it names no genre."""
    for text in blocks[:_OPENING_BLOCKS]:
        genre = _GENRE.search(text)
        if genre is None:
            continue
        purposes = list(_PURPOSE.finditer(text[: genre.start()]))
        purpose = f"{purposes[-1].group('verb')}{purposes[-1].group('what')}发展" if purposes else ""
        # 「…发展的若干政策措施」, as such titles are printed; 「…发展实施方案」 takes no 的.
        joint = "的" if purpose and genre.group("genre").startswith("若干") else ""
        return f"{region or ''}{purpose}{joint}{genre.group('genre')}" if region or purpose else None
    return None
