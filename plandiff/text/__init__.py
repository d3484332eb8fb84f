"""Text utilities: display repair and comparison keys (normalize), Sudachi tokens (tokenize)."""
