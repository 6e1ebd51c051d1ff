"""The original dashboard's way of reading a client log, kept as the baseline `loupe analyze` is measured
against (docs/benchmarks.md). Run with Debian's python3-pandas: /usr/bin/python3 bench/pandas-baseline.py FILE
"""
import sys

import pandas as pd


def main(path):
    df = pd.read_csv(path, sep="|", header=None, on_bad_lines="skip")
    df[0] = pd.to_datetime(df[0].str.strip(), format="%H:%M:%S:%f", errors="coerce")
    message = df[4].astype(str)
    latency = df[message.str.contains("Latency")]
    decode = df[message.str.contains("Avg Decode Time")]
    latency_values = pd.to_numeric(latency[4].str.split(": ").str[1], errors="coerce")
    decode_values = pd.to_numeric(decode[4].str.split(": ").str[1], errors="coerce")
    print(len(df), len(latency_values), len(decode_values), latency_values.median(), decode_values.median())


if __name__ == "__main__":
    main(sys.argv[1])
