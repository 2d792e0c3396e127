#!/usr/bin/env python3
"""Measurements and the result table of stage-bench.sh.

  bench_report.py record --results FILE --tool T --phase P --round N --time-file F [--stored B] [--before B]
      reads one `/usr/bin/time -v` report, appends the measurement to FILE (one JSON object a line)
      and prints it on one line.
  bench_report.py verified --results FILE --label L --output F
      reads the `seedbench verify --read-data --json` output F, appends its outcome to FILE and exits 1 (printing
      the problems) unless the repository is clean.
  bench_report.py report --results FILE [--verified FILE] --json OUT [--meta KEY=VALUE]...
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
                "mutate_seed": int, "cores": int, "restic_repository_version": int, "files_count": int,
                "files_bytes": int}

TOOLS = {"seedbench": "seedbench stage", "restic": "restic backup", "borg": "borg create", "cp": "cp -r"}
# The tools of the incremental, no-change and scale runs (cp -r has nothing to skip).
BACKUP_TOOLS = ("seedbench", "restic", "borg")

# Issue 15's targets, in its order: (key, label, comparison, target, phase whose runs they need). Medians of the
# rounds throughout.
TARGETS = [
    ("mbps_vs_restic", "stage MB/s / restic backup MB/s", ">=", 2.0, "full"),
    ("mbps_vs_borg", "stage MB/s / borg create MB/s", ">=", 1.3, "full"),
    ("mbps_vs_cp", "stage MB/s / cp -r MB/s", ">=", 1.0, "full"),
    ("stored_vs_restic", "stored bytes / restic's", "<=", 0.95, "full"),
    ("incremental_vs_restic", "incremental time / restic's", "<=", 1.0, "incremental"),
    ("no_change_vs_restic", "no-change time / restic's", "<=", 1.0, "no-change"),
    ("peak_rss_mb", "stage peak RSS MB (median of the rounds)", "<=", 400.0, "full"),
    ("files_time_vs_restic", "{files} files: stage time / restic's", "<=", 2.0, "files"),
    ("files_peak_rss_mb", "{files} files: stage peak RSS MB", "<=", 400.0, "files"),
]

# Figures for context, without a target: (key, label, phase whose runs they need).
CONTEXT = [
    ("incremental_vs_borg", "incremental time / borg's", "incremental"),
    ("no_change_vs_borg", "no-change time / borg's", "no-change"),
    ("stored_vs_borg", "stored bytes / borg's", "full"),
    ("peak_rss_mb_max", "stage peak RSS MB (largest of all its runs)", "full"),
    ("files_time_vs_borg", "{files} files: stage time / borg's", "files"),
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


def medians(runs, data_bytes):
    """The medians of one tool's runs of one phase: wall, MB/s of data_bytes, CPU, peak RSS, stored bytes."""
    wall = median_of(runs, "wall_s")
    return {
        "runs": len(runs),
        "wall_s": wall,
        "mb_per_s": rounded(data_bytes / MB / wall if wall and data_bytes else None),
        "cpu_percent": rounded(statistics.median(cpu_percent(e) for e in runs), 0),
        "max_rss_mb": median_of(runs, "max_rss_mb"),
        "stored_bytes": rounded(median_of(runs, "stored_bytes"), 0),
        "wall_s_each": [e["wall_s"] for e in runs],
    }


def summarise(entries, dataset_bytes, files_bytes=None, files_count=None):
    """Medians per tool over the full rounds, the incremental and no-change runs, and the scale run (files)."""
    full = {}
    files = {}
    for tool in TOOLS:
        runs = [e for e in entries if e["tool"] == tool and e["phase"] == "full"]
        if runs:
            full[tool] = medians(runs, dataset_bytes)
        runs = [e for e in entries if e["tool"] == tool and e["phase"] == "files"]
        if runs:
            files[tool] = medians(runs, files_bytes)
            wall = files[tool]["wall_s"]
            files[tool]["files_per_s"] = rounded(files_count / wall if files_count and wall else None, 0)
    later = {}
    for phase in ("incremental", "no-change"):
        for tool in BACKUP_TOOLS:
            runs = [e for e in entries if e["tool"] == tool and e["phase"] == phase]
            if runs:
                later.setdefault(phase, {})[tool] = {
                    "wall_s": median_of(runs, "wall_s"),
                    "cpu_percent": rounded(statistics.median(cpu_percent(e) for e in runs), 0),
                    "max_rss_mb": median_of(runs, "max_rss_mb"),
                    "added_bytes": rounded(median_of(runs, "added_bytes"), 0),
                }
    return full, later, files


def rounded(value, digits=2):
    """value rounded to digits decimals (an int for 0 digits); None stays None."""
    if value is None:
        return None
    return int(round(value)) if digits == 0 else round(value, digits)


