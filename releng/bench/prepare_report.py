#!/usr/bin/env python3
"""Measurements and the result table of prepare-bench.sh.

  prepare_report.py record --results FILE --tool seedbench|cp --round N --time-file F --bytes SEED_BYTES
                    [--json-out PREPARE_OUTPUT] [--drives-folder DIR] [--stored B]
      reads one `/usr/bin/time -v` report (and, for seedbench, the last JSON line of `prepare-drives --json`:
      bytes copied, the copy threads' read, MD5, write and sync seconds, each drive's bytes and copy seconds),
      appends the measurement to FILE (one JSON object a line) and prints it on one line.
  prepare_report.py report --results FILE --json OUT [--meta KEY=VALUE]...
      prints the table of medians, ratios and targets, and writes it all as JSON to OUT.

MB are 10^6 bytes throughout. The `time -v` parsing is bench_report.py's (the staging benchmark's).
"""

import json
import os
import statistics
import subprocess
import sys

from bench_report import cli, cpu_percent, fmt, load, median_of, parse_time_report, rounded, write_result

MB = 1_000_000

NUMERIC_META = {"seed_bytes": int, "seed_files": int, "seed": int, "rounds": int, "drives": int, "cores": int}

TOOLS = {"seedbench": "prepare-drives", "cp": "cp -r + sync"}

# Issue 15's targets: (key, label, comparison, target).
TARGETS = [
    ("stream_mbps", "per drive stream MB/s (slowest drive)", ">=", 550.0),
    ("mbps_vs_cp", "prepare-drives MB/s / cp -r + sync MB/s", ">=", 0.8),
]


def done_event(path):
    """prepare-drives' `done` event in its `--json` output (the import job's line may follow it)."""
    with open(path, encoding="utf-8") as f:
        events = [json.loads(line) for line in f if line.lstrip().startswith("{")]
    done = [e for e in events if e.get("event") == "done"]
    if not done:
        raise ValueError(f"no 'done' event in {path}")
    return done[-1]


def drive_bytes(folder):
    """What the drives hold on the file system (encrypted, with the headers): du --apparent-size, in bytes."""
    if not folder or not os.path.isdir(folder):
        return None
    out = subprocess.run(["du", "-sb", folder], check=True, capture_output=True, text=True).stdout
    return int(out.split()[0])


def prepare_figures(done):
    """From prepare-drives' `done` event: bytes copied, the copy threads' seconds, and each drive's stream."""
    timing = done.get("timing", {})
    drives = []
    for d in done.get("drives", []):
        seconds = d.get("copySeconds")
        drives.append({"serial": d["serial"], "bytes": d["bytes"], "copy_s": seconds,
                       "mb_per_s": rounded(d["bytes"] / MB / seconds if seconds else None, 1)})
    copy_s = sum(d["copy_s"] for d in drives) if drives and all(d["copy_s"] for d in drives) else None
    figures = {
        "state": done.get("state"),
        "bytes_copied": done.get("bytesCopied"),
        "read_s": timing.get("readSeconds"),
        "md5_s": timing.get("md5Seconds"),
        "write_s": timing.get("writeSeconds"),
        "sync_s": timing.get("syncSeconds"),
        "copy_s": rounded(copy_s, 3),
        "drives": drives,
    }
    streams = [d["mb_per_s"] for d in drives if d["mb_per_s"] is not None]
    figures["stream_mbps_min"] = min(streams) if streams else None
    figures["stream_mbps_median"] = rounded(statistics.median(streams), 1) if streams else None
    if copy_s:
        for key in ("read", "md5", "write", "sync"):
            value = figures[key + "_s"]
            figures[key + "_share"] = rounded(value / copy_s, 3) if value is not None else None
    return figures


