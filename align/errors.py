"""Errors a translator can act on.

Library code raises these with a message meant to be read by a person; the command
line prints the message as one line and exits non-zero.
"""


class SaikesError(Exception):
    """Base class: the message says what went wrong and, where possible, what to do."""


class InputError(SaikesError):
    """A file cannot be read as a legal act (missing, empty, binary, unknown encoding...)."""


class LanguageError(InputError):
    """A file is not in the language it was given as."""


class MismatchError(SaikesError):
    """Two documents given as a pair do not correspond to each other."""


class WorkspaceError(SaikesError):
    """The workspace file cannot be opened, or an operation on it was refused."""


class StaleEditError(WorkspaceError):
    """Someone else changed the bead since it was loaded; the edit was not applied."""


class ReviewError(SaikesError):
    """A review operation cannot be done as asked (no next bead, across articles, ...)."""
