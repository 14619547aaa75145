"""Review: the operations on beads (with undo), the read model of the review app, and the
files it takes in and gives out."""
from __future__ import annotations

from ..errors import InputError, SaikesError
from ..store import REVIEW_STATUSES
from .files import (EXPORT_FORMATS, EXPORT_STATUSES, TERMBASE_FORMATS, UPLOAD_LIMIT, UPLOAD_TYPES,
                    ExportOptions, count_units, export_bytes, import_upload, termbase_bytes)
from ..errors import ReviewError
from .operations import (REVIEW_ACTIONS, approve, describe_edit, edit_side, last_undoable,
                         merge_next, move_segment, reject, set_status, split, split_side, undo_last)
from .readmodel import (SIDE_NAMES, SIDES, BeadFilter, PairStats, pair_stats, section_label, sections,
                        segment_texts, select_beads, side_sentences, side_was_edited, structure_findings)
