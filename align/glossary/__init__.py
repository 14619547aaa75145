"""The Kazakh–Russian glossary: candidates and citation forms (`terms`, `kazakh_flags`, `kazakh_stem`,
`russian_lemma`, `citation`), the build over a workspace's beads (`build`), its stored
entries as a terminologist works with them (`rows`), lookup in any inflected form
(`lookup`), the consistency check (`qa`), and the terms marked in the review app (`marks`)."""
from __future__ import annotations

from .beads import kazakh_stemmer
from .build import DEFAULTS, GlossaryError, build_entries, build_glossary, entry_score
from .rows import (STATUSES, Entry, add_entries, add_entry, check_file_stem, edit_entry, entries, entry, exported,
                   filtered, set_status, write_glossary_files)
