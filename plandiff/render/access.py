"""Reading a change's kind-specific fields: the one place the renderers of issue 13 touch ``Change.data``.

``Change.data`` is a dict today; once changes are typed (one dataclass per kind) the same names are
attributes. :func:`get` reads either, so the labels, 新旧対照表, XLSX, strength and ranking code never
depends on which.
"""

from __future__ import annotations

from collections.abc import Mapping

from plandiff.model import Change

Segment = tuple[str, str]  # ("=" | "-" | "+", text)


def get(change: Change, name: str, default: object = None) -> object:
    """A kind-specific field of ``change`` (``metric``, ``old_value``, ``delta``, ``diff`` …)."""
    data: object = change.data
    if isinstance(data, Mapping):
        return data.get(name, default)
    return getattr(data, name, getattr(change, name, default))


def side(change: Change, name: str, which: str) -> object:
    """One edition's value of a field, whichever way it is written: ``{"old": …, "new": …}`` (a pair),
    ``old_value``/``new_value`` (``which_name``), or one value for both editions."""
    value = get(change, name)
    if isinstance(value, Mapping):
        return value.get(which)
    if hasattr(value, "old") and hasattr(value, "new"):
        return getattr(value, which)
    prefixed = get(change, f"{which}_{name}")
    if prefixed is not None:
        return prefixed
    return value


def either(change: Change, name: str) -> object:
    """The new edition's value of a field, or the old one's where the new has none."""
    new = side(change, name, "new")
    return side(change, name, "old") if new is None else new


def flag(change: Change, name: str) -> bool:
    return get(change, name) is True


def number(change: Change, name: str) -> int | float | None:
    value = get(change, name)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def text(change: Change, name: str) -> str:
    value = get(change, name)
    return "" if value is None else str(value)


def segments(change: Change) -> list[Segment] | None:
    """The word diff of a reworded, moved-and-reworded, split or merged measure, if it has one."""
    value = get(change, "diff")
    if not isinstance(value, list | tuple):
        return None
    return [(str(seg[0]), str(seg[1])) for seg in value]


def strength(change: Change) -> str | None:
    """``weakened`` / ``strengthened`` for a reworded measure, as the classify stage found it
    (:attr:`plandiff.model.MeasureChange.strength`), or None."""
    value = get(change, "strength")
    return str(value) if value in ("weakened", "strengthened") else None
