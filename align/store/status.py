"""The review statuses in SQL (the vocabulary itself is `align.model.Status`)."""
from __future__ import annotations

from ..model import GLOSSARY_AUTOMATIC, GLOSSARY_STATUSES, KEPT, REVIEW_STATUSES, REVIEWED, Status

__all__ = ["GLOSSARY_AUTOMATIC", "GLOSSARY_STATUSES", "KEPT", "REVIEW_STATUSES", "REVIEWED", "Status", "sql_list"]


def sql_list(statuses) -> str:
    """"'approved', 'edited'": a status list for an SQL IN clause (statuses are our own
    constants, never user input)."""
    return ", ".join(f"'{Status(s).value}'" for s in statuses)
