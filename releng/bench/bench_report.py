#!/usr/bin/env python3
"""Measurements and the result table of stage-bench.sh.

  bench_report.py record --results FILE --tool T --phase P --round N --time-file F [--stored B] [--before B]
      reads one `/usr/bin/time -v` report, appends the measurement to FILE (one JSON object a line)
      and prints it on one line.
  bench_report.py report --results FILE --json OUT [--meta KEY=VALUE]...
      prints the table of medians, ratios and targets, and writes it all as JSON to OUT.

MB are 10^6 bytes throughout (MB/s, peak RSS, stored sizes).
"""

import argparse
import json
import re
import statistics
import sys

MB = 1_000_000

# --meta values that are numbers in the JSON.
NUMERIC_META = {"dataset_bytes": int, "dataset_files": int, "seed": int, "rounds": int, "mutate": float,
                "mutate_seed": int, "cores": int, "restic_repository_version": int}

TOOLS = {"seedbench": "seedbench stage", "restic": "restic backup", "cp": "cp -r"}

# The targets, in its order: (key, label, comparison, target).
TARGETS = [
    ("mbps_vs_restic", "stage MB/s / restic MB/s", ">=", 2.0),
    ("mbps_vs_cp", "stage MB/s / cp -r MB/s", ">=", 0.8),
    ("stored_vs_restic", "stored bytes / restic's", "<=", 1.0),
    ("incremental_vs_restic", "incremental time / restic's", "<=", 1.0),
    ("no_change_vs_restic", "no-change time / restic's", "<=", 1.0),
    ("peak_rss_mb", "seedbench peak RSS MB (max of all runs)", "<=", 400.0),
]


def parse_time_report(text):
    """The figures of one GNU `time -v` report: wall and CPU seconds, peak RSS in KiB, exit status."""

    def field(name):
        match = re.search(r"^\s*" + re.escape(name) + r"[^:]*(?:\([^)]*\))?: (.+)$", text, re.M)
        if not match:
            raise ValueError(f"no '{name}' in the time report")
        return match.group(1).strip()

    wall = 0.0
    for part in field("Elapsed (wall clock) time").split(":"):
        wall = wall * 60 + float(part)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return {
        "wall_s": wall,
        "cpu_s": round(cpu, 2),
        "max_rss_kib": int(field("Maximum resident set size (kbytes)")),
        "exit_status": int(field("Exit status")),
    }


