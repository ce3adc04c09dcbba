#!/usr/bin/env python3
"""Exit 0 when every pinned requirement is installed at a matching version, else 1."""
import sys
from importlib import metadata

from packaging.requirements import Requirement


def main(path: str) -> int:
    missing = []
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        try:
            version = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            missing.append(f"{req.name} (not installed)")
            continue
        if req.specifier and version not in req.specifier:
            missing.append(f"{req.name} {version} (want {req.specifier})")
    for item in missing:
        print(item)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "requirements.txt"))
