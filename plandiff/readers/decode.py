"""Bytes → text, with the encoding detected and named, never guessed silently.

Order: BOM (UTF-8, UTF-16) → ISO-2022-JP (7-bit with its ``ESC $ B`` escapes) → strict UTF-8 → the
Japanese legacy encodings, each decoded strictly and, where more than one decodes, the one
charset-normalizer judges most coherent. Binary input (NUL bytes without a UTF-16 shape, control
characters) is refused with a one-line reason.

The few control characters a text may still hold (ESC, the other C0 and the C1 controls; tab and
line breaks excepted) are replaced with U+FFFD here, at read time: plan text reaches terminals
through every renderer, and an escape sequence in it must not drive the screen.
"""

from __future__ import annotations

import codecs
import re

from plandiff.errors import InputError

#: Larger inputs are refused: a plan is ~100 KB of text; 20 MB leaves two orders of magnitude.
MAX_TEXT_BYTES = 20 * 1024 * 1024

_LEGACY = ("euc_jis_2004", "cp932")  # EUC-JIS-2004 is EUC-JP plus ① and friends
_NAMES = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8 (BOM)",
    "utf_16": "UTF-16",
    "utf_16_le": "UTF-16LE",
    "utf_16_be": "UTF-16BE",
    "euc_jis_2004": "EUC-JP",
    "euc_jp": "EUC-JP",
    "cp932": "CP932 (Shift_JIS)",
    "iso2022_jp_2004": "ISO-2022-JP",
    "iso2022_jp_ext": "ISO-2022-JP",
}

# every C0 control but tab and the line breaks (LF, CR, FF), DEL, the C1 controls, and the bidi embeddings,
# overrides and isolates (U+202A–202E, U+2066–2069: they would reorder what the terminal shows)
_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BINARY_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # what a text file never holds much of
_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b$(Q", b"\x1b$(O")


def replace_controls(text: str) -> str:
    """Terminal escapes and other control characters → U+FFFD (tab and line breaks kept)."""
    return _CONTROLS_RE.sub("\ufffd", text)


def _iso2022(data: bytes) -> tuple[str, str] | None:
    """ISO-2022-JP (mail and old systems): 7-bit, kanji between ``ESC $ B`` and ``ESC ( B``.

    JIS X 0213 (iso2022_jp_2004) first, then half-width katakana (iso2022_jp_ext), then the
    Microsoft form that puts NEC row 13 (①, Ⅰ) under ``ESC $ B``: read as JIS X 0213 plane 1,
    which has them at the same places."""
    if not data.isascii() or not any(escape in data for escape in _ISO2022_ESCAPES):
        return None
    for codec, raw in (
        ("iso2022_jp_2004", data),
        ("iso2022_jp_ext", data),
        ("iso2022_jp_2004", data.replace(b"\x1b$B", b"\x1b$(Q").replace(b"\x1b$@", b"\x1b$(Q")),
    ):
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_BINARY_RE.findall(text)) / len(text)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: decode both byte orders strictly and keep one that reads as Japanese.

    (Kanji code units have no NUL byte, so counting NULs alone misses Japanese UTF-16.)"""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf_16_le", "utf_16_be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _japanese_ratio(text) - _control_ratio(text)
        if best is None or score > best[0]:
            best = (score, codec, text)
    if best is None or best[0] < 0.5:
        return None
    return best[2], best[1]


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Return ``(text, encoding name)`` or raise :class:`InputError` with the reason."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"{name}: {len(data):,} bytes is over the {MAX_TEXT_BYTES // (1024 * 1024)} MB limit for a plan"
        )
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    for bom, codec in (
        (codecs.BOM_UTF8, "utf_8_sig"),
        (codecs.BOM_UTF16_LE, "utf_16"),
        (codecs.BOM_UTF16_BE, "utf_16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), codec, name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {_NAMES[codec]} byte-order mark but does not decode ({exc.reason})"
                ) from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _checked(utf16[0], utf16[1], name)
        raise InputError(f"{name}: looks like a binary file (it contains NUL bytes), not a plan's text")
    iso2022 = _iso2022(data)
    if iso2022 is not None:
        return _checked(iso2022[0], iso2022[1], name)
    try:
        return _checked(data.decode("utf_8"), "utf_8", name)
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[str, str]] = []
    for codec in _LEGACY:
        try:
            candidates.append((codec, data.decode(codec)))
        except UnicodeDecodeError:
            continue
    if len(candidates) > 1:
        from charset_normalizer import from_bytes  # only here: most plans are UTF-8, and it costs ~15 ms

        best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
        chosen = best.encoding if best is not None else None
        candidates.sort(key=lambda c: c[0] != chosen)
    for codec, text in candidates:
        if _japanese_ratio(text) > 0.2:
            return _checked(text, codec, name)
    raise InputError(f"{name}: not text in UTF-8, UTF-16, CP932/Shift_JIS, EUC-JP or ISO-2022-JP")


def _japanese_ratio(text: str) -> float:
    chars = [ch for ch in text if not ch.isspace() and not ch.isascii()]
    if not chars:
        return 1.0 if text.isascii() else 0.0
    good = sum(
        1
        for ch in chars
        if "\u3040" <= ch <= "\u30ff"
        or "\u4e00" <= ch <= "\u9fff"
        or "\uff01" <= ch <= "\uff5e"
        or "\u3000" <= ch <= "\u303f"
    )
    return good / len(chars)


def _checked(text: str, codec: str, name: str) -> tuple[str, str]:
    if not text.strip():  # e.g. only ideographic spaces (U+3000), which bytes.strip() keeps
        raise InputError(f"{name}: the file is empty (only whitespace)")
    if _control_ratio(text) > 0.01:
        raise InputError(f"{name}: looks like a binary file (control characters), not a plan's text")
    return replace_controls(text), _NAMES.get(codec, codec)
