"""Renderers: the document model or a changelog → Markdown, JSON, HTML, outline text."""
