"""Characters plan data may not hold, and the message that names them.

The raw file is checked before parsing; the parsed text again, because a
double-quoted YAML string can write any character as an escape ("\\e", "\\x1c",
"\\ud800"). Both checks use the rules here, so the two can never disagree.

Refused, and why:
- C0 controls (except the line break \\n), DEL and C1 controls: invisible,
  they break headings (CR), vanish or turn into 「�」 in ODF/PDF, and a terminal
  obeys them (ESC retitles the window, erases lines).
- Tab inside text: ODF shows a tab stop, but the web page shows a space and
  the PDF nothing, so the three downloads would differ. (A raw tab is refused
  earlier, as YAML indentation.)
- Lone surrogates (\\ud800): not a character; no file format can store one.
- Noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, ...) and the byte order mark
  U+FEFF inside text: invisible, never meaningful in a published plan.
- U+2028 LINE SEPARATOR / U+2029 PARAGRAPH SEPARATOR: YAML 1.1 readers break
  lines there, Markdown and HTML do not, so the page, the downloads and the
  line numbers in messages would disagree. A line break is written as one.
"""

from __future__ import annotations

import re

from ..errors import code_point

_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 without \t and \n, DEL, C1
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))

# In the raw file: a tab is reported on its own (indentation); line breaks
# (\n, \r, \r\n) are what separates lines, so they are not searched for.
RAW_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff{_NONCHARACTERS}]")
# In a parsed value: \n is the only control allowed.
TEXT_FORBIDDEN = re.compile(f"[{_CONTROL}\t\ud800-\udfff\u2028\u2029\ufeff{_NONCHARACTERS}]")

_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile("\t"), "含有 Tab 字元（{codes}）：網頁會顯示成空格、PDF 會略去，與 ODF 不一致；請改用空格"),
    (re.compile(f"[{_CONTROL}]"), "含有不可見的控制字元（{codes}），請刪除"),
    (re.compile("[\ud800-\udfff]"), "含有無效的 Unicode 字元（{codes}，單獨的代理字元）；請直接輸入該字元，或寫成 \\U0001F600 的形式"),
    (re.compile("[\u2028\u2029]"), "含有 Unicode 行／段落分隔字元（{codes}），網頁與下載檔的換行會不一致；要換行請直接換行，否則請刪除"),
    (re.compile("\ufeff"), "含有不可見的字元（{codes}，位元組順序記號），請刪除"),
    (re.compile(f"[{_NONCHARACTERS}]"), "含有 Unicode 非字元（{codes}），請刪除"),
]


def refusals(text: str) -> list[tuple[int, str]]:
    """(index of the first offending character, message) for each kind of forbidden character in `text`."""
    found = []
    for pattern, template in _KINDS:
        matches = list(pattern.finditer(text))
        if matches:
            codes = "、".join(dict.fromkeys(code_point(match.group()) for match in matches))
            found.append((matches[0].start(), template.format(codes=codes)))
    return sorted(found)
