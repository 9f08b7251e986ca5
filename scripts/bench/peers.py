"""Schemaboard against its peers, same inputs, same run, alternating runs.

Run through scripts/bench-peers, which installs the peers and builds the binary first.
Every figure is a whole process as a user runs it: wall time from start to exit, peak resident
memory as GNU time reports it. Medians; ratios are the peer's figure over ours.
"""

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
SHARED = ROOT.parent / "shared" / "schemas"


def run(cmd, env=None):
    """(wall seconds, peak RSS in MiB, exit code, stdout, stderr) of one process.

    The peak comes from GNU time wrapped around the command: Linux carries a process's memory
    high-water mark across exec, so a child forked straight from Python would start at Python's
    own size."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as peak:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", peak.name, *cmd],
                              stdout=out, stderr=err, env=env)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        kib = int(peak.read().strip().splitlines()[-1])
        return (wall, kib / 1024, done.returncode,
                out.read().decode(errors="replace"), err.read().decode(errors="replace"))


class Case:
    """One comparison: our command against the peer's, on the same input."""

    def __init__(self, job, label, ours, peer, peer_name, peer_env=None):
        self.job, self.label = job, label
        self.ours, self.peer, self.peer_name, self.peer_env = ours, peer, peer_name, peer_env
        self.our_runs, self.peer_runs = [], []
        self.peer_result = ""
        self.our_result = ""

    def measure(self, rounds, slow_rounds, slow_seconds):
        for round_ in range(rounds):
            wall, rss, code, out, err = run(self.ours)
            if code != 0:
                sys.exit(f"ours failed on {self.label}: {' '.join(self.ours)}\n{err}")
            self.our_runs.append((wall, rss))
            self.our_result = summary_of_ours(err)
            slow = self.peer_runs and self.peer_runs[0][0] > slow_seconds
            if slow and round_ >= slow_rounds:
                continue
            wall, rss, code, out, err = run(self.peer, self.peer_env)
            self.peer_runs.append((wall, rss))
            self.peer_result = out.strip().splitlines()[0] if out.strip() else f"exit {code}"
            if code != 0 and not self.peer_result.startswith("fail"):
                self.peer_result = f"fail exit {code}: {err.strip().splitlines()[-1][:120] if err.strip() else ''}"
            print(f"  {self.job:11} {self.label:32} round {round_ + 1}: ours {self.our_runs[-1][0]:7.3f} s,"
                  f" {self.peer_name} {wall:8.3f} s", flush=True)

    def row(self):
        ours_t = statistics.median(w for w, _ in self.our_runs)
        ours_m = statistics.median(m for _, m in self.our_runs)
        peer_t = statistics.median(w for w, _ in self.peer_runs)
        peer_m = statistics.median(m for _, m in self.peer_runs)
        failed = self.peer_result.startswith("fail")
        speed = f"{peer_t / ours_t:,.0f}×" if not failed else "—"
        memory = f"{peer_m / ours_m:,.1f}×" if not failed else "—"
        note = " ".join(self.peer_result[5:].split()) if failed else ""
        if len(note) > 70:
            note = note[:67] + "…"
        peer_cell = f"{peer_t:,.2f} s" + (f" (fails: {note})" if failed else "")
        return [self.job, self.label, f"{ours_t:,.3f} s", f"{ours_m:,.0f} MiB",
                f"{self.peer_name}: {peer_cell}", f"{peer_m:,.0f} MiB", speed, memory,
                f"{len(self.our_runs)}/{len(self.peer_runs)}"]


def summary_of_ours(stderr):
    found = re.search(r"imported: (\d+) tables", stderr)
    return found.group(1) if found else ""


def corpus_files(dialects):
    """The corpus files of these dialects, largest first; moodle from ../shared when present."""
    files = [p for p in CORPUS.glob("*.sql") if p.name.split(".")[1] in dialects]
    moodle = SHARED / "moodle29.mysql.sql"
    if "mysql" in dialects:
        if moodle.exists():
            files.append(moodle)
        else:
            print("moodle29.mysql.sql: skipped (it is only in ../shared/schemas, which is absent)")
    return sorted(files, key=lambda p: -p.stat().st_size)


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
        gib = int(memory.split()[1]) / 1024 / 1024
    except (OSError, StopIteration):
        gib = 0
    return f"{os.cpu_count()} cores ({cpu}), {gib:.0f} GiB, {platform.system()} {platform.release()}"


