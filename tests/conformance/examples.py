"""The CycloneDX JSON examples of ../shared/data, for the conformance tests."""
import glob
import json
import os


def cyclonedx_json_examples(shared):
    """(path, document) of every JSON file under sbom-examples that is a CycloneDX document."""
    examples = []
    for f in sorted(glob.glob(os.path.join(shared, "sbom-examples", "**", "*.json"), recursive=True)):
        try:
            with open(f, "rb") as fh:
                d = json.load(fh)
        except ValueError:
            continue
        if isinstance(d, dict) and d.get("bomFormat") == "CycloneDX":
            examples.append((f, d))
    return examples
