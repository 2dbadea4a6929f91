#!/usr/bin/env python3
"""Makes hostile or altered sbom-archive bundles for the golden tests (tests/cli/cases/archive-*).

  tamper.py flip BUNDLE MEMBER OUT             one byte of MEMBER changed (same size)
  tamper.py replace BUNDLE MEMBER FILE OUT     MEMBER's bytes replaced by FILE's
  tamper.py reseal BUNDLE MEMBER FILE OUT      the same, and the manifest's digest and size updated
  tamper.py add BUNDLE NAME OUT                a member the manifest does not list appended
  tamper.py entry OUT NAME TYPE                a tar of manifest.json then one entry NAME of TYPE
                                               (file, symlink, hardlink, dir)
  tamper.py truncate BUNDLE N OUT              the first N bytes
Members keep their order; the tar is rewritten as ustar with fixed metadata."""
import hashlib
import io
import json
import sys
import tarfile


def members(path):
    with tarfile.open(path, "r:") as t:
        return [(m.name, t.extractfile(m).read()) for m in t.getmembers()]


def write(path, entries):
    with tarfile.open(path, "w:", format=tarfile.USTAR_FORMAT) as t:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            t.addfile(info, io.BytesIO(data))


def main(argv):
    op = argv[1]
    if op == "flip":
        entries = members(argv[2])
        out = []
        for name, data in entries:
            if name == argv[3]:
                i = len(data) // 2
                data = data[:i] + bytes([data[i] ^ 0x20]) + data[i + 1:]
            out.append((name, data))
        write(argv[4], out)
    elif op in ("replace", "reseal"):
        entries = members(argv[2])
        new = open(argv[4], "rb").read()
        out = [(n, new if n == argv[3] else d) for n, d in entries]
        if op == "reseal":
            manifest = json.loads(dict(out)["manifest.json"])
            for m in manifest["members"]:
                if m["path"] == argv[3]:
                    m["sha256"] = hashlib.sha256(new).hexdigest()
                    m["size"] = len(new)
            text = (json.dumps(manifest, indent=2) + "\n").encode()
            out = [(n, text if n == "manifest.json" else d) for n, d in out]
        write(argv[5], out)
    elif op == "add":
        write(argv[4], members(argv[2]) + [(argv[3], b"added later\n")])
    elif op == "entry":
        with tarfile.open(argv[2], "w:", format=tarfile.USTAR_FORMAT) as t:
            info = tarfile.TarInfo("manifest.json")
            data = b"{}\n"
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
            info = tarfile.TarInfo(argv[3])
            kind = argv[4]
            if kind == "file":
                info.size = 2
                t.addfile(info, io.BytesIO(b"x\n"))
            else:
                info.type = {"symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE, "dir": tarfile.DIRTYPE}[kind]
                if kind != "dir":
                    info.linkname = "/etc/passwd"
                t.addfile(info)
    elif op == "truncate":
        open(argv[4], "wb").write(open(argv[2], "rb").read()[: int(argv[3])])
    else:
        sys.exit("tamper.py: unknown operation " + op)


main(sys.argv)
