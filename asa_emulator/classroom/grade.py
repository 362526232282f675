"""`asa-emulator exercise grade --classroom DIR [--json|--csv]`: every trainee's saved lab
graded as `exercise grade` grades one (the flash and physical.json, on a copy in memory:
grading changes nothing), in roster order.  Exit 0 only when every trainee passes every
check, 1 otherwise, 2 for a bad roster."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from ..exercise.checks import Result
from ..exercise.grade import grade_saved
from ..lab.spec import LabError
from . import labs
from .roster import load

Graded = dict[str, tuple[str, list[Result] | str]]     # trainee -> (exercise, results or why not)


def grade_all(folder: Path) -> Graded:
    roster = load(folder)
    out: Graded = {}
    for name in sorted(roster.trainees):
        trainee = roster.trainees[name]
        try:
            ex = labs.exercise_of(roster, trainee)
            lab = roster.lab_dir(name)
            if not (lab / "lab.toml").is_file():
                raise LabError("no lab yet")
            out[name] = (trainee.exercise, grade_saved(ex, lab, name, roster.secret))
        except LabError as exc:
            out[name] = (trainee.exercise, str(exc))
    return out


def _table(graded: Graded) -> list[str]:
    width = max([len("trainee"), *(len(n) for n in graded)])
    out = [f"{'trainee':<{width}}  {'exercise':<20} {'passed':<7} failed checks"]
    for name, (exercise, results) in graded.items():
        if isinstance(results, str):
            out.append(f"{name:<{width}}  {exercise:<20} {'-':<7} not graded: {results}")
            continue
        passed = sum(r.passed for r in results)
        failed = ", ".join(r.name for r in results if not r.passed)
        out.append(f"{name:<{width}}  {exercise:<20} {f'{passed}/{len(results)}':<7} {failed}".rstrip())
    return out


def _json(graded: Graded) -> str:
    rows = []
    for name, (exercise, results) in graded.items():
        if isinstance(results, str):
            rows.append({"trainee": name, "exercise": exercise, "passed": False, "error": results})
            continue
        rows.append({"trainee": name, "exercise": exercise, "passed": all(r.passed for r in results),
                     "checks": [{"name": r.name, "passed": r.passed, "detail": r.detail}
                                for r in results]})
    return json.dumps({"trainees": rows}, indent=2)


def _csv(graded: Graded) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["trainee", "exercise", "check", "passed", "detail"])
    for name, (exercise, results) in graded.items():
        if isinstance(results, str):
            writer.writerow([name, exercise, "", "error", results])
            continue
        for r in results:
            writer.writerow([name, exercise, r.name, "pass" if r.passed else "fail", r.detail])
    return out.getvalue().rstrip("\n")


def cmd_grade_classroom(folder: str, as_json: bool, as_csv: bool) -> int:
    try:
        graded = grade_all(Path(folder))
    except LabError as exc:
        print(f"asa-emulator: {exc}", file=sys.stderr)
        return 2
    print(_json(graded) if as_json else _csv(graded) if as_csv else "\n".join(_table(graded)))
    ok = all(not isinstance(r, str) and all(x.passed for x in r) for _, r in graded.values())
    return 0 if ok else 1
