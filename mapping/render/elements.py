"""Elements whose output reaches the page as text, never parsed again as a template.

branca renders an element's script, then wraps the result in a new jinja
Template before writing the page. Any user text in that result (a trip title,
a stop's name) was therefore template source: "{{ 7*7 }}" came out as 49, and
"{% raw %}" broke the export. Everything that carries user text renders
through these classes instead.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element


class RawText(Element):
    """Text added to the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class RawRender:
    """Mixin for a MacroElement: its header, html and script macros are written out as text."""

    def render(self, **kwargs: Any) -> Any:
        figure = self.get_root()  # type: ignore[attr-defined]
        module = self._template.module  # type: ignore[attr-defined]
        for part in ("header", "html", "script"):
            macro = module.__dict__.get(part)
            if macro is not None:
                getattr(figure, part).add_child(RawText(macro(self, kwargs)), name=self.get_name())  # type: ignore[attr-defined]
        for child in self._children.values():  # type: ignore[attr-defined]
            child.render(**kwargs)
