#!/usr/bin/env python3
"""Golden CLI tests: one folder per case, compared byte for byte; TAP output for meson.

A case folder holds:
  cmd              one shell command line (bash), run in the case folder
  stdin            optional, fed to the command
  expected-stdout  expected standard output (absent: must be empty)
  expected-stderr  expected standard error (absent: must be empty)
  expected-rc      expected exit status (absent: 0)
  needs-shared     optional marker: skip (visibly) when ../shared/data is absent
  needs-commands   optional: commands (one a line) the case builds its input with; skipped
                   (visibly) when one is not installed
  skip-if          optional: a shell command and, on the next line, why; the case is skipped
                   (visibly) when the command succeeds (e.g. a sanitizer build, where ulimit -v
                   cannot work)

In cmd, $SHARED is ../shared/data, $DATA is tests/data, $SRC the source root, $BUILD the build dir; every tool built
under $BUILD/tools is on PATH. In the outputs those absolute paths are replaced by the variable
names, so expected files do not depend on where the checkout lives. SOURCE_DATE_EPOCH is fixed so outputs are reproducible.
`--update` rewrites the expected files from the actual results (review the diff before committing).
"""
import argparse
import os
import shutil
import subprocess
import sys

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("cases", nargs="*", help="case names (default: all)")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    args.source = os.path.abspath(args.source)

    cases_dir = os.path.join(args.source, "tests", "cli", "cases")
    shared = os.path.realpath(os.path.join(args.source, "..", "shared", "data"))
    names = args.cases or sorted(d for d in os.listdir(cases_dir) if os.path.isdir(os.path.join(cases_dir, d)))
    tool_dirs = []
    tools_root = os.path.join(args.build, "tools")
    for d in sorted(os.listdir(tools_root)):
        p = os.path.join(tools_root, d)
        if os.path.isdir(p):
            tool_dirs.append(p)
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(tool_dirs + [env.get("PATH", "")])
    env["SHARED"] = shared
    env["DATA"] = os.path.join(args.source, "tests", "data")
    env["BUILD"] = os.path.abspath(args.build)
    env["SRC"] = args.source
    env["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01T00:00:00Z
    env["LC_ALL"] = "C"
    env.pop("SBOMKIT_DB", None)
    # sbom-gen's default layer cache lives under $XDG_CACHE_HOME: one of the build's own, emptied
    # here, so no case depends on what an earlier run or the user's own scans left there.
    env["XDG_CACHE_HOME"] = os.path.join(os.path.abspath(args.build), "golden-xdg-cache")
    shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)

    print("1..%d" % len(names))
    failed = 0
    for i, name in enumerate(names, 1):
        case = os.path.join(cases_dir, name)
        if os.path.exists(os.path.join(case, "needs-shared")) and not os.path.isdir(shared):
            print("ok %d %s # SKIP ../shared/data is absent" % (i, name))
            continue
        needs = os.path.join(case, "needs-commands")
        missing = [c for c in (open(needs).read().split() if os.path.exists(needs) else []) if not shutil.which(c)]
        if missing:
            print("ok %d %s # SKIP %s not installed" % (i, name, ", ".join(missing)))
            continue
        skip_if = os.path.join(case, "skip-if")
        if os.path.exists(skip_if):
            lines = open(skip_if).read().splitlines() + [""]
            if subprocess.run(["bash", "-c", lines[0]], cwd=case, env=env, capture_output=True).returncode == 0:
                print("ok %d %s # SKIP %s" % (i, name, lines[1] or lines[0]))
                continue
        with open(os.path.join(case, "cmd")) as f:
            cmd = f.read().strip()
        stdin_path = os.path.join(case, "stdin")
        stdin = open(stdin_path, "rb").read() if os.path.exists(stdin_path) else b""
        try:
            r = subprocess.run(["bash", "-c", cmd], cwd=case, input=stdin, capture_output=True, env=env, timeout=120)
        except subprocess.TimeoutExpired:
            print("not ok %d %s # timed out" % (i, name))
            failed += 1
            continue
        def scrub(data):
            for var in ("BUILD", "DATA", "SHARED", "SRC"):
                data = data.replace(env[var].encode(), b"$" + var.encode())
            return data
        actual = {"expected-stdout": scrub(r.stdout), "expected-stderr": scrub(r.stderr),
                  "expected-rc": ("%d\n" % r.returncode).encode()}
        if args.update:
            for fname, data in actual.items():
                path = os.path.join(case, fname)
                if fname == "expected-rc" and r.returncode == 0 or fname != "expected-rc" and not data:
                    if os.path.exists(path):
                        os.remove(path)
                    continue
                with open(path, "wb") as f:
                    f.write(data)
            print("ok %d %s # updated" % (i, name))
            continue
        problems = []
        for fname, data in actual.items():
            path = os.path.join(case, fname)
            if os.path.exists(path):
                want = open(path, "rb").read()
            else:
                want = b"0\n" if fname == "expected-rc" else b""
            if fname == "expected-rc":
                want = want.strip() + b"\n"
            if want != data:
                problems.append((fname, want, data))
        if problems:
            failed += 1
            print("not ok %d %s" % (i, name))
            for fname, want, got in problems:
                print("# %s differs" % fname)
                for line in got.decode(errors="replace").splitlines()[:40]:
                    print("#   got: " + line)
                for line in want.decode(errors="replace").splitlines()[:20]:
                    print("#  want: " + line)
        else:
            print("ok %d %s" % (i, name))
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