def record(args):
    with open(args.time_file, encoding="utf-8") as f:
        measured = parse_time_report(f.read())
    entry = {"tool": args.tool, "round": args.round, **measured,
             "max_rss_mb": round(measured["max_rss_kib"] * 1024 / MB, 1),
             "mb_per_s": rounded(args.bytes / MB / measured["wall_s"], 1) if measured["wall_s"] else None}
    if args.json_out:
        entry.update(prepare_figures(done_event(args.json_out)))
        entry["stored_bytes"] = drive_bytes(args.drives_folder)
    elif args.stored is not None:
        entry["stored_bytes"] = args.stored
    with open(args.results, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")
    line = (f"{TOOLS[args.tool]} round {args.round}: {measured['wall_s']:.2f} s, {fmt(entry['mb_per_s'], '{:.0f}')} MB/s, "
            f"CPU {cpu_percent(entry):.0f}%, peak RSS {entry['max_rss_mb']:.0f} MB")
    if args.json_out:
        line += (f"; drive streams {', '.join(fmt(d['mb_per_s'], '{:.0f}') for d in entry['drives'])} MB/s; "
                 f"MD5 {fmt(entry.get('md5_s'))} s, write {fmt(entry.get('write_s'))} s, "
                 f"sync {fmt(entry.get('sync_s'))} s, read {fmt(entry.get('read_s'))} s of {fmt(entry.get('copy_s'))} s copying")
    if measured["exit_status"] != 0:
        line += f", EXIT STATUS {measured['exit_status']}"
    print(line)
    return 0


def summarise(entries, seed_bytes):
    table = {}
    for tool in TOOLS:
        runs = [e for e in entries if e["tool"] == tool]
        if not runs:
            continue
        wall = median_of(runs, "wall_s")
        row = {
            "runs": len(runs),
            "wall_s": wall,
            "mb_per_s": rounded(seed_bytes / MB / wall if wall else None, 1),
            "cpu_percent": rounded(statistics.median(cpu_percent(e) for e in runs), 0),
            "max_rss_mb": median_of(runs, "max_rss_mb"),
            "peak_rss_mb_max": max(e["max_rss_mb"] for e in runs),
            "wall_s_each": [e["wall_s"] for e in runs],
        }
        if tool == "seedbench":
            for key in ("stream_mbps_min", "stream_mbps_median", "copy_s", "read_s", "md5_s", "write_s", "sync_s",
                        "read_share", "md5_share", "write_share", "sync_share", "bytes_copied", "stored_bytes"):
                row[key] = median_of(runs, key)
        table[tool] = row
    return table


def targets(table):
    seedbench, cp = table.get("seedbench", {}), table.get("cp", {})
    values = {
        "stream_mbps": seedbench.get("stream_mbps_min"),
        "mbps_vs_cp": rounded(seedbench["mb_per_s"] / cp["mb_per_s"], 3)
        if seedbench.get("mb_per_s") and cp.get("mb_per_s") else None,
    }
    result = []
    for key, label, op, target in TARGETS:
        value = values[key]
        met = None if value is None else (value >= target if op == ">=" else value <= target)
        result.append({"name": key, "label": label, "value": value, "target": f"{op} {target:g}", "met": met})
    return result


def percent(value):
    return "-" if value is None else f"{100 * value:.0f}%"


def print_table(meta, table, checks, out):
    out.write(f"\nSeedbench drive-preparation benchmark: seed of {fmt(meta['seed_bytes'] / MB, '{:.0f}')} MB in "
              f"{meta.get('seed_files', '?')} files (dataset {meta.get('size', '?')}, seed {meta.get('seed', '?')}), "
              f"{meta.get('drives', '?')} folder drives of {meta.get('capacity', '?')}, {meta.get('rounds', '?')} rounds, "
              f"{meta.get('cores', '?')} cores, load {meta.get('load', '?')}\n")
    out.write("Medians of the rounds (MB/s = seed MB / wall s, every step ends with sync; MB = 10^6 bytes):\n")
    out.write(f"  {'':16}{'wall s':>9}{'MB/s':>9}{'CPU %':>8}{'peak RSS MB':>13}   each round (s)\n")
    for tool, label in TOOLS.items():
        row = table.get(tool)
        if row is None:
            continue
        each = " ".join(f"{w:.2f}" for w in row["wall_s_each"])
        out.write(f"  {label:16}{fmt(row['wall_s']):>9}{fmt(row['mb_per_s'], '{:.1f}'):>9}"
                  f"{fmt(row['cpu_percent'], '{:.0f}'):>8}{fmt(row['max_rss_mb'], '{:.0f}'):>13}   {each}\n")
    sb = table.get("seedbench")
    if sb:
        out.write("prepare-drives inside (medians; seconds summed over the copy threads of the drives):\n")
        out.write(f"  drive stream MB/s: slowest {fmt(sb['stream_mbps_min'], '{:.0f}')}, "
                  f"median {fmt(sb['stream_mbps_median'], '{:.0f}')}; copying {fmt(sb['copy_s'])} s of "
                  f"{fmt(sb['wall_s'])} s wall; {fmt(sb['bytes_copied'] / MB if sb['bytes_copied'] else None, '{:.0f}')}"
                  f" MB copied (metadata on every drive)\n")
        out.write(f"  share of the copy time: MD5 {percent(sb['md5_share'])} ({fmt(sb['md5_s'])} s, on their own threads, "
                  f"beside the write), AES-GCM + write {percent(sb['write_share'])} ({fmt(sb['write_s'])} s), "
                  f"fsync {percent(sb['sync_share'])} ({fmt(sb['sync_s'])} s), read {percent(sb['read_share'])} "
                  f"({fmt(sb['read_s'])} s)\n")
        out.write(f"  peak RSS of all rounds: {fmt(sb['peak_rss_mb_max'], '{:.0f}')} MB\n")
    out.write("Targets (from issue 15; ratios within this one run are what count):\n")
    for check in checks:
        verdict = {True: "PASS", False: "MISS", None: "n/a"}[check["met"]]
        out.write(f"  {check['label']:42}{fmt(check['value']):>9}   target {check['target']:8} {verdict}\n")


def report(args):
    entries, meta = load(args, NUMERIC_META)
    table = summarise(entries, meta["seed_bytes"])
    checks = targets(table)
    print_table(meta, table, checks, sys.stdout)
    write_result(args.json, {"meta": meta, "rounds": table, "targets": checks, "measurements": entries})
    return 0


def record_arguments(rec):
    rec.add_argument("--round", required=True, type=int)
    rec.add_argument("--time-file", required=True)
    rec.add_argument("--bytes", required=True, type=int, help="the seed's bytes (the staging repository's files)")
    rec.add_argument("--json-out", help="prepare-drives --json output")
    rec.add_argument("--drives-folder", help="the folder holding the round's folder drives")
    rec.add_argument("--stored", type=int)


def main(argv):
    return cli(argv, __doc__, TOOLS, record_arguments, record, report, "seed_bytes")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