def version(cmd):
    try:
        done = subprocess.run(cmd, capture_output=True, text=True)
        return (done.stdout + done.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True, help="our release binary")
    parser.add_argument("--dbml-core", required=True, help="folder holding node_modules/@dbml/core")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--slow-rounds", type=int, default=1,
                        help="rounds for a peer whose first run took over --slow-seconds")
    parser.add_argument("--slow-seconds", type=float, default=60)
    parser.add_argument("--only", help="only the inputs whose file name matches this regex")
    parser.add_argument("--out", default=str(ROOT / "target" / "bench-peers.md"))
    parser.add_argument("--readme", action="store_true",
                        help="also put the table in README.md between its bench-peers markers")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory(prefix="bench-peers.")  # removed at exit: images are big
    work = Path(scratch.name)
    ours = str(Path(args.bin).resolve())
    node_env = dict(os.environ, NODE_PATH=str(Path(args.dbml_core) / "node_modules"))
    js = str(ROOT / "scripts" / "bench" / "dbml_import.js")
    formats = {"postgresql": "postgres", "mysql": "mysql"}
    dialects = {"postgresql": "postgres", "mysql": "mysql"}

    cases = []
    for path in corpus_files(formats):
        if args.only and not re.search(args.only, path.name):
            continue
        kind = path.name.split(".")[1]
        cases.append(Case(
            "import SQL", path.name,
            [ours, "import", str(path), "--dialect", dialects[kind], "--force", "-o", str(work / "import.ron")],
            ["node", js, str(path), formats[kind]], "@dbml/core", node_env))

    for name in ["odoo16.postgresql.sql", "pagila.postgresql.sql"]:
        if args.only and not re.search(args.only, name):
            continue
        model = work / (name.split(".")[0] + ".ron")
        dot = model.with_suffix(".dot")
        for cmd in ([ours, "import", str(CORPUS / name), "--force", "-o", str(model)],
                    [ours, "export", str(model), "--format", "dot", "-o", str(dot)]):
            wall, _, code, _, err = run(cmd)
            if code != 0:
                sys.exit(f"preparing {name} failed: {err}")
        for fmt in ["png", "svg"]:
            cases.append(Case(
                f"render {fmt.upper()}", name,
                [ours, "render", str(model), "-o", str(work / f"ours.{fmt}")],
                ["dot", f"-T{fmt}", str(dot), "-o", str(work / f"dot.{fmt}")], "dot"))

    started = time.perf_counter()
    for case in cases:
        case.measure(args.rounds, args.slow_rounds, args.slow_seconds)
    elapsed = time.perf_counter() - started

    head = ["job", "input", "ours (median)", "ours peak", "peer (median)", "peer peak",
            "faster", "less memory", "runs ours/peer"]
    rows = [case.row() for case in cases]
    commit = version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    pkg = Path(args.dbml_core) / "node_modules" / "@dbml" / "core" / "package.json"
    dbml_version = re.search(r'"version":\s*"([^"]+)"', pkg.read_text()).group(1) if pkg.exists() else "?"
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `scripts/bench-peers` on {machine()}:"
        f" Schemaboard {commit} (release build), @dbml/core {dbml_version} on Node {version(['node', '--version'])},"
        f" {version(['dot', '-V'])}. Whole processes, alternating ours and the peer's,"
        f" medians of {args.rounds} runs (a peer run over {args.slow_seconds:.0f} s is run"
        f" {args.slow_rounds} time(s)); \"faster\" and \"less memory\" are the peer's figure over ours."
        f" The render rows draw our DOT export of the same model with `dot`.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    table = "\n".join(lines) + "\n"
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(table)
    print()
    print(table)
    print(f"written to {args.out}; measuring took {elapsed:.0f} s")
    if args.readme:
        readme = ROOT / "README.md"
        text = readme.read_text()
        start, end = "<!-- bench-peers -->", "<!-- /bench-peers -->"
        if start not in text or end not in text:
            sys.exit(f"README.md has no {start} … {end} markers")
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        readme.write_text(before + start + "\n" + table + end + after)
        print("README.md updated")


if __name__ == "__main__":
    main()
