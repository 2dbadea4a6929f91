#!/usr/bin/env python3
"""Every tool: `--help` (and each subcommand's), the man page and the bash, zsh and fish completions
list the same long options, and `--help` and the man page's EXIT STATUS list the same statuses.
TAP output, one line per tool; a failure says exactly which option or status is missing where,
so a flag added in one place and not the others is found at once.

Usage: check_options.py SOURCE_ROOT BUILD_ROOT"""
import os
import re
import subprocess
import sys

TOOLS = ["sbom-gen", "sbom-match", "sbom-exceptions", "sbom-gate", "sbom-diff", "sbom-db", "sbom-vercmp", "sbom-check",
         "sbom-attest", "sbom-archive"]
SUBCOMMANDS = {
    "sbom-db": ["build", "info", "query", "update", "mirror", "sign", "verify"],
    "sbom-exceptions": ["apply", "lint", "report", "import", "export"],
    "sbom-attest": ["sign", "verify"],
    "sbom-archive": ["create", "verify", "list", "extract"],
}
IMPLICIT = {"--help", "--version"}  # CLI11's own, documented once in cli plumbing


def options(help_text):
    # Options only: the examples footer quotes other tools' flags.
    return set(re.findall(r"(--[a-z][a-z0-9-]*)", help_text.split("Examples:")[0])) - IMPLICIT


def help_statuses(help_text):
    part = help_text.split("Exit status:", 1)
    return set(re.findall(r"^  (\d+) ", part[1], re.M)) if len(part) == 2 else set()


def man_statuses(man):
    part = man.split(".SH EXIT STATUS", 1)
    if len(part) < 2:
        return set()
    return set(re.findall(r"^\.B (\d+)$", part[1].split("\n.SH ", 1)[0], re.M))


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def main():
    source, build = sys.argv[1], sys.argv[2]
    failed = False
    for n, tool in enumerate(TOOLS, 1):
        binary = os.path.join(build, "tools", tool, tool)
        helps = {tool: subprocess.run([binary, "--help"], capture_output=True, text=True).stdout}
        for sub in SUBCOMMANDS.get(tool, []):
            helps[f"{tool} {sub}"] = subprocess.run([binary, sub, "--help"], capture_output=True, text=True).stdout
        places = {
            f"docs/{tool}.1": read(os.path.join(source, "docs", f"{tool}.1")),
            f"completions/bash/{tool}": read(os.path.join(source, "completions", "bash", tool)),
            f"completions/zsh/_{tool}": read(os.path.join(source, "completions", "zsh", f"_{tool}")),
            f"completions/fish/{tool}.fish": read(os.path.join(source, "completions", "fish", f"{tool}.fish")),
        }
        problems = [f"{p} is missing" for p, text in places.items() if text is None]
        man = (places[f"docs/{tool}.1"] or "").replace("\\-", "-")
        for cmd, text in helps.items():
            for opt in sorted(options(text)):
                missing = []
                for place, content in places.items():
                    if content is None:
                        continue
                    content = content.replace("\\-", "-")
                    # fish names long options without dashes: `-l fail-on`.
                    found = re.search(re.escape(opt) + r"(?![A-Za-z0-9_-])", content) or (
                        place.endswith(".fish") and re.search(r"-l\s+" + re.escape(opt[2:]) + r"(?![A-Za-z0-9_-])", content))
                    if not found:
                        missing.append(place)
                if missing:
                    problems.append(f"{opt} (in `{cmd} --help`) is missing in " + ", ".join(missing))
        # Each subcommand is offered by every completion and is in the man page's SYNOPSIS
        # (`.B tool sub`).
        for sub in SUBCOMMANDS.get(tool, []):
            for place, content in places.items():
                if content is None:
                    continue
                if place.startswith("docs/"):
                    found = re.search(r"^\.B " + re.escape(tool) + " " + re.escape(sub) + r"$", content, re.M)
                else:
                    found = re.search(r"(?<![A-Za-z0-9_-])" + re.escape(sub) + r"(?![A-Za-z0-9_-])", content)
                if not found:
                    problems.append(f"subcommand {sub} is missing in {place}")
        hs, ms = help_statuses(helps[tool]), man_statuses(man)
        if not hs:
            problems.append(f"`{tool} --help` lists no exit statuses")
        if hs != ms:
            problems.append(f"exit statuses: `{tool} --help` lists {sorted(hs)}, docs/{tool}.1 EXIT STATUS lists {sorted(ms)}")
        if problems:
            failed = True
            print(f"not ok {n} - {tool}")
            for p in problems:
                print(f"# {tool}: {p}")
        else:
            print(f"ok {n} - {tool}: --help, man page and completions agree")
    print(f"1..{len(TOOLS)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
