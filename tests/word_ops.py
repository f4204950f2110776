"""``apply_ops``: the words a word diff rebuilds, to check ``search.compare.diff`` (tests only)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from precedent.search.compare.diff import DELETE, INSERT, WordOp, word_key, words


def apply_ops(old: str | Sequence[str], ops: Iterable[WordOp]) -> list[str]:
    """Apply ``ops`` to the words of ``old``; raises ``ValueError`` if they do not fit ``old``."""
    a = words(old)
    out: list[str] = []
    pos = 0
    for op in ops:
        if op.op != INSERT:
            got = a[pos:pos + len(op.old)]
            if [word_key(w) for w in got] != [word_key(w) for w in op.old]:
                raise ValueError(f"operation does not fit the text at word {pos}: {op}")
            pos += len(op.old)
        if op.op != DELETE:
            out.extend(op.new)
    if pos != len(a):
        raise ValueError(f"operations cover {pos} of {len(a)} words")
    return out

