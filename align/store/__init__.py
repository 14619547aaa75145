"""The store: one SQLite workspace file holding documents, segments, beads, review status,
the edit history and the glossary. Every SQL statement of saikes lives in this package."""
from __future__ import annotations

from .beads import Bead, BeadsMixin, check_version
from .connection import Connection, default_db_path, now
from .documents import DocumentsMixin, PairInfo
from .glossary import Entry, GlossaryMixin
from .schema import MIGRATIONS, SCHEMA_VERSION
from .status import GLOSSARY_STATUSES, KEPT, REVIEW_STATUSES, REVIEWED, Status
from .views import BeadQuery, ViewsMixin


class Workspace(Connection, DocumentsMixin, BeadsMixin, ViewsMixin, GlossaryMixin):
    """A workspace file: pairs and their documents, beads, the edit log, the glossary."""


__all__ = ["Bead", "BeadQuery", "Entry", "GLOSSARY_STATUSES", "KEPT", "MIGRATIONS", "PairInfo", "REVIEWED",
           "REVIEW_STATUSES", "SCHEMA_VERSION", "Status", "Workspace", "check_version", "default_db_path",
           "now"]
