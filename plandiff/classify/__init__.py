"""Classify aligned items into reported changes: measures, targets, budget lines, and noise."""
