"""Page timings for `python -m analytics bench`: every page through AppTest, cold and warm."""

from __future__ import annotations

import logging
import os
import statistics
import time
from pathlib import Path

import streamlit as st
from streamlit import logger as streamlit_logger
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
# A warm rerun of a page takes 15-60 ms, so one rerun is at the mercy of a garbage
# collection or a busy core: the median of several is reported. The first rerun after
# the first run is left out because it is systematically 5-20% slower than the next ones
# (measured on every page at both scales), which would blur the national/demo ratio.
WARM_RUNS = 5
DISCARDED_WARM_RUNS = 1


def _timed_run(at: AppTest) -> float:
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started


def page_times(db_path: Path, region: str, pages: list[str]) -> dict:
    """First run (caches cleared) and warm rerun of every page through AppTest, in seconds.

    ``warm_s`` is the median of WARM_RUNS reruns after DISCARDED_WARM_RUNS more.
    """
    # Outside a server, Streamlit warns at every cache call that it has no runtime.
    streamlit_logger.set_log_level(logging.ERROR)
    os.environ["SIAGA_DB"] = str(db_path)
    # Page timings measure each page; the idle-time preparation of every regency's profile
    # would build in the background while the next page is timed (and in the folder the
    # benchmark is removing).
    os.environ["SIAGA_PREWARM"] = "0"
    times = {}
    for page in pages:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
        at.query_params["wilayah"] = region
        at.switch_page(f"pages/{page}.py")  # the page's own first run, caches cold
        first = _timed_run(at)
        if at.exception:
            raise SystemExit(f"page {page} failed: {at.exception[0].message}")
        for _ in range(DISCARDED_WARM_RUNS):
            at.run()
        warm = statistics.median(_timed_run(at) for _ in range(WARM_RUNS))
        times[page] = {"first_s": round(first, 3), "warm_s": round(warm, 4)}
    return times
