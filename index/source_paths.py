"""Where a document's file is: paths inside the data directory are kept relative to it on disk.

The manifest and the ledger (``index.recover``) write the path of every file under the data
directory relative to it (``sources/wells/wells-0123456789ab.txt``), so a data directory that is
moved or copied keeps its documents; files elsewhere (the shipped corpus) keep absolute paths.
In memory every path is absolute. A manifest written before (absolute paths) is read the same
way: a path into another data directory's ``sources/`` is taken as this one's file of the same
name, when it is here (the data directory was moved or copied). ``locate`` finds a file that is
not where its entry says, by its content hash.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from precedent.ingest.digest import file_sha256

META_PATH_KEYS = ("path", "original_path")  # paths a download record keeps in a source's meta


def _under(path: Path, home: Path) -> PurePosixPath | None:
    """``path`` relative to ``home`` when inside it (as written, or once symlinks are resolved)."""
    for p, h in ((path, home), (path.resolve(), home.resolve())):
        try:
            return PurePosixPath(p.relative_to(h).as_posix())
        except ValueError:
            continue
    return None


def _relative(value: str, home: Path) -> str:
    inside = _under(Path(value), home) if value and Path(value).is_absolute() else None
    return str(inside) if inside is not None else value


def _absolute(value: str, home: Path) -> str:
    if not value:
        return value
    path = Path(value)
    if not path.is_absolute():
        return str(home / path)
    if _under(path, home) is None:
        moved = _moved_here(path, home)
        if moved is not None:
            return str(moved)
    return value


def _moved_here(path: Path, home: Path) -> Path | None:
    """This data directory's copy of a file another data directory's manifest named (written
    before paths were relative): ``<old home>/sources/[<doc_id>/]<name>`` -> the same under
    ``home``."""
    parts = path.parts
    for depth in (2, 1):  # sources/<doc_id>/<name> (an added file), sources/<name> (a download)
        if len(parts) > depth and parts[-depth - 1] == "sources":
            candidate = home.joinpath("sources", *parts[-depth:])
            if candidate.is_file():
                return candidate
    return None


def _convert(sources: dict[str, dict], convert) -> dict[str, dict]:
    out = {}
    for doc_id, src in sources.items():
        src = dict(src)
        if src.get("path"):
            src["path"] = convert(src["path"])
        meta = src.get("meta")
        if isinstance(meta, dict) and any(meta.get(k) for k in META_PATH_KEYS):
            src["meta"] = {k: convert(v) if k in META_PATH_KEYS and isinstance(v, str) else v for k,
                           v in meta.items()}
        out[doc_id] = src
    return out


def sources_to_disk(sources: dict[str, dict], home: Path) -> dict[str, dict]:
    """A copy of ``sources`` with every path inside ``home`` relative to it (POSIX separators)."""
    return _convert(sources, lambda v: _relative(v, home))


def sources_from_disk(sources: dict[str, dict], home: Path) -> dict[str, dict]:
    """A copy of ``sources`` as read from disk with every path absolute (see the module
    docstring)."""
    return _convert(sources, lambda v: _absolute(v, home))


def locate(sources_dir: Path, doc_id: str, src: dict) -> Path | None:
    """The file of an added document: where its entry says, else a file with its content hash in
    its folder (``sources/<doc_id>/``) or of its name at the top of ``sources/`` (a download);
    None when there is none."""
    path = Path(src.get("path") or "")
    if src.get("path") and path.is_file():
        return path
    sha = src.get("sha256") or ""
    if not sha:
        return None
    folder = sources_dir / doc_id
    candidates = [sources_dir / path.name] if path.name else []
    if folder.is_dir() and not folder.is_symlink():
        candidates += sorted(f for f in folder.iterdir() if sha[:12] in f.name)
    for candidate in candidates:
        if candidate.is_file() and not candidate.is_symlink() and file_sha256(candidate) == sha:
            return candidate
    return None
