"""Review: the operations on beads (with undo and redo), the read model of the review app,
and the files it takes in and gives out."""
from __future__ import annotations

from ..errors import InputError, ReviewError, SaikesError
from ..store import REVIEW_STATUSES, BeadQuery
from .files import (EXPORT_FORMATS, EXPORT_STATUSES, TERMBASE_FORMATS, UPLOAD_LIMIT, UPLOAD_TYPES,
                    ExportOptions, count_units, export_bytes, import_upload, termbase_bytes)
from .history import describe_edit, next_redo, next_undo, redo, undo
from .operations import (approve, approve_many, edit_side, edit_texts, merge_next, move_segment, reject,
                         set_status, split, split_side)
from .readmodel import (SIDE_NAMES, SIDES, PairStats, findings_by_unit, page_of_beads, pair_stats, section_label,
                        sections, segment_texts, select_beads, side_sentences, side_was_edited, structure_findings,
                        suggest_split)
