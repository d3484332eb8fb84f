"""Units of money, as data: every unit a plan or budget writes, in yen (a module of its own, so that
comparing two plans without a budget book never imports the budget-book reader)."""

from __future__ import annotations

#: the common base: every unit in yen
UNIT_YEN: dict[str, int] = {
    "円": 1,
    "千円": 1_000,
    "万円": 10_000,
    "百万円": 1_000_000,
    "千万円": 10_000_000,
    "億円": 100_000_000,
    "十億円": 1_000_000_000,
    "兆円": 1_000_000_000_000,
}


def to_yen(amount: int | None, unit: str) -> int | None:
    """An amount in its unit → yen (``None`` stays nothing; an unknown unit gives ``None``)."""
    if amount is None:
        return None
    factor = UNIT_YEN.get(unit)
    return None if factor is None else amount * factor
