"""Make's guard before any install: this Python against the lock, and the venv against this Python.

    python3 tools/venv.py VENV [--lock uv.lock]

Run by `make` with the interpreter it picked (PY, default python3).  Refuses with one line and
exit 1 a Python that `uv.lock` cannot serve: older than its requires-python, or one for which a
locked package ships wheels but none this Python can load (google-re2 ships one wheel per
CPython version and its source needs a C++ toolchain with abseil, so a Python newer than its
wheels would fail minutes later in a compiler error).  A VENV made by another Python is removed
and made again with this one, saying so in one line; a missing VENV is made.

Written for any Python 3 (no tomllib before 3.11: the refusal of an old Python reads the lock's
requires-python with a regular expression before anything else).
"""

import os
import re
import shutil
import subprocess
import sys

REQUIRES = re.compile(r'^requires-python\s*=\s*"([^"]*)"', re.M)


def version_floor(spec):
    """'>=3.11' -> (3, 11); the lock's only form of requires-python here."""
    m = re.search(r">=\s*(\d+)\.(\d+)", spec)
    return (int(m.group(1)), int(m.group(2))) if m else (3, 0)


def wheel_fits(filename, version, implementation="cp"):
    """Whether a wheel's python/abi tags can load on CPython `version` (platform not judged)."""
    parts = filename[:-len(".whl")].split("-")
    if len(parts) < 5:
        return False
    pytags, abitags = parts[-3].split("."), parts[-2].split(".")
    mine = "%s%d%d" % (implementation, version[0], version[1])
    for tag in pytags:
        if tag in ("py3", mine) or tag == "py%d%d" % version[:2]:
            return True
        m = re.fullmatch(r"cp3(\d+)", tag)
        # a stable-ABI wheel built for 3.N loads on every later CPython 3
        if m and "abi3" in abitags and implementation == "cp" and int(m.group(1)) <= version[1]:
            return True
    return False


def installed_by_make(lock, extras=("test",)):
    """The locked packages `make test` installs: the project's dependencies and its `extras`,
    and theirs, transitively (markers ignored: a package needed on some platform counts)."""
    packages = {p["name"]: p for p in lock.get("package", [])}
    root = next(p for p in packages.values() if p.get("source", {}).get("editable") == ".")
    wanted = list(root.get("dependencies", []))
    for extra in extras:
        wanted += root.get("optional-dependencies", {}).get(extra, [])
    seen, extras_seen = {}, set()
    while wanted:
        dep = wanted.pop()
        package = packages.get(dep["name"])
        if package is None:
            continue
        if dep["name"] not in seen:
            seen[dep["name"]] = package
            wanted += package.get("dependencies", [])
        for extra in dep.get("extra", []):
            if (dep["name"], extra) not in extras_seen:
                extras_seen.add((dep["name"], extra))
                wanted += package.get("optional-dependencies", {}).get(extra, [])
    return [p for p in lock.get("package", []) if p["name"] in seen]


def packages_without_wheels(lock, version):
    """[(name, version, tags offered)] for packages make installs that have wheels, none for `version`."""
    missing = []
    for package in installed_by_make(lock):
        wheels = [w["url"].rsplit("/", 1)[-1] for w in package.get("wheels", [])]
        if wheels and not any(wheel_fits(w, version) for w in wheels):
            offered = sorted({w[:-4].split("-")[-3] for w in wheels if w[:-4].split("-")[-3].startswith("cp3")},
                             key=lambda t: (len(t), t))
            missing.append((package["name"], package["version"], offered))
    return missing


def lock_problem(text, version):
    """None when the lock can serve CPython `version`, else the reason, one line."""
    spec = REQUIRES.search(text)
    floor = version_floor(spec.group(1)) if spec else (3, 0)
    if version[:2] < floor:
        return "needs Python %d.%d or newer (uv.lock requires-python %s)" % (floor + (spec.group(1),))
    import tomllib  # only reached on 3.11+, which the lock's floor guarantees here

    missing = packages_without_wheels(tomllib.loads(text), version)
    if missing:
        name, ver, offered = missing[0]
        more = " and %d more" % (len(missing) - 1) if len(missing) > 1 else ""
        return "uv.lock has no wheels of %s %s%s for this Python (wheels: %s)" % (
            name, ver, more, " ".join(offered) or "none for CPython")
    return None


def venv_version(venv):
    """The Python version a venv was made with (its pyvenv.cfg), or None."""
    try:
        with open(os.path.join(venv, "pyvenv.cfg"), encoding="utf-8") as f:
            cfg = dict(line.partition("=")[::2] for line in f if "=" in line)
    except OSError:
        return None
    cfg = {k.strip(): v.strip() for k, v in cfg.items()}
    return cfg.get("version_info") or cfg.get("version")


def main(argv):
    venv = argv[0] if argv else ".venv"
    lock = argv[argv.index("--lock") + 1] if "--lock" in argv else "uv.lock"
    here = "%d.%d.%d" % sys.version_info[:3]
    with open(lock, encoding="utf-8") as f:
        problem = lock_problem(f.read(), sys.version_info[:3])
    if problem:
        print("make: Python %s (%s) cannot be used: %s; pick another with PY=python3.X"
              % (here, sys.executable, problem), file=sys.stderr)
        return 1
    made = venv_version(venv)
    if made is not None and made.split(".")[:3] != here.split("."):
        print("make: %s was made with Python %s, this make uses %s (%s): making it again"
              % (venv, made, here, sys.executable), file=sys.stderr)
        shutil.rmtree(venv)
        made = None
    elif made is None and os.path.exists(venv):
        print("make: %s is not a virtual environment (no pyvenv.cfg): making it again" % venv,
              file=sys.stderr)
        shutil.rmtree(venv)
    if made is None:
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
