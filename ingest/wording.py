"""Counts as people write them (pure): ``counted(1, "document")`` -> ``1 document``,
``counted(2, "document")`` -> ``2 documents``, ``counted(1234, "paragraph")`` ->
``1,234 paragraphs``. Every user-facing count says its noun through here, so "1 documents"
cannot be written."""

from __future__ import annotations


def plural(n: int, noun: str, many: str = "") -> str:
    """``noun`` for exactly one, else ``many`` (default: ``noun`` + "s")."""
    return noun if n == 1 else (many or noun + "s")


def counted(n: int, noun: str, many: str = "") -> str:
    """``n`` (with thousands separators) and its noun in the right number."""
    return f"{n:,} {plural(n, noun, many)}"


# Ordinals as the texts write them: ``ORDINALS[n - 1]`` is the n-th up to "twentieth"; then the
# tens and "hundredth" ("the third preambular paragraph", "at its eighty-first session").
ORDINALS = tuple(("first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                  "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
                  "nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth "
                  "eightieth ninetieth hundredth").split())
