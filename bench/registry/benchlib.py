"""What the registry benchmarks share: the tests' registry helpers on the path, the tools they need,
the Debian image's base layer, the Markdown table they print and the cleanup of their registries."""
import gzip
import json
import os
import shutil
import sys
import tarfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "registry"))
import common  # noqa: E402  (tests/registry/common.py)


def require(tools):
    """Stops with one line when a tool is not installed or the shared Debian image is absent."""
    for p in tools:
        if shutil.which(p) is None:
            raise SystemExit(f"bench/registry: {p} is not installed")
    if not os.path.isfile(common.DEBIAN_TAR):
        raise SystemExit(f"bench/registry: no Debian image at {common.DEBIAN_TAR}")


def debian_base_layer():
    """The Debian image's one layer, uncompressed (docker save keeps a layer as it was stored: gzip)."""
    with tarfile.open(common.DEBIAN_TAR) as t:
        manifest = json.load(t.extractfile("manifest.json"))
        base = t.extractfile(manifest[0]["Layers"][0]).read()
    return gzip.decompress(base) if base[:2] == b"\x1f\x8b" else base


def print_table(header, rows, formats):
    """A Markdown table: `header` names the columns, each row's cells formatted by `formats`."""
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for row in rows:
        print("| " + " | ".join(f.format(cell) for f, cell in zip(formats, row)) + " |")


def run(main, procs, tmp):
    """main(), then the registries (processes in `procs`) stopped and `tmp` removed, whatever happened."""
    try:
        main()
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        shutil.rmtree(tmp, ignore_errors=True)
