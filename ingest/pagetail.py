"""The end of a web page after the plan: its footer and its sidebar lists.

Two shapes of page furniture follow a plan's last line, and both go by line shapes, never
by site:

* **footer** — from a line that opens one (相关解读, 文件下载, 上一篇, 扫一扫, 网站标识码,
  ICP备 …) in the second half of the text to the end, when nothing after it reads like a
  sentence;
* **sidebar** — news lists, hot topics, index figures a page prints after the article:
  short headlines with timestamps, 「更多」 and 「返回顶部」 links. Found from such a
  marker line (「更多」, 「返回顶部」, a bare time 「09:50」) in the second half: the run of
  headline-like lines before it (short, no sentence, no numbering marker, no date or
  signature) and everything after it go, when none of it reads like a sentence.

Lengths and sentences are judged on what a reader sees: a markdown link counts as its
text, an image or a URL as nothing.

>>> visible("- #### [常熟市人民政府](http://www.changshu.gov.cn/ \\"常熟市人民政府\\")")
'常熟市人民政府'
"""

from __future__ import annotations

import re

from ingest.markers import read_marker

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MARKUP = re.compile(r"^\s*(?:[-*+>]\s+)?#{0,6}\s*|\*\*|__")
_FOOTER_START = re.compile(
    r"^\s*(?:相关解读|相关稿件|相关链接|相关文件|相关阅读|相关新闻|相关文章|(?:微信)?扫一扫|政府网站标识码|网站标识码"
    r"|网站声明|网站地图|网站导航|主办单位|.*ICP备|.*公网安备|图解\s*$|一图读懂"
    r"|(?:部门|媒体|政策|专家|视频|图文)解读\s*(?:$|[：:])|文件下载|附件下载|上一篇|下一篇"
    r"|打印本页|关闭窗口|解读链接|返回顶部)"
)
# A row of the page's buttons: 打印 关闭, 【打印】【关闭窗口】, 分享到：微信 打印 … — each word a
# button, nothing else on the line.
_BUTTONS = re.compile(
    r"^(?=.*(?:打印|关闭|收藏|分享|字体|字号|纠错))(?:分享(?:文章)?到\s*[：:]?\s*)?(?:[【\[]?\s*(?:分享到)?(?:打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏|我的收藏"
    r"|微信|微博|邮件(?:分享)?|复制网址|纠错|字体|字号|[大中小]|默认|返回顶部)\s*[】\]]?\s*[：:]?\s*){2,}$")
_SIDEBAR_MARK = re.compile(
    r"^(?:\d{4}-\d{1,2}-\d{1,2}\s*)?(?:查看)?更多\s*[>»›＞]*$|^(?:返回|回到)顶部$|^\d{1,2}:\d{2}$"
    r"|^top$|^(?:排行榜|点击排行|热点(?:新闻|文章)?|热门(?:文章|新闻)?|推荐阅读|最新(?:发布|文章|动态))$", re.IGNORECASE)
# Furniture right before a footer: a 「分享：」 label, an image-only line, an attachment's file
# name as a link (「hfb2408+A.pdf」), which the page prints between the plan and 「相关稿件」.
_BEFORE_FOOTER = re.compile(r"(?:分享(?:到)?|扫一扫|打印|关闭)\s*[：:]?|[^\s\u4e00-\u9fff]*\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar)",
                            re.IGNORECASE)
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_ANNEX = re.compile(r"^附\s*件")
FOOTER_LINE_MAX = 80
HEADLINE_MAX = 60
# A footer line is never a sentence of 30 characters: text like that is body, kept.
_SENTENCE = re.compile(r"[\u4e00-\u9fff].{28,}[。；！？]")


def visible(line: str) -> str:
    """The line as a reader sees it: link text without its target, no images, URLs or
    markdown emphasis."""
    text = _LINK.sub(r"\1", _IMAGE.sub("", line))
    return _URL.sub("", _MARKUP.sub("", text)).strip()


def strip_footer(lines: list[str]) -> tuple[list[str], list[str]]:
    """``(kept, footer)``: the footer from its opening line on, or nothing."""
    for i in range(len(lines) // 2, len(lines)):
        text = visible(lines[i])
        if not _FOOTER_START.match(text) and not _BUTTONS.match(text):
            continue
        tail = [line.strip() for line in lines[i:] if line.strip()]
        if all(_furniture_line(line, FOOTER_LINE_MAX) for line in tail):
            i = _furniture_before(lines, i)
            return lines[:i], [line.strip() for line in lines[i:] if line.strip()]
    return lines, []


def _furniture_before(lines: list[str], start: int) -> int:
    """Where the footer starting at ``start`` really starts: before the share label, images
    and attachment links just above it (blank lines between them go with them)."""
    j = start
    while j > 0:
        if not lines[j - 1].strip():
            j -= 1
            continue
        text = visible(lines[j - 1])
        if text and not _BEFORE_FOOTER.fullmatch(text):
            break
        j -= 1
        start = j
    return start


def strip_sidebar(lines: list[str]) -> tuple[list[str], list[str]]:
    """``(kept, sidebar)``: trailing news lists and their 更多/返回顶部 links, or nothing."""
    mark = next((i for i in range(len(lines) // 2, len(lines))
                 if _SIDEBAR_MARK.match(visible(lines[i]))), None)
    if mark is None:
        return lines, []
    start = mark
    while start > 0 and _headline(lines[start - 1]):
        start -= 1
    tail = [line.strip() for line in lines[start:] if line.strip()]
    if not all(_furniture_line(line, FOOTER_LINE_MAX) for line in tail):
        return lines, []
    return lines[:start], tail


def _furniture_line(line: str, limit: int) -> bool:
    text = visible(line)
    return len(text) <= limit and not _SENTENCE.search(text)


def _headline(line: str) -> bool:
    """A line a news list could hold: blank, or short with no sentence end — not a
    numbered line (a plan's list items), a table row, a date or an annex line (the plan's
    last table, signature, annexes)."""
    text = visible(line)
    if not text:
        return True
    return (len(text) <= HEADLINE_MAX and not text.startswith("|") and not re.search(r"[。；！？]$", text)
            and read_marker(text) is None and not _DATE.search(text) and not _ANNEX.match(text))
