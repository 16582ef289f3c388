"""The cache of parsed data files (engine.datafiles): a hit gives what parsing gives, a changed text is
never served from the cache, a planted or damaged file is parsed again, and an unusable folder only
means parsing again."""

from __future__ import annotations

import datetime as dt
import os
import pickle

import pytest

from engine import datafiles

TEXT = "as_of: 2026-11-30\nstates:\n  - name: Testland\n    aliases: [TL]\n    ap1: 1978-12-07\n"
PARSED = {"as_of": dt.date(2026, 11, 30), "states": [{"name": "Testland", "aliases": ["TL"], "ap1": dt.date(1978, 12, 7)}]}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("IHL_CACHE_DIR", str(folder))
    return folder


def _entries(folder):
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_hit_gives_what_parsing_gives(cache, monkeypatch):
    assert datafiles.parse(TEXT) == PARSED
    (entry,) = _entries(cache)
    monkeypatch.setattr(datafiles, "_parse", lambda text: pytest.fail("parsed again instead of read from the cache"))
    assert datafiles.parse(TEXT) == PARSED
    assert _entries(cache) == [entry]


def test_a_changed_text_is_parsed_not_served_from_the_cache(cache):
    datafiles.parse(TEXT)
    changed = TEXT.replace("Testland", "Otherland")
    assert datafiles.parse(changed)["states"][0]["name"] == "Otherland"
    assert len(_entries(cache)) == 2


class _Planted:
    def __reduce__(self):
        return (os.system, ("echo planted",))


def test_a_planted_file_runs_no_code_and_is_replaced(cache, monkeypatch):
    datafiles.parse(TEXT)
    (entry,) = _entries(cache)
    entry.write_bytes(pickle.dumps(_Planted()))
    monkeypatch.setattr(os, "system", lambda *a: pytest.fail("the cache ran code"))
    assert datafiles.parse(TEXT) == PARSED
    assert pickle.loads(entry.read_bytes()) == PARSED  # written again, from the parse


def test_a_damaged_file_is_parsed_again(cache):
    datafiles.parse(TEXT)
    (entry,) = _entries(cache)
    entry.write_bytes(entry.read_bytes()[:10])
    assert datafiles.parse(TEXT) == PARSED


def test_a_read_only_folder_only_means_parsing_again(cache):
    cache.mkdir()
    cache.chmod(0o500)
    try:
        if os.access(cache, os.W_OK):
            pytest.skip("running as a user who may write anywhere (root)")
        assert datafiles.parse(TEXT) == PARSED
        assert _entries(cache) == []
    finally:
        cache.chmod(0o700)


def test_a_folder_that_cannot_be_made_only_means_parsing_again(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("IHL_CACHE_DIR", str(blocker / "cache"))
    assert datafiles.parse(TEXT) == PARSED


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("IHL_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert datafiles.parse(TEXT) == PARSED
    assert list(tmp_path.iterdir()) == []


def test_a_yaml_error_is_raised_and_nothing_cached(cache):
    with pytest.raises(Exception) as raised:
        datafiles.parse("a: [1, 2\n")
    assert raised.type.__module__.startswith("yaml")
    assert _entries(cache) == []
