"""The one way saikes parses XML it did not write (DOCX parts, TMX, TBX): no entity
expansion, no DTD loading or validation, no network, no XInclude, lxml's size limits on
(no huge_tree: text nodes up to 10 MB, depth up to 256), and a file size limit before that.

A document that declares entities or pulls in XInclude is refused rather than read with
text missing: a translation memory that silently lost words is worse than none.
"""
from __future__ import annotations

from lxml import etree

from .errors import InputError

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"


def parser_options() -> dict:
    """The options every XML parser in saikes is built with."""
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "dtd_validation": False,
            "huge_tree": False, "remove_comments": True, "remove_pis": True}


def xml_parser() -> etree.XMLParser:
    return etree.XMLParser(**parser_options(), recover=False, collect_ids=False)


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Parse bytes with the hardened parser and refuse entities and XInclude. lxml's errors
    propagate as they are: callers run inside `align.guard.reading`."""
    root = etree.fromstring(data, parser=xml_parser())
    check_tree(root, name)
    return root


def check_tree(root, name: str) -> None:
    doc = root.getroottree()
    if doc.docinfo.internalDTD is not None and doc.docinfo.internalDTD.entities():
        raise InputError(f"{name} uses XML entities (declared in its DTD), which saikes does not expand; "
                         f"save it with plain characters")
    for el in root.iter(etree.Entity, f"{{{XINCLUDE_NS}}}*"):
        raise InputError(_refusal(el, name))


def check_element(el, name: str) -> None:
    """For streamed reading: the same refusals, one element at a time."""
    if isinstance(el, etree._Entity) or (isinstance(el.tag, str) and el.tag.startswith(f"{{{XINCLUDE_NS}}}")):
        raise InputError(_refusal(el, name))


def _refusal(el, name: str) -> str:
    line = f" (line {el.sourceline})" if el.sourceline else ""
    if isinstance(el, etree._Entity):
        return (f"{name} uses the entity {el.text}{line}, which saikes does not expand; "
                f"save it with plain characters")
    return f"{name} uses XInclude{line} to pull in other files, which saikes does not follow"


def iterparse(source, tags: tuple[str, ...]):
    """Stream the end events of `tags` with the hardened options (a large TMX). XInclude
    elements are asked for too, so that `check_element` refuses them rather than skip them."""
    return etree.iterparse(source, events=("end",), tag=(*tags, f"{{{XINCLUDE_NS}}}*"), **parser_options(),
                           recover=False)


def message(exc: Exception) -> str:
    """lxml's message as one line: libxml2 ends some with a line break."""
    text = getattr(exc, "msg", None) or str(exc)
    return " ".join(text.split())