def record(args):
    with open(args.time_file, encoding="utf-8") as f:
        measured = parse_time_report(f.read())
    entry = {"tool": args.tool, "phase": args.phase, "round": args.round, **measured,
             "max_rss_mb": round(measured["max_rss_kib"] * 1024 / MB, 1)}
    if args.stored is not None:
        entry["stored_bytes"] = args.stored
        if args.before is not None:
            entry["added_bytes"] = args.stored - args.before
    with open(args.results, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")
    line = (f"{args.tool} {args.phase} round {args.round}: {measured['wall_s']:.2f} s, "
            f"CPU {cpu_percent(entry):.0f}%, peak RSS {entry['max_rss_mb']:.0f} MB")
    if "added_bytes" in entry:
        line += f", added {entry['added_bytes'] / MB:.1f} MB"
    elif args.stored is not None:
        line += f", stored {args.stored / MB:.1f} MB"
    if measured["exit_status"] != 0:
        line += f", EXIT STATUS {measured['exit_status']}"
    print(line)
    return 0


def cpu_percent(entry):
    return 100.0 * entry["cpu_s"] / entry["wall_s"] if entry["wall_s"] > 0 else 0.0


def median_of(entries, key):
    values = [e[key] for e in entries if e.get(key) is not None]
    return statistics.median(values) if values else None


def summarise(entries, dataset_bytes):
    """Medians per tool over the full rounds, and the single incremental and no-change runs."""
    full = {}
    for tool in TOOLS:
        runs = [e for e in entries if e["tool"] == tool and e["phase"] == "full"]
        if not runs:
            continue
        wall = median_of(runs, "wall_s")
        full[tool] = {
            "runs": len(runs),
            "wall_s": wall,
            "mb_per_s": rounded(dataset_bytes / MB / wall if wall else None),
            "cpu_percent": rounded(statistics.median(cpu_percent(e) for e in runs), 0),
            "max_rss_mb": median_of(runs, "max_rss_mb"),
            "stored_bytes": rounded(median_of(runs, "stored_bytes"), 0),
            "wall_s_each": [e["wall_s"] for e in runs],
        }
    later = {}
    for phase in ("incremental", "no-change"):
        for tool in ("seedbench", "restic"):
            runs = [e for e in entries if e["tool"] == tool and e["phase"] == phase]
            if runs:
                later.setdefault(phase, {})[tool] = {
                    "wall_s": median_of(runs, "wall_s"),
                    "cpu_percent": rounded(statistics.median(cpu_percent(e) for e in runs), 0),
                    "max_rss_mb": median_of(runs, "max_rss_mb"),
                    "added_bytes": rounded(median_of(runs, "added_bytes"), 0),
                }
    return full, later


def rounded(value, digits=2):
    """value rounded to digits decimals (an int for 0 digits); None stays None."""
    if value is None:
        return None
    return int(round(value)) if digits == 0 else round(value, digits)


def ratio(a, b):
    return rounded(a / b, 3) if a is not None and b else None


def targets(entries, full, later):
    def pick(table, tool, key):
        return table.get(tool, {}).get(key)

    values = {
        "mbps_vs_restic": ratio(pick(full, "seedbench", "mb_per_s"), pick(full, "restic", "mb_per_s")),
        "mbps_vs_cp": ratio(pick(full, "seedbench", "mb_per_s"), pick(full, "cp", "mb_per_s")),
        "stored_vs_restic": ratio(pick(full, "seedbench", "stored_bytes"), pick(full, "restic", "stored_bytes")),
        "incremental_vs_restic": ratio(pick(later.get("incremental", {}), "seedbench", "wall_s"),
                                       pick(later.get("incremental", {}), "restic", "wall_s")),
        "no_change_vs_restic": ratio(pick(later.get("no-change", {}), "seedbench", "wall_s"),
                                     pick(later.get("no-change", {}), "restic", "wall_s")),
        "peak_rss_mb": max((e["max_rss_mb"] for e in entries if e["tool"] == "seedbench"), default=None),
    }
    result = []
    for key, label, op, target in TARGETS:
        value = values[key]
        met = None if value is None else (value >= target if op == ">=" else value <= target)
        result.append({"name": key, "label": label, "value": value, "target": f"{op} {target:g}",
                       "met": met})
    return result


def fmt(value, pattern="{:.2f}"):
    return "-" if value is None else pattern.format(value)


def print_table(meta, full, later, checks, out):
    dataset_bytes = meta["dataset_bytes"]
    out.write(f"\nSeedbench staging benchmark: {fmt(dataset_bytes / MB, '{:.0f}')} MB in "
              f"{meta.get('dataset_files', '?')} files ({meta.get('size', '?')}, seed {meta.get('seed', '?')}), "
              f"{meta.get('rounds', '?')} rounds, {meta.get('cores', '?')} cores, {meta.get('restic_version', '')}\n")
    out.write("Medians of the full rounds (every step ends with sync; MB = 10^6 bytes):\n")
    out.write(f"  {'':18}{'wall s':>9}{'MB/s':>9}{'CPU %':>8}{'peak RSS MB':>13}{'stored MB':>11}"
              f"   each round (s)\n")
    for tool, label in TOOLS.items():
        row = full.get(tool)
        if row is None:
            continue
        stored = fmt(row["stored_bytes"] / MB if row["stored_bytes"] is not None else None, "{:.1f}")
        each = " ".join(f"{w:.2f}" for w in row["wall_s_each"])
        out.write(f"  {label:18}{fmt(row['wall_s']):>9}{fmt(row['mb_per_s'], '{:.1f}'):>9}"
                  f"{fmt(row['cpu_percent'], '{:.0f}'):>8}{fmt(row['max_rss_mb'], '{:.0f}'):>13}{stored:>11}"
                  f"   {each}\n")
    share = f"{meta['mutate'] * 100:g}%" if "mutate" in meta else "some"
    titles = {"incremental": f"Incremental after changing {share} of the files (seed {meta.get('mutate_seed', '?')})",
              "no-change": "No-change rerun"}
    for phase, rows in later.items():
        out.write(f"{titles[phase]}:\n")
        out.write(f"  {'':18}{'wall s':>9}{'CPU %':>8}{'peak RSS MB':>13}{'added MB':>11}\n")
        for tool in ("seedbench", "restic"):
            row = rows.get(tool)
            if row is None:
                continue
            added = fmt(row["added_bytes"] / MB if row["added_bytes"] is not None else None, "{:.1f}")
            out.write(f"  {TOOLS[tool]:18}{fmt(row['wall_s']):>9}{fmt(row['cpu_percent'], '{:.0f}'):>8}"
                      f"{fmt(row['max_rss_mb'], '{:.0f}'):>13}{added:>11}\n")
    out.write("Targets (from issue 3; ratios within this one run are what count):\n")
    for check in checks:
        verdict = {True: "PASS", False: "MISS", None: "n/a"}[check["met"]]
        out.write(f"  {check['label']:42}{fmt(check['value']):>9}   target {check['target']:8} {verdict}\n")


def load(args, numeric_meta):
    """The measurements of --results (JSON lines) and the --meta KEY=VALUE pairs, numbers where numeric_meta says."""
    entries = []
    with open(args.results, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                entries.append(json.loads(line))
    meta = {}
    for item in args.meta:
        key, _, value = item.partition("=")
        meta[key] = numeric_meta[key](value) if key in numeric_meta and value else value
    return entries, meta


def write_result(path, result):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


def report(args):
    entries, meta = load(args, NUMERIC_META)
    dataset_bytes = meta["dataset_bytes"]
    full, later = summarise(entries, dataset_bytes)
    checks = targets(entries, full, later)
    print_table(meta, full, later, checks, sys.stdout)
    result = {"meta": meta, "full_rounds": full, **{phase.replace("-", "_"): rows for phase, rows in later.items()},
              "targets": checks, "measurements": entries}
    write_result(args.json, result)
    return 0


def cli(argv, description, tools, record_arguments, record, report, required_meta):
    """The command line of a benchmark's report: `record` (--results, --tool and what record_arguments adds to the
    parser) or `report`; runs the one asked for and returns its exit status."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record", help="add one measurement")
    rec.add_argument("--results", required=True)
    rec.add_argument("--tool", required=True, choices=sorted(tools))
    record_arguments(rec)
    rep = commands.add_parser("report", help="print the table and write the JSON")
    rep.add_argument("--results", required=True)
    rep.add_argument("--json", required=True)
    rep.add_argument("--meta", action="append", default=[], help=f"KEY=VALUE; {required_meta} is required")
    args = parser.parse_args(argv)
    return record(args) if args.command == "record" else report(args)


def record_arguments(rec):
    rec.add_argument("--phase", required=True, choices=["full", "incremental", "no-change"])
    rec.add_argument("--round", required=True, type=int)
    rec.add_argument("--time-file", required=True)
    rec.add_argument("--stored", type=int)
    rec.add_argument("--before", type=int)


def main(argv):
    return cli(argv, __doc__, TOOLS, record_arguments, record, report, "dataset_bytes")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
