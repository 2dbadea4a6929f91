#!/usr/bin/env python3
"""zsh completions of tools with subcommands: after the subcommand word is read, `words` is shifted
and CURRENT lowered before `_arguments` runs, so its positional numbers (1:, 2:, ...) count from the
first argument after the subcommand. Without it `sbom-db query <TAB>` offered ecosystems where the
index goes. TAP output; a failure names the file and what is missing."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
files = sorted((root / "completions" / "zsh").glob("_sbom-*"))
n = 0
failed = False
for f in files:
    text = f.read_text()
    if not re.search(r"CURRENT == 2", text):
        continue  # no subcommands
    n += 1
    shift = text.find("shift words")
    dec = text.find("(( CURRENT-- ))")
    case = text.find("case ${words[1]} in")
    problems = []
    if shift < 0:
        problems.append("no 'shift words' before the subcommand dispatch")
    if dec < 0:
        problems.append("no '(( CURRENT-- ))' before the subcommand dispatch")
    if case < 0:
        problems.append("the dispatch is not 'case ${words[1]} in' (the subcommand after the shift)")
    elif (shift >= 0 and shift > case) or (dec >= 0 and dec > case):
        problems.append("the shift comes after the dispatch")
    if problems:
        failed = True
        print(f"not ok {n} - {f.relative_to(root)}: " + "; ".join(problems))
    else:
        print(f"ok {n} - {f.relative_to(root)}: positionals counted after the subcommand")
print(f"1..{n}")
sys.exit(1 if failed or n == 0 else 0)
