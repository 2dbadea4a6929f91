"""Validation of CycloneDX JSON documents against the official schemas in ../shared/data/schemas.

Used by the conformance tests: every document a tool writes must validate for its specVersion.
Debian's python3-jsonschema (4.10) resolves the schemas' relative $refs (spdx.schema.json,
jsf-0.82.schema.json, cryptography-defs.schema.json) through a store of the local files.
"""
import json
import os

import jsonschema

_validators = {}


def _store(schema_dir):
    store = {}
    for name in os.listdir(schema_dir):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(schema_dir, name)) as f:
            try:
                doc = json.load(f)
            except ValueError:
                continue
        store["http://cyclonedx.org/schema/" + name] = doc
        if "$id" in doc:
            store[doc["$id"]] = doc
    return store


def validator(schema_dir, spec_version):
    key = (schema_dir, spec_version)
    if key not in _validators:
        path = os.path.join(schema_dir, "bom-%s.schema.json" % spec_version)
        with open(path) as f:
            schema = json.load(f)
        resolver = jsonschema.RefResolver.from_schema(schema, store=_store(schema_dir))
        cls = jsonschema.validators.validator_for(schema)
        _validators[key] = cls(schema, resolver=resolver, format_checker=None)
    return _validators[key]


def errors(schema_dir, doc):
    """Returns a list of error strings (empty when the document is valid)."""
    v = validator(schema_dir, doc.get("specVersion", "1.6"))
    out = []
    for e in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        out.append("/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message[:200])
    return out
