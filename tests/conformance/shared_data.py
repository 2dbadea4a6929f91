"""The documents of ../shared/data the conformance scripts walk."""
import glob
import json
import os


def json_documents(root):
    """(path, document) for every file under root that parses as a JSON object, in path order."""
    for f in sorted(glob.glob(os.path.join(root, "**", "*.json"), recursive=True)):
        try:
            with open(f, "rb") as fh:
                d = json.load(fh)
        except ValueError:
            continue
        if isinstance(d, dict):
            yield f, d
