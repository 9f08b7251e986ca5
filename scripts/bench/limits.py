"""The issue's size targets, whole processes, one run each (they take seconds to a minute):
a SQL file of over 100 MB and a model of 20,000 tables through import, check, save and render;
then memory per input byte of importing each corpus file and 20 MB of nested and chained
parentheses, which must stay at or under --max-per-byte (default 20) bytes.

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
    parser.add_argument("--max-per-byte", type=float, default=20.0)
    parser.add_argument("--only-per-byte", action="store_true",
                        help="skip the large cases: only the memory per input byte")
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

    per_byte(ours, work, args.max_per_byte)
    if args.only_per_byte:
        return
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


def per_byte(ours, work, limit):
    """Peak memory of `import` above that of a one-table script, per byte of input, for every
    corpus file and for 20 MB of parentheses nested and chained. The limit holds for each input
    of a megabyte or more; below that the peak moves in steps of about a MiB (the allocator's),
    which says nothing per byte, so those rows show what they add and are not judged."""
    corpus = Path(__file__).resolve().parents[2] / "tests" / "data" / "corpus"
    inputs = sorted(corpus.glob("*.sql"))
    shared = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "moodle29.mysql.sql"
    if shared.exists():
        inputs.append(shared)
    size = 20_000_000
    nested = work / "nested.sql"
    depth = size // 2
    nested.write_text("SELECT " + "(" * depth + "1" + ")" * depth + ";\n")
    chained = work / "chained.sql"
    chained.write_text("CREATE TABLE t (a int DEFAULT " + "+".join(["(1)"] * (size // 4)) + ");\n")
    many = work / "many_nested.sql"
    statement = "CREATE TABLE t%d (a int DEFAULT " + "(" * 40 + "1" + ")" * 40 + ");\n"
    with many.open("w") as out:
        written, n = 0, 0
        while written < size:
            line = statement % n
            out.write(line)
            written, n = written + len(line), n + 1
    inputs += [nested, chained, many]
    one = work / "one.sql"
    one.write_text("CREATE TABLE t (id integer PRIMARY KEY, name text);\n")
    _, baseline, _, _, _ = run([ours, "import", str(one), "-o", str(work / "one.ron"), "--force"])
    print(f"\nimport, memory above a one-table script ({baseline:.0f} MiB), per input byte:")
    print("| input | size | peak RSS | above the one-table script | bytes per input byte |")
    print("|---|---|---|---|---|")
    worst = 0.0
    for path in inputs:
        _, peak, code, _, err = run([ours, "import", str(path), "-o", str(work / "out.ron"),
                                     "--force"])
        if code not in (0, 1) or "panicked" in err:
            sys.exit(f"import of {path.name} crashed ({code}): {err[-2000:]}")
        bytes_in = path.stat().st_size
        above = max(peak - baseline, 0)
        ratio = above * 1024 * 1024 / bytes_in
        judged = bytes_in >= 1_000_000
        if judged:
            worst = max(worst, ratio)
        shown = f"{ratio:.1f}" if judged else "(under 1 MB)"
        print(f"| {path.name} | {bytes_in / 1e6:.2f} MB | {peak:.0f} MiB | {above:.1f} MiB "
              f"| {shown} |", flush=True)
    if worst > limit:
        sys.exit(f"an import took {worst:.1f} bytes per input byte, over {limit}")


if __name__ == "__main__":
    main()
