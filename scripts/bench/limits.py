"""The issue's size targets, whole processes, one run each (they take seconds to a minute):
a SQL file of over 100 MB and a model of 20,000 tables through import, check, save and render.

    python3 scripts/bench/limits.py --bin target/release/schemaboard

Prints a Markdown table of wall time and peak RSS (GNU time) per step; fails if a step fails or
peaks over --max-gib (default 8). `scripts/bench-limits` builds the binary and runs this.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import run  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--max-gib", type=float, default=8.0)
    args = parser.parse_args()
    ours = str(Path(args.bin).resolve())
    scratch = tempfile.TemporaryDirectory(prefix="bench-limits.")
    work = Path(scratch.name)
    rows = []

    def step(label, cmd, ok=(0,)):
        wall, peak, code, _, err = run(cmd)
        if code not in ok:
            sys.exit(f"{label} failed ({code}): {err[-2000:]}")
        rows.append((label, wall, peak))
        print(f"  {label}: {wall:.2f} s, {peak:.0f} MiB", flush=True)
        if peak > args.max_gib * 1024:
            sys.exit(f"{label} peaked at {peak:.0f} MiB, over {args.max_gib} GiB")

    def size(path):
        return f"{path.stat().st_size / 1e6:.0f} MB"

    # 20,000 tables x 30 columns: the model itself.
    model = work / "m20k.ron"
    step("gen + save: 20,000 tables x 30 columns", [ours, "gen", "--tables", "20000",
                                                    "--columns", "30", "-o", str(model)])
    step(f"check the model ({size(model)} of RON)", [ours, "check", str(model)], ok=(0, 1))
    step("export PostgreSQL DDL", [ours, "export", str(model), "--format", "sql",
                                   "--dialect", "postgres", "-o", str(work / "m20k.sql")])
    step("render SVG", [ours, "render", str(model), "-o", str(work / "m20k.svg")])
    # Over 100 MB of SQL: 80,000 tables x 28 columns, exported, then imported and checked.
    big = work / "big.ron"
    run([ours, "gen", "--tables", "80000", "--columns", "28", "--queries", "0", "-o", str(big)])
    sql = work / "big.sql"
    run([ours, "export", str(big), "--format", "sql", "--dialect", "postgres", "-o", str(sql)])
    big.unlink()
    step(f"import + save {size(sql)} of SQL (80,000 tables)",
         [ours, "import", str(sql), "-o", str(work / "imported.ron")])
    step("check the imported model (RON)", [ours, "check", str(work / "imported.ron")], ok=(0, 1))
    step("check the same SQL file directly", [ours, "check", str(sql)], ok=(0, 1))
    print()
    print("| step | wall | peak RSS |")
    print("|---|---|---|")
    for label, wall, peak in rows:
        print(f"| {label} | {wall:.1f} s | {peak:.0f} MiB |")


if __name__ == "__main__":
    main()
