"""How import, check and render grow with the model: synthetic models of 250 to 2,000 tables
(30 columns each, 200 sample queries), whole CLI processes, medians of three runs.

    python3 scripts/bench/scaling.py --bin target/release/schemaboard

Import reads the model's own PostgreSQL export (and lays it out); check is `check` with the
workload; render is `render` to SVG and to PNG at scale 1. Layout alone is in
`cargo bench --bench model` (group "layout"). Prints a Markdown table with each step's growth
exponent from 1,000 to 2,000 tables (1.0 is linear; n log n gives about 1.1 there).
"""

import argparse
import math
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import run  # noqa: E402

SIZES = [250, 500, 1000, 2000]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ours = str(Path(args.bin).resolve())
    scratch = tempfile.TemporaryDirectory(prefix="bench-scaling.")  # removed at exit: images are big
    work = Path(scratch.name)
    steps = ["import SQL", "check", "render SVG", "render PNG"]
    times = {step: {} for step in steps}
    for n in SIZES:
        model, sql = work / f"m{n}.ron", work / f"m{n}.sql"
        for cmd in ([ours, "gen", "--tables", str(n), "--columns", "30", "--queries", "200",
                     "--seed", "7", "-o", str(model)],
                    [ours, "export", str(model), "--format", "sql", "--dialect", "postgres",
                     "-o", str(sql)]):
            if run(cmd)[2] != 0:
                sys.exit(f"preparing {n} tables failed: {' '.join(cmd)}")
        commands = {
            "import SQL": [ours, "import", str(sql), "--force", "-o", str(work / "i.ron")],
            # Findings make check exit 1; only a crash (2 or more) is a failure.
            "check": [ours, "check", str(model)],
            "render SVG": [ours, "render", str(model), "-o", str(work / "r.svg")],
            "render PNG": [ours, "render", str(model), "-o", str(work / "r.png")],
        }
        for step, cmd in commands.items():
            walls = []
            for _ in range(args.rounds):
                wall, _, code, _, err = run(cmd)
                if code not in (0, 1):
                    sys.exit(f"{step} at {n} tables failed ({code}): {err}")
                walls.append(wall)
            times[step][n] = statistics.median(walls)
            print(f"  {step:11} {n:5} tables: {times[step][n]:.3f} s", flush=True)
    head = ["tables"] + steps
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for n in SIZES:
        lines.append("| " + " | ".join([f"{n:,}"] + [f"{times[s][n]:.3f} s" for s in steps]) + " |")
    growth = [f"{math.log(times[s][2000] / times[s][1000], 2):.2f}" for s in steps]
    lines.append("| growth 1,000→2,000 (exponent) | " + " | ".join(growth) + " |")
    print()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