def ratio(a, b):
    return rounded(a / b, 3) if a is not None and b else None


def targets(entries, full, later, files, files_count=None):
    """The targets (name, label, value, target, met) and the context figures (name, label, value) of the phases
    that ran."""
    def pick(table, tool, key):
        return table.get(tool, {}).get(key)

    def versus(table, key, other):
        return ratio(pick(table, "seedbench", key), pick(table, other, key))

    incremental = later.get("incremental", {})
    no_change = later.get("no-change", {})
    values = {
        "mbps_vs_restic": versus(full, "mb_per_s", "restic"),
        "mbps_vs_borg": versus(full, "mb_per_s", "borg"),
        "mbps_vs_cp": versus(full, "mb_per_s", "cp"),
        "stored_vs_restic": versus(full, "stored_bytes", "restic"),
        "incremental_vs_restic": versus(incremental, "wall_s", "restic"),
        "no_change_vs_restic": versus(no_change, "wall_s", "restic"),
        "peak_rss_mb": pick(full, "seedbench", "max_rss_mb"),
        "files_time_vs_restic": versus(files, "wall_s", "restic"),
        "files_peak_rss_mb": pick(files, "seedbench", "max_rss_mb"),
        "incremental_vs_borg": versus(incremental, "wall_s", "borg"),
        "no_change_vs_borg": versus(no_change, "wall_s", "borg"),
        "stored_vs_borg": versus(full, "stored_bytes", "borg"),
        "peak_rss_mb_max": max((e["max_rss_mb"] for e in entries
                                if e["tool"] == "seedbench" and e["phase"] != "files"), default=None),
        "files_time_vs_borg": versus(files, "wall_s", "borg"),
    }
    ran = {e["phase"] for e in entries}
    count = f"{files_count:,}" if files_count else "N"
    checks = []
    for key, label, op, target, phase in TARGETS:
        if phase not in ran:
            continue
        value = values[key]
        met = None if value is None else (value >= target if op == ">=" else value <= target)
        checks.append({"name": key, "label": label.format(files=count), "value": value,
                       "target": f"{op} {target:g}", "met": met})
    context = [{"name": key, "label": label.format(files=count), "value": values[key]}
               for key, label, phase in CONTEXT if phase in ran]
    return checks, context


def fmt(value, pattern="{:.2f}"):
    return "-" if value is None else pattern.format(value)


def print_rounds(rows, out):
    """The medians of each tool's runs: wall, MB/s, CPU, peak RSS, stored, and each round's wall time."""
    out.write(f"  {'':18}{'wall s':>9}{'MB/s':>9}{'CPU %':>8}{'peak RSS MB':>13}{'stored MB':>11}"
              f"   each round (s)\n")
    for tool, label in TOOLS.items():
        row = rows.get(tool)
        if row is None:
            continue
        stored = fmt(row["stored_bytes"] / MB if row["stored_bytes"] is not None else None, "{:.1f}")
        each = " ".join(f"{w:.2f}" for w in row["wall_s_each"])
        out.write(f"  {label:18}{fmt(row['wall_s']):>9}{fmt(row['mb_per_s'], '{:.1f}'):>9}"
                  f"{fmt(row['cpu_percent'], '{:.0f}'):>8}{fmt(row['max_rss_mb'], '{:.0f}'):>13}{stored:>11}"
                  f"   {each}\n")


