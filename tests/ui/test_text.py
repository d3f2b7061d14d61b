"""User text through plain(): every Markdown feature Streamlit renders stays text (the browser test renders it)."""

from __future__ import annotations

import re

import pytest

from mapping.ui.text import WORD_JOINER, plain, shown

PAYLOADS = [
    "![pwn](https://evil.example/x.png)",
    "[Re-login here](https://evil.example/login)",
    "<https://evil.example/auto>",
    "visit https://evil.example/a or www.evil.example or me@evil.example",
    "$e^{i\\pi}$ and $$x$$",
    ":smile: :material/home: :red[red text] :blue-badge[badge]",
    "# heading\n- list\n1. numbered\n> quote\n```code```",
    "**bold** _it_ ~~gone~~ `code` | table |",
    "AT&amp;T &lt;b&gt; \\*",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_plain_reads_back_as_the_text(text: str) -> None:
    assert shown(plain(text)) == " ".join(text.split())


@pytest.mark.parametrize("text", PAYLOADS)
def test_no_markdown_construct_survives(text: str) -> None:
    source = plain(text)
    # Every mark that opens a construct is escaped...
    assert not re.search(r"(?<!\\)[!\[\]()<>$`*_~|#&]", source.replace("\\\\", ""))
    # ...and what Markdown finds after parsing (autolinks, addresses, shortcodes) is broken by a word joiner.
    assert not re.search(r"https?\\:/|www\\\.|\\@\w|\\:\w", source)


def test_ordinary_text_stays_as_it_was() -> None:
    assert plain("row 3, field 'lat': 95 is not a latitude") == "row 3, field 'lat'\\: 95 is not a latitude"
    assert WORD_JOINER not in plain("row 1: no 'place' column")
