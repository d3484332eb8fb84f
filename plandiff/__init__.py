"""plandiff: what really changed between fiscal-year editions of a Japanese government plan.

Public surface:

- :func:`read` — a plan file (.txt in any Japanese encoding, .md, .pdf) → :class:`Document`
- :func:`compare` — two plans (paths or documents) → a changelog (see :mod:`plandiff.diff`)
- :class:`PlandiffError` — every error meant for a user, with a one-line message
"""

from __future__ import annotations

from plandiff.errors import PlandiffError
from plandiff.model import Document
from plandiff.readers import read

__all__ = ["Document", "PlandiffError", "read"]
