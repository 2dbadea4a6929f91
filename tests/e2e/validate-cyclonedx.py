#!/usr/bin/env python3
"""validate-cyclonedx.py SCHEMA_DIR DOC...: validates CycloneDX JSON documents against the official
schema of their specVersion (bom-<v>.schema.json in SCHEMA_DIR); prints one line per document."""
import glob
import json
import os
import sys
import warnings

import jsonschema

warnings.filterwarnings("ignore", category=DeprecationWarning)


def main(argv):
    base = argv[0]
    store = {}
    for f in glob.glob(os.path.join(base, "*.json")):
        with open(f) as fh:
            s = json.load(fh)
        store[s.get("$id", os.path.basename(f))] = s
        store[os.path.basename(f)] = s
    bad = 0
    for path in argv[1:]:
        with open(path) as fh:
            doc = json.load(fh)
        version = doc.get("specVersion", "?")
        with open(os.path.join(base, "bom-%s.schema.json" % version)) as fh:
            schema = json.load(fh)
        resolver = jsonschema.RefResolver(base_uri="file://" + os.path.abspath(base) + "/", referrer=schema, store=store)
        validator = jsonschema.validators.validator_for(schema)(schema, resolver=resolver)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:5]:
            print("%s: /%s: %s" % (path, "/".join(str(p) for p in e.path), e.message[:200]))
        print("%s: CycloneDX %s: %s" % (os.path.basename(path), version, "valid" if not errors else "%d errors" % len(errors)))
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
