#!/usr/bin/env python3
"""Makes src/render/charts/map/kommuner.txt, the municipal boundaries the binary embeds.

Source: kommuner-2014.geojson (beside this script) — Geodatastyrelsen & Danske Kommuner,
FOT/DAGI, 2014-02-13, 1:500.000, WGS84. Steps:
1. mapshaper (npm, pinned below): drop Christiansø (411, not a municipality), project to
   ETRS89 / UTM zone 32N (EPSG:25832), simplify topology-preserving (shared borders are
   simplified once, so neighbours still meet) keeping every shape, merge each
   municipality's polygons (dissolve on lau_1);
2. this script: scale to a fixed frame (north up), move Bornholm (400) into an inset in
   the top right, round to whole units and write each municipality as one line
   `code<TAB>name<TAB>SVG path data` with relative moves.
Run:  cd assets/map && python3 make.py   (needs Node.js; downloads mapshaper once)
"""
import json, os, subprocess, sys, tempfile

MAPSHAPER = "mapshaper@0.7.70"
SIMPLIFY = "4%"
WIDTH = 560  # frame width in units for mainland Denmark (without Bornholm)
BORNHOLM = "400"

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "..", "src", "render", "charts", "map", "kommuner.txt")

with tempfile.TemporaryDirectory() as tmp:
    projected = os.path.join(tmp, "projected.json")
    subprocess.run(
        ["npx", "--yes", MAPSHAPER, "-i", os.path.join(here, "kommuner-2014.geojson"),
         "-filter", 'lau_1 != "411"', "-proj", "EPSG:25832",
         "-simplify", SIMPLIFY, "keep-shapes", "-dissolve", "lau_1", "copy-fields=label_dk",
         "-o", "format=geojson", "precision=1", projected],
        check=True)
    features = json.load(open(projected))["features"]

def rings(geom):
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    for poly in polys:
        for ring in poly:
            yield [(x, y) for x, y, *_ in ring]

main = [pt for f in features if f["properties"]["lau_1"] != BORNHOLM
        for r in rings(f["geometry"]) for pt in r]
x0, x1 = min(p[0] for p in main), max(p[0] for p in main)
y0, y1 = min(p[1] for p in main), max(p[1] for p in main)
scale = WIDTH / (x1 - x0)
height = round((y1 - y0) * scale)

# Bornholm's box, placed in the top right corner of the frame.
bh = [pt for f in features if f["properties"]["lau_1"] == BORNHOLM for r in rings(f["geometry"]) for pt in r]
bx0, by1 = min(p[0] for p in bh), max(p[1] for p in bh)
bw = (max(p[0] for p in bh) - bx0) * scale
bhgt = (by1 - min(p[1] for p in bh)) * scale
inset_left = WIDTH - bw - 8

def place(code, x, y):
    if code == BORNHOLM:
        return inset_left + (x - bx0) * scale, 8 + (by1 - y) * scale
    return (x - x0) * scale, (y1 - y) * scale

lines = []
for f in sorted(features, key=lambda f: int(f["properties"]["lau_1"])):
    code = f["properties"]["lau_1"]
    d = []
    for ring in rings(f["geometry"]):
        pts = [tuple(round(c) for c in place(code, x, y)) for x, y in ring]
        # drop repeated points after rounding
        dedup = [pts[0]] + [p for a, p in zip(pts, pts[1:]) if p != a]
        if len(dedup) < 4:
            continue
        cmd = [f"M{dedup[0][0]} {dedup[0][1]}"]
        for a, b in zip(dedup, dedup[1:-1]):
            cmd.append(f"{b[0]-a[0]} {b[1]-a[1]}")
        d.append(cmd[0] + "l" + " ".join(cmd[1:]) + "z")
    lines.append(f"{code}\t{f['properties']['label_dk']}\t{''.join(d)}")

with open(out, "w", encoding="utf-8") as fh:
    fh.write(f"# Kilde: Geodatastyrelsen og Danske Kommuner (DAGI), 2014; made by assets/map/make.py\n")
    fh.write(f"# frame {WIDTH} {height}; bornholm inset {round(inset_left)} 8 {round(bw)} {round(bhgt)}\n")
    fh.write("\n".join(lines) + "\n")
print(f"{len(lines)} municipalities, {os.path.getsize(out)} bytes, frame {WIDTH}x{height}", file=sys.stderr)
