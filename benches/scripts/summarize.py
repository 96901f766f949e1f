#!/usr/bin/env python3
"""Turns divan's output (stdin) into the Markdown tables of BENCHMARKS.md.

Each benchmark decides a batch of requests per iteration and reports throughput; the
median throughput gives the median time per decision: 1e9 / (median items per second).
"""
import re
import sys

UNITS = {"item/s": 1.0, "Kitem/s": 1e3, "Mitem/s": 1e6, "Gitem/s": 1e9}
ORDER = ["generated", "generated_baseline", "matchit_bitset", "engine", "regex_hashset", "cedar"]


def parse(lines):
    """(policy, benchmark) -> ns per decision. Benchmarks may sit in nested modules
    (`maxcare::current::generated`): the tree's first level is the policy, its leaf the
    benchmark."""
    results = {}
    path = []
    for line in lines:
        m = re.match(r"^((?:[│ ]  )*)[├╰]─ (\S+)", line)
        if m:
            depth = len(m.group(1)) // 3
            path = path[:depth] + [m.group(2)]
        t = re.findall(r"([\d.]+) (K?M?G?item/s)", line)
        if t and len(path) >= 2 and (path[0], path[-1]) not in results:
            value, unit = t[2]  # fastest, slowest, median, mean
            results[(path[0], path[-1])] = 1e9 / (float(value) * UNITS[unit])
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
    print("| policy | generated vs matchit+bitset | baseline / generated | engine / generated | regex+HashSet / generated | cedar / generated |")
    print("|---|---:|---:|---:|---:|---:|")
    for g in groups:
        gen = results.get((g, "generated"))
        if not gen:
            continue
        def ratio(b):
            return results[(g, b)] / gen if (g, b) in results else float("nan")
        m = ratio("matchit_bitset")
        vs = f"{1 / m:.2f}× slower" if m < 1 else f"{m:.2f}× faster"
        print(f"| {g} | {vs} | {ratio('generated_baseline'):.2f}× | {ratio('engine'):.1f}× | {ratio('regex_hashset'):.1f}× | {ratio('cedar'):,.0f}× |")


if __name__ == "__main__":
    main()
