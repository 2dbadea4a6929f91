"""TAP output for the conformance scripts: collect results with check(), print them with finish()."""
import sys

tests = []


def check(name, ok, detail=""):
    tests.append((name, ok, detail))


def finish():
    """Prints the plan and every result, and exits 1 when one failed."""
    print("1..%d" % len(tests))
    failed = 0
    for i, (name, ok, detail) in enumerate(tests, 1):
        if ok:
            print("ok %d %s" % (i, name))
        else:
            failed += 1
            print("not ok %d %s" % (i, name))
            for line in str(detail).splitlines() or [""]:
                print("# " + line)
    sys.exit(1 if failed else 0)
