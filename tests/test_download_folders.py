"""The page's download folders: one per answer or comparison, named by a random token besides
its number, so that no visitor can fetch another's conversation by guessing the next number (an
audit fetched session A's questions from session B's link by changing "answer-00018" to
"answer-00017"); the latest ``KEEP_DOWNLOADS`` kept, of every visitor together."""

from __future__ import annotations

import re

from precedent.ui import page_state
from precedent.ui.page_state import Downloads


def test_a_folder_is_named_by_a_token_no_one_can_guess(tmp_path):
    downloads = Downloads(tmp_path)
    first, second = downloads.folder("answer"), downloads.folder("answer")
    for n, folder in ((1, first), (2, second)):
        m = re.fullmatch(r"answer-(\d{5})-([\w-]{20,})", folder.name)
        assert m and int(m.group(1)) == n and folder.is_dir()
    assert first.name.split("-", 2)[2] != second.name.split("-", 2)[2]
    # the neighbour's folder is not where its number alone says
    assert not (tmp_path / "answer-00001").exists()


def test_the_latest_folders_are_kept_in_the_order_made(tmp_path, monkeypatch):
    monkeypatch.setattr(page_state, "KEEP_DOWNLOADS", 3)
    downloads = Downloads(tmp_path)
    made = [downloads.folder("compare") for _ in range(5)]
    downloads.folder("answer")  # another kind is kept apart
    assert [p.exists() for p in made] == [False, False, True, True, True]
    assert len(list(tmp_path.glob("answer-*"))) == 1
