"""Typed extraction from the document model: budget lines from annex tables, numeric targets."""