def print_table(meta, full, later, files, checks, context, verified, out):
    versions = ", ".join(v for v in (meta.get("restic_version"), meta.get("borg_version")) if v)
    if full:
        dataset_bytes = meta["dataset_bytes"]
        out.write(f"\nSeedbench staging benchmark: {fmt(dataset_bytes / MB, '{:.0f}')} MB in "
                  f"{meta.get('dataset_files', '?')} files ({meta.get('size', '?')}, seed {meta.get('seed', '?')}), "
                  f"{meta.get('rounds', '?')} rounds, {meta.get('cores', '?')} cores, load {meta.get('load', '?')}, "
                  f"{versions}\n")
        out.write("Medians of the full rounds (every step ends with sync; MB = 10^6 bytes):\n")
        print_rounds(full, out)
    else:
        out.write(f"\nSeedbench staging benchmark, scale run only: {meta.get('cores', '?')} cores, "
                  f"load {meta.get('load', '?')}, {versions}\n")
    share = f"{meta['mutate'] * 100:g}%" if "mutate" in meta else "some"
    titles = {"incremental": f"Incremental after changing {share} of the files (seed {meta.get('mutate_seed', '?')})",
              "no-change": "No-change rerun"}
    for phase, rows in later.items():
        out.write(f"{titles[phase]}:\n")
        out.write(f"  {'':18}{'wall s':>9}{'CPU %':>8}{'peak RSS MB':>13}{'added MB':>11}\n")
        for tool in BACKUP_TOOLS:
            row = rows.get(tool)
            if row is None:
                continue
            added = fmt(row["added_bytes"] / MB if row["added_bytes"] is not None else None, "{:.1f}")
            out.write(f"  {TOOLS[tool]:18}{fmt(row['wall_s']):>9}{fmt(row['cpu_percent'], '{:.0f}'):>8}"
                      f"{fmt(row['max_rss_mb'], '{:.0f}'):>13}{added:>11}\n")
    if files:
        count = meta.get("files_count")
        out.write(f"Scale run: {fmt(count, '{:,}')} tiny files, "
                  f"{fmt(meta.get('files_bytes', 0) / MB, '{:.0f}')} MB (MB/s of those bytes):\n")
        print_rounds(files, out)
    if verified:
        clean = [v for v in verified if v["clean"]]
        out.write(f"seedbench verify --read-data: {len(clean)} of {len(verified)} staging repositories clean "
                  f"({', '.join(v['label'].removeprefix('seedbench-verify-') for v in verified)})\n")
    out.write("Targets (issue 15; ratios within this one run are what count, medians of the rounds):\n")
    for check in checks:
        verdict = {True: "met", False: "MISSED", None: "n/a"}[check["met"]]
        out.write(f"  {check['label']:46}{fmt(check['value']):>9}   target {check['target']:8} {verdict}\n")
    if context:
        out.write("For context (no target):\n")
        for item in context:
            out.write(f"  {item['label']:46}{fmt(item['value']):>9}\n")


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


def read_lines(path):
    """The JSON objects of a file of one a line; none when path is None."""
    if path is None:
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def report(args):
    entries, meta = load(args, NUMERIC_META)
    verified = read_lines(args.verified)
    full, later, files = summarise(entries, meta.get("dataset_bytes", 0), meta.get("files_bytes"),
                                   meta.get("files_count"))
    checks, context = targets(entries, full, later, files, meta.get("files_count"))
    print_table(meta, full, later, files, checks, context, verified, sys.stdout)
    result = {"meta": meta, "full_rounds": full, **{phase.replace("-", "_"): rows for phase, rows in later.items()},
              "files": files, "targets": checks, "context": context, "verify": verified, "measurements": entries}
    write_result(args.json, result)
    return 0


def verified(args):
    """Appends the outcome of one `seedbench verify --read-data --json` to --results; 1 unless it is clean."""
    done = None
    with open(args.output, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                event = json.loads(line)
                if event.get("event") == "done":
                    done = event
    if done is None:
        print(f"{args.label}: no 'done' event in {args.output}", file=sys.stderr)
        return 1
    entry = {"label": args.label, "clean": bool(done.get("clean")), "packs": done.get("packs"),
             "snapshots": done.get("snapshots"), "blobs_read": done.get("blobsRead"),
             "problems": len(done.get("problems", []))}
    with open(args.results, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")
    if not entry["clean"]:
        for problem in done.get("problems", []):
            print(f"{args.label}: {problem.get('severity')} {problem.get('pack')}: {problem.get('message')}",
                  file=sys.stderr)
        print(f"{args.label}: the staging repository is not clean", file=sys.stderr)
        return 1
    print(f"{args.label}: clean, {entry['packs']} packs, {entry['blobs_read']} chunks read and authenticated")
    return 0


def cli(argv, description, tools, record_arguments, record, report, required_meta, report_arguments=None,
        commands_extra=None):
    """The command line of a benchmark's report: `record` (--results, --tool and what record_arguments adds to the
    parser) or `report` (and what report_arguments adds), or one of commands_extra ({name: (add_arguments, run)});
    runs the one asked for and returns its exit status."""
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
    if report_arguments is not None:
        report_arguments(rep)
    runs = {"record": record, "report": report}
    for name, (add_arguments, run) in (commands_extra or {}).items():
        add_arguments(commands.add_parser(name))
        runs[name] = run
    args = parser.parse_args(argv)
    return runs[args.command](args)


def record_arguments(rec):
    rec.add_argument("--phase", required=True, choices=["full", "incremental", "no-change", "files"])
    rec.add_argument("--round", required=True, type=int)
    rec.add_argument("--time-file", required=True)
    rec.add_argument("--stored", type=int)
    rec.add_argument("--before", type=int)


def verified_arguments(ver):
    ver.add_argument("--results", required=True)
    ver.add_argument("--label", required=True)
    ver.add_argument("--output", required=True)


def main(argv):
    return cli(argv, __doc__, TOOLS, record_arguments, record, report, "dataset_bytes or files_count",
               report_arguments=lambda rep: rep.add_argument("--verified"),
               commands_extra={"verified": (verified_arguments, verified)})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
