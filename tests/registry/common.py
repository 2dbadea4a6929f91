"""What the registry and daemon tests share: TAP lines, the shared Debian image, SBOM comparisons."""
import json
import os

FIXTURES = os.environ.get("SBOMKIT_DEBIAN_IMAGE") or os.path.join(
    os.environ.get("SBOMKIT_FIXTURES") or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                                                       "sbomkit-fixtures"), "debian-app")
DEBIAN_TAR = os.path.join(FIXTURES, "debian-app.docker.tar")
results = []


def ok(cond, name, detail=""):
    """One TAP line; the detail (why it failed) as comments."""
    results.append(bool(cond))
    print(("ok " if cond else "not ok ") + f"{len(results)} - {name}", flush=True)
    if not cond and detail:
        for line in str(detail).splitlines()[:40]:
            print("# " + line)


def skip(name, why):
    results.append(True)
    print(f"ok {len(results)} - {name} # SKIP {why}", flush=True)


def finish():
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


def one_error_line(rc, out, err):
    return rc == 2 and out == "" and len(err.splitlines()) == 1 and err.startswith("sbom-gen: error: ")


def components(text):
    d = json.loads(text)
    return json.dumps({"components": d.get("components"), "dependencies": d.get("dependencies")}, sort_keys=True)


def image_props(text):
    d = json.loads(text)
    return {p["name"]: p["value"] for p in d["metadata"]["component"].get("properties", [])}
