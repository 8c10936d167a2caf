"""Page timings for `python -m analytics bench`: every page through AppTest, cold and warm."""

from __future__ import annotations

import os
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent


def page_times(db_path: Path, region: str, pages: list[str]) -> dict:
    """First run (caches cleared) and warm rerun of every page through AppTest, in seconds."""
    os.environ["SIAGA_DB"] = str(db_path)
    times = {}
    for page in pages:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
        at.query_params["wilayah"] = region
        at.switch_page(f"pages/{page}.py")  # the page's own first run, caches cold
        started = time.perf_counter()
        at.run()
        first = time.perf_counter() - started
        if at.exception:
            raise SystemExit(f"page {page} failed: {at.exception[0].message}")
        started = time.perf_counter()
        at.run()
        warm = time.perf_counter() - started
        times[page] = {"first_s": round(first, 3), "warm_s": round(warm, 3)}
    return times
