#!/usr/bin/env python3
"""Turns divan's output (stdin) into the Markdown tables of BENCHMARKS.md.

Each benchmark decides a batch of requests per iteration and reports throughput; the
median throughput gives the median time per decision: 1e9 / (median items per second).
"""
import re
import sys

UNITS = {"item/s": 1.0, "Kitem/s": 1e3, "Mitem/s": 1e6, "Gitem/s": 1e9}
ORDER = ["generated", "matchit_bitset", "engine", "regex_hashset", "cedar"]


def parse(lines):
    results = {}
    group = bench = None
    for line in lines:
        g = re.match(r"^[├╰]─ (\S+)", line)
        if g:
            group = g.group(1)
            continue
        b = re.match(r"^[│ ]  [├╰]─ (\S+)\s", line)
        if b:
            bench = b.group(1)
            continue
        t = re.findall(r"([\d.]+) (K?M?G?item/s)", line)
        if t and group and bench and (group, bench) not in results:
            value, unit = t[2]  # fastest, slowest, median, mean
            results[(group, bench)] = 1e9 / (float(value) * UNITS[unit])
    return results


def main():
    results = parse(sys.stdin.read().splitlines())
    groups = sorted({g for g, _ in results})
    print("| policy | " + " | ".join(ORDER) + " |")
    print("|---|" + "---:|" * len(ORDER))
    for g in groups:
        cells = [f"{results[(g, b)]:,.1f}" if (g, b) in results else "–" for b in ORDER]
        print(f"| {g} | " + " | ".join(cells) + " |")
    print()
    print("| policy | generated vs matchit+bitset | engine / generated | regex+HashSet / generated | cedar / generated |")
    print("|---|---:|---:|---:|---:|")
    for g in groups:
        gen = results.get((g, "generated"))
        if not gen:
            continue
        def ratio(b):
            return results[(g, b)] / gen if (g, b) in results else float("nan")
        m = ratio("matchit_bitset")
        vs = f"{1 / m:.2f}× slower" if m < 1 else f"{m:.2f}× faster"
        print(f"| {g} | {vs} | {ratio('engine'):.1f}× | {ratio('regex_hashset'):.1f}× | {ratio('cedar'):,.0f}× |")


if __name__ == "__main__":
    main()
