"""Deterministic generator of demo uploads for the whole 2024 Pilkada cycle.

``generate`` yields, week by week from ``DEMO_WEEKS``, each regency's complete state of
the three datasets (ad hoc body formation, bimtek activities, candidacy checklist) as a
``DemoUpload``. Everything is drawn from numpy generators seeded per (seed, regency,
stream), so a seed always gives the same uploads. The unit names are real, the numbers
made up. A badan_adhoc frame carries the contract columns and then the official unit
codes SIAGA stores with each row (``UNIT_CODE_COLUMNS``). Modules:

- ``shared``: weeks, day numbers, seeded RNG streams, reference files, region table,
  each regency's official kecamatan and desa/kelurahan;
- ``formation``: the kecamatan/desa/TPS layout (official names and codes; generated
  names for a regency absent from the official list) and each body's numbers by day;
- ``training``: the bimtek activities of a regency's bodies;
- ``candidacy``: the candidacy checklist items of a regency;
- ``regions``: a regency's state as frames per day, and ``generate``.
"""

from __future__ import annotations

from analytics.demo.regions import generate
from analytics.demo.shared import COLUMNS, DEMO_WEEKS, UNIT_CODE_COLUMNS, DemoUpload

__all__ = ["COLUMNS", "DEMO_WEEKS", "UNIT_CODE_COLUMNS", "DemoUpload", "generate"]
