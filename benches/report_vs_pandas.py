"""Runs `ladder report summary` and the pandas peer on the same data, in the
same run, and prints wall time and peak memory of each and their ratios.
Usage: python report_vs_pandas.py LADDER_BINARY DATA.db DATA.csv [RUNS] [--no-pandas]
(--no-pandas: only Ladder, for data sets pandas cannot hold in memory.)
"""
import os
import statistics
import subprocess
import sys
import time


def measure(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{cmd[0]} failed: {err}")
    return elapsed, usage.ru_maxrss / 1024.0, out  # seconds, MiB


def main():
    args = [a for a in sys.argv[1:] if a != "--no-pandas"]
    with_pandas = "--no-pandas" not in sys.argv
    ladder, db, csv = args[:3]
    runs = int(args[3]) if len(args) > 3 else 5
    here = os.path.dirname(os.path.abspath(__file__))
    tools = [("ladder report summary", [ladder, "report", "--db", db, "summary"])]
    if with_pandas:
        tools.append(("pandas RFM (same CSV)", [sys.executable, os.path.join(here, "pandas_rfm.py"), csv]))
    rows = {}
    for name, cmd in tools:
        measure(cmd)  # warm the page cache
        samples = [measure(cmd) for _ in range(runs)]
        rows[name] = (statistics.median(s[0] for s in samples), max(s[1] for s in samples), samples[-1][2])
    print(f"{'':26} {'median s':>9} {'peak MiB':>9}   ({runs} run{'s' if runs > 1 else ''} after a warm-up)")
    for name, (t, m, _) in rows.items():
        print(f"{name:26} {t:9.3f} {m:9.1f}")
    if not with_pandas:
        return
    (lt, lm, lout), (pt, pm, pout) = rows.values()
    print(f"{'ratio ladder / pandas':26} {lt / pt:9.2f} {lm / pm:9.2f}   (target <= 0.50 each)")
    def pick(out, key):
        return next((l.split(",", 1)[1] for l in out.splitlines() if l.startswith(key + ",")), "?")
    for key in ["customers", "transactions", "revenue", "top20_revenue_share", "customers_for_80pct_revenue"]:
        a, b = pick(lout, key), pick(pout, key)
        print(f"  {key:28} ladder {a:>14}  pandas {b:>14}  {'same' if a == b else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
