#!/usr/bin/env python3
"""The README's "Speed" table from a stage-bench.sh result.

  readme-table.py bench-result.json               prints the markdown (to paste)
  readme-table.py bench-result.json --write FILE  replaces what FILE holds between <!-- bench:stage --> and
                                                  <!-- /bench --> with it (README.md of the repository root)
"""

import argparse
import json
import re
import sys

from bench_report import MB, TOOLS

BEGIN = "<!-- bench:stage -->"
END = "<!-- /bench -->"


def number(value, pattern):
    return "–" if value is None else pattern.format(value)


def tools_table(title, rows, lines):
    lines.append(f"| {title} | wall s | MB/s | CPU % | peak RSS MB | stored MB |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    for tool, label in TOOLS.items():
        row = rows.get(tool)
        if row is None:
            continue
        stored = row.get("stored_bytes")
        lines.append(f"| `{label}` | {number(row.get('wall_s'), '{:.2f}')} | {number(row.get('mb_per_s'), '{:.1f}')} "
                     f"| {number(row.get('cpu_percent'), '{:.0f}')} | {number(row.get('max_rss_mb'), '{:.0f}')} "
                     f"| {number(stored / MB if stored is not None else None, '{:.1f}')} |")
    lines.append("")


def markdown(result):
    meta = result.get("meta", {})
    lines = []
    what = []
    if result.get("full_rounds"):
        what.append(f"{meta.get('dataset_bytes', 0) / MB:,.0f} MB in {number(meta.get('dataset_files'), '{:,}')} files "
                    f"(`generate-dataset --size {meta.get('size', '?')} --seed {meta.get('seed', '?')}`), "
                    f"{meta.get('rounds', '?')} round{'' if meta.get('rounds') == 1 else 's'}")
    if result.get("files"):
        what.append(f"a scale run of {number(meta.get('files_count'), '{:,}')} tiny files "
                    f"(`generate-dataset --files {meta.get('files_count', '?')}`)")
    lines.append(f"`{meta.get('command', 'releng/bench/stage-bench.sh')}` at {meta.get('commit', '?')}, "
                 f"{meta.get('date', '?')}: {' and '.join(what)}; {meta.get('cores', '?')} cores, load {meta.get('load', '?')}, "
                 f"{meta.get('restic_version', 'restic')}, {meta.get('borg_version', 'borg')}. Medians of the rounds; "
                 f"MB = 10^6 bytes; every step ends with `sync`.")
    lines.append("")
    if result.get("full_rounds"):
        tools_table("full backup", result["full_rounds"], lines)
    if result.get("files"):
        tools_table(f"{number(meta.get('files_count'), '{:,}')} tiny files", result["files"], lines)
    lines.append("| ratio (same run) | value | target | |")
    lines.append("| --- | ---: | --- | --- |")
    for check in result.get("targets", []):
        verdict = {True: "met", False: "**missed**", None: "n/a"}[check.get("met")]
        target = check["target"].replace(">=", "≥").replace("<=", "≤")
        lines.append(f"| {check['label']} | {number(check.get('value'), '{:.2f}')} | {target} | {verdict} |")
    for item in result.get("context", []):
        lines.append(f"| {item['label']} | {number(item.get('value'), '{:.2f}')} | (context) | |")
    verified = result.get("verify", [])
    if verified:
        clean = sum(1 for v in verified if v.get("clean"))
        lines.append("")
        lines.append(f"`seedbench verify --read-data`: {clean} of {len(verified)} staging repositories clean.")
    return "\n".join(lines) + "\n"


def write(path, table):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{path} has no {BEGIN} … {END} block")
    text = pattern.sub(lambda _: f"{BEGIN}\n{table}{END}", text, count=1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("result", help="bench-result.json of releng/bench/stage-bench.sh")
    parser.add_argument("--write", metavar="FILE", help="rewrite the bench:stage block of FILE in place")
    args = parser.parse_args(argv)
    with open(args.result, encoding="utf-8") as f:
        table = markdown(json.load(f))
    if args.write:
        write(args.write, table)
    else:
        sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
