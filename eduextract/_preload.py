"""Imported by the ``forkserver`` that ``Extractor.pipe(n_process=…)`` starts.

Building the default extractor here, once, means every worker forked from the server inherits
compiled patterns and loaded gazetteers instead of rebuilding them: worker start-up drops
from the cost of loading all rule files to the cost of a ``fork``.  Failure here must never
break the server, so any error just leaves the workers to build their own extractor.
"""

from __future__ import annotations

try:
    from .extractor import default_extractor

    default_extractor()
except Exception:  # a broken preload only costs start-up time
    pass
