"""Running eduextract inside other engines: :mod:`.spark` (PySpark) and :mod:`.dask`.

Each integration ships the extractor to workers as its pickled configuration (a few hundred
bytes) and builds it once per worker process, never once per row or per task.  The engines
themselves are optional extras (``eduextract[spark]``, ``eduextract[dask]``) imported only
when these modules are.
"""
