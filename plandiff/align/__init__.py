"""Alignment of two editions: sections first (so renumbering is not movement), then measures."""
