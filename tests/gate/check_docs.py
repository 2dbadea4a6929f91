#!/usr/bin/python3
"""sbom-gate's documentation keeps up with the tool (TAP output).

1. Every command in the EXAMPLES section of docs/sbom-gate.1 is run by a golden case: a line
   starting with `sbom-gate` appears verbatim in some case's cmd; a line that pipes a scanner into
   sbom-gate (`trivy ... | sbom-gate ...`) has a case with the same `| sbom-gate ...` tail.
2. Every long option `sbom-gate --help` lists is in the man page and in the bash, zsh and fish
   completions.
"""
import glob
import os
import re
import subprocess
import sys


def man_examples(man_text):
    section = man_text.split(".SH EXAMPLES", 1)[1].split("\n.SH ", 1)[0]
    commands = []
    for block in re.findall(r"^\.EX\n(.*?)^\.EE", section, re.S | re.M):
        commands += [line.strip() for line in block.splitlines() if line.strip()]
    return commands


def unroff(text):
    return text.replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "")


def main():
    source, gate = sys.argv[1], sys.argv[2]
    with open(os.path.join(source, "docs", "sbom-gate.1")) as f:
        man = f.read()
    cmds = []
    for path in sorted(glob.glob(os.path.join(source, "tests", "cli", "cases", "gate-*", "cmd"))):
        with open(path) as f:
            cmds.append(f.read())
    examples = man_examples(man)
    help_text = subprocess.run([gate, "--help"], capture_output=True, text=True, check=True).stdout
    # Options only: the examples footer quotes other tools' flags.
    options = sorted(set(re.findall(r"(--[a-z][a-z-]*)", help_text.split("Examples:")[0])))
    completions = {
        "bash": os.path.join(source, "completions", "bash", "sbom-gate"),
        "zsh": os.path.join(source, "completions", "zsh", "_sbom-gate"),
        "fish": os.path.join(source, "completions", "fish", "sbom-gate.fish"),
    }
    checks = []
    for ex in examples:
        if ex.startswith("sbom-gate "):
            checks.append(("man example is a golden case: " + ex, any(ex in c for c in cmds)))
        else:
            tail = ex[ex.index("| sbom-gate"):] if "| sbom-gate" in ex else None
            checks.append(("man example is a golden case: " + ex, tail is not None and any(tail in c for c in cmds)))
    plain_man = unroff(man)
    for opt in options:
        checks.append(("man page documents " + opt, re.search(re.escape(opt) + r"\b", plain_man) is not None))
        for shell, path in completions.items():
            with open(path) as f:
                text = f.read()
            # fish names long options without dashes: `-l fail-on`.
            found = opt in text if shell != "fish" else re.search(r"-l " + re.escape(opt[2:]) + r"\b", text) is not None
            checks.append(("%s completion offers %s" % (shell, opt), found))
    if len(examples) < 3 or len(options) < 10:
        print("Bail out! found %d examples and %d options: the parsing is broken" % (len(examples), len(options)))
        return 1
    print("1..%d" % len(checks))
    failed = 0
    for i, (name, ok) in enumerate(checks, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
