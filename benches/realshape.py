#!/usr/bin/env python3
"""Writes a purchase log shaped like the public CDNOW log (deterministically).

CDNOW: 23,570 customers bought 69,659 times over 18 months (1997-01 to
1998-06), every customer's first purchase in the first quarter; about half
bought once, a long tail bought dozens of times; numeric customer codes,
dates as YYYYMMDD, one row per purchase sorted by customer. Scaled to ROWS
rows this keeps the shape: 2.955 purchases per customer on average
(1,000,000 rows: about 338,000 customers).

    benches/realshape.py ROWS OUT.csv [SEED]
"""
import datetime
import random
import sys


def main() -> None:
    rows = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1997
    rnd = random.Random(seed)
    start = datetime.date(1997, 1, 1)
    days = (datetime.date(1998, 6, 30) - start).days
    written = 0
    customer = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("customer_code,date,quantity,amount\n")
        while written < rows:
            customer += 1
            # Half buy once; the rest 2 or more, geometric with a long tail.
            n = 1
            if rnd.random() >= 0.5:
                n = 2
                while rnd.random() < 0.744 and n < 300:
                    n += 1
            n = min(n, rows - written)
            first = rnd.randrange(90)
            dates = sorted([first] + [rnd.randrange(first, days + 1) for _ in range(n - 1)])
            for d in dates:
                day = start + datetime.timedelta(days=d)
                quantity = 1 + min(int(rnd.expovariate(0.7)), 40)
                cents = max(1, int(rnd.lognormvariate(7.9, 0.8))) * quantity
                f.write(f"{customer},{day:%Y%m%d},{quantity},{cents // 100}.{cents % 100:02d}\n")
            written += n
    print(f"{out}: {written} rows, {customer} customers", file=sys.stderr)


if __name__ == "__main__":
    main()
