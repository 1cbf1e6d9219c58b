#!/usr/bin/env python3
"""Atrium sample generator: a small data centre as IFC4 + COBie 2.4, or a large campus for benchmarks.

Run through tools/samplegen/run, which prepares the pinned venv. Output is deterministic: the same
arguments give byte-identical files.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import plan as P  # noqa: E402
from cobie_writer import write_cobie  # noqa: E402
from ifc_writer import write_ifc  # noqa: E402


def repo_root() -> str:
    return os.environ.get("ATRIUM_ROOT") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--campus", type=int, metavar="N_BUILDINGS",
                    help="write a campus of N buildings (2 halls each) instead of the committed sample")
    ap.add_argument("--racks-per-hall", type=int, default=None, metavar="K",
                    help="racks in each data hall (default 32; campus default 500)")
    ap.add_argument("-o", "--output", metavar="DIR",
                    help="output directory (default samples/, or .atrium/campus for --campus)")
    ap.add_argument("--no-cobie", action="store_true", help="skip the xlsx (campus benchmarks of the IFC only)")
    ap.add_argument("--seed", type=int, default=20260115)
    args = ap.parse_args(argv)

    root = repo_root()
    if args.campus is not None:
        if args.campus < 1:
            ap.error("--campus needs at least one building")
        buildings = args.campus
        racks = args.racks_per_hall or 500
        out = args.output or os.path.join(root, ".atrium", "campus")
        stem = "atrium-campus-%db-%dr" % (buildings, racks)
    else:
        buildings = 1
        racks = args.racks_per_hall or 32
        out = args.output or os.path.join(root, "samples")
        stem = "atrium-dc"
    if racks < 1:
        ap.error("--racks-per-hall must be at least 1")
    os.makedirs(out, exist_ok=True)
    ifc_path = os.path.join(out, stem + ".ifc")
    xlsx_path = os.path.join(out, stem + "-cobie.xlsx")

    t0 = time.perf_counter()
    plan = P.build_plan(buildings, racks, args.seed)
    t1 = time.perf_counter()
    write_ifc(plan, ifc_path)
    t2 = time.perf_counter()
    sheet_rows = None
    if not args.no_cobie:
        sheet_rows = write_cobie(plan, xlsx_path)
    t3 = time.perf_counter()

    n_racks = sum(len(b.racks) for b in plan.buildings)
    n_devices = sum(len(r.devices) for b in plan.buildings for r in b.racks)
    report = {
        "ifc": os.path.relpath(ifc_path, root),
        "ifc_bytes": os.path.getsize(ifc_path),
        "xlsx": None if args.no_cobie else os.path.relpath(xlsx_path, root),
        "xlsx_bytes": None if args.no_cobie else os.path.getsize(xlsx_path),
        "buildings": buildings,
        "racks": n_racks,
        "devices": n_devices,
        "equipment": sum(len(b.equipment) for b in plan.buildings),
        "spaces": sum(len(b.spaces) for b in plan.buildings),
        "cobie_rows": sheet_rows,
        "seconds": {"plan": round(t1 - t0, 2), "ifc": round(t2 - t1, 2), "cobie": round(t3 - t2, 2)},
    }
    # Timings go to stderr only, so that nothing written to disk depends on the clock.
    print(json.dumps(report, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
