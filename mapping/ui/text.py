"""User text shown as text: the one way a title, file name, message or geocoder answer reaches the page.

Nearly every Streamlit element renders its text as Markdown with extensions: links and images,
autolinks (``www.x.org``, ``https://…``, ``me@x.org``), KaTeX between ``$``, ``:emoji:`` shortcodes
and ``:color[…]`` directives. A trip is anyone's file, so none of that may come alive. Every ASCII
punctuation mark that Markdown gives a meaning is backslash-escaped (CommonMark lets any be), which stops the parser's own
constructs, ``$`` maths included. Autolinks and shortcodes are found later, in the parsed text where
the escapes are already gone, so a word joiner (U+2060, invisible and zero-width) goes after a
``:`` or ``@`` that a word or slash follows, and inside ``www.``: the text reads the same and no longer matches them.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"

# Every mark that can open or close a Markdown construct on one line (quotes, commas and slashes cannot).
_PUNCTUATION = re.compile(r"""([!#$&()*+\-.:<>@\[\\\]_`{|}~])""")
_WWW = re.compile(r"(?i)(www)(?=\\\.)")
# A ':' or '@' that could start a shortcode, a scheme's '//' or an address: followed by a word or a slash.
_JOINED = re.compile(r"(\\[:@])(?=\w|/)")
_WHITESPACE = re.compile(r"\s+")


def plain(text: object) -> str:
    """``text`` as Markdown source that renders as exactly that text, on one line."""
    flat = _WHITESPACE.sub(" ", str(text)).strip()
    escaped = _PUNCTUATION.sub(r"\\\1", flat)
    escaped = _JOINED.sub(r"\1" + WORD_JOINER, escaped)
    return _WWW.sub(r"\1" + WORD_JOINER, escaped)


def shown(markdown: str) -> str:
    """What a reader sees of :func:`plain`'s output: for tests and for measuring the text."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")
