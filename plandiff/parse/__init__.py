"""Source lines → :class:`plandiff.model.Document`.

Two stages, as in markdown-it-py: :mod:`plandiff.parse.rules` classifies each line with an ordered
chain of small named rules; :mod:`plandiff.parse.build` walks the classified lines once and
builds sections, measures, target items and tables, repairing page breaks on the way.
"""

from plandiff.parse.build import assemble

__all__ = ["assemble"]
