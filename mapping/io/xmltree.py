"""XML read safely: defusedxml refuses entity declarations and external references (billion laughs, XXE)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from mapping.errors import InputError


def parse_xml(text: str, filename: str, what: str) -> ET.Element:
    """The document's root, with namespaces taken off the tags (``{http://...kml/2.2}Placemark`` -> ``Placemark``)."""
    try:
        root = SafeET.fromstring(text)
    except DefusedXmlException as exc:
        raise InputError(
            f"this {what} declares XML entities or external references, which are refused for safety; "
            "export the file again from the app that made it",
            source=filename,
        ) from exc
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(
            f"this {what} is not well-formed XML (line {line}, column {column}: {str(exc).split(':')[0]}); "
            "export it again",
            source=filename,
        ) from exc
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.rsplit("}", 1)[1]
    return root


def child_text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""
