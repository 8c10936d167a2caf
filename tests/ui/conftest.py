"""Fixtures the page tests share."""

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager


@pytest.fixture
def generators(monkeypatch):
    """The download generators the page hands to Streamlit, by their deferred id (AppTest
    has no browser to ask Streamlit to run them)."""
    found = {}
    register = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = register(self, data_callable, *args, **kwargs)
        found[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return found
