#!/usr/bin/env python3
"""Writes a deterministic OSV all.zip (fixed entry times) of the record files given: make_osv_zip.py OUT RECORD..."""
import os
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for path in sorted(sys.argv[2:]):
        info = zipfile.ZipInfo(os.path.basename(path), date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, open(path, "rb").read())
