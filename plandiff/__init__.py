"""plandiff: what really changed between fiscal-year editions of a Japanese government plan.

Public surface:

- :func:`read` — a plan file (.txt in any Japanese encoding, .md, .pdf) → :class:`Document`
- :func:`compare` — two plans (paths or documents) → a :class:`Changelog` of :class:`Change` items
- ``plandiff.report.render_changelog(changelog, "markdown" | "json" | "html")`` — the changelog as text
- :class:`PlandiffError` — every error meant for a user, with a one-line message
"""

from __future__ import annotations

from plandiff.diff import compare
from plandiff.errors import PlandiffError
from plandiff.load import read
from plandiff.model import Change, Changelog, Document

__all__ = ["Change", "Changelog", "Document", "PlandiffError", "compare", "read"]
