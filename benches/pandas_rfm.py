"""RFM and the 80/20 summary with pandas, the peer of `ladder report summary`.

Same rules as DOMAIN.md §3: snapshot = the day after the latest transaction;
R/F/M scores 1-5 by position with ties sharing the bucket of their first
position (rank method="min"); top-20% revenue share; customers for 80%.
Dates may be `YYYY-MM-DD` (the bench's data) or `YYYYMMDD` (the real-shaped
log of benches/realshape.py): the format is read off the first row.
Usage: python pandas_rfm.py TRANSACTIONS.csv
"""
import math
import sys

import pandas as pd


def buckets(values: pd.Series) -> pd.Series:
    n = len(values)
    first_position = values.rank(method="min") - 1  # 0-based first position of each value
    return (5 * first_position // n + 1).astype(int)


def date_format(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        f.readline()
        first = f.readline().split(",")[1]
    return "%Y-%m-%d" if "-" in first else "%Y%m%d"


def main(path: str) -> None:
    tx = pd.read_csv(
        path,
        dtype={"customer_code": str, "date": str, "amount": float},
        parse_dates=["date"],
        date_format=date_format(path),
    )
    snapshot = tx["date"].max() + pd.Timedelta(days=1)
    g = tx.groupby("customer_code").agg(last=("date", "max"), frequency=("date", "size"), monetary=("amount", "sum"))
    g["recency"] = (snapshot - g["last"]).dt.days
    g["r"] = 6 - buckets(g["recency"])
    g["f"] = buckets(g["frequency"])
    g["m"] = buckets(g["monetary"])
    m = g["monetary"].sort_values(ascending=False).to_numpy()
    n = len(m)
    total = m.sum()
    top = math.ceil(0.2 * n)
    cum = m.cumsum()
    k80 = int((cum < 0.8 * total).sum()) + 1
    print(f"snapshot,{snapshot.date()}")
    print(f"customers,{n}")
    print(f"transactions,{len(tx)}")
    print(f"revenue,{total:.2f}")
    print(f"top20_revenue_share,{m[:top].sum() / total:.6f}")
    print(f"customers_for_80pct_revenue,{k80}")


if __name__ == "__main__":
    main(sys.argv[1])
