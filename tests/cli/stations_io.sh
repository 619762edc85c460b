#!/bin/sh
# Stations in bulk: hearth venue export read back by Python's csv and by
# python-geojson (a GeoJSON reader no one here wrote), imported into an
# empty calendar and again (nothing changes the second time, not even the
# log), problems named by CSV line and GeoJSON feature with nothing
# imported, GCJ-02 files converted, Chinese headings, fields a file lacks
# kept; demand points likewise.
. "$(dirname "$0")/../lib.sh"
setup
export HEARTH_NOW=1799380800 # 2027-01-08 12:00 in Shanghai
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
py=/usr/bin/python3
cd "$T" || exit 2

h init --demo >/dev/null
check_status "export csv" 0 h venue export --format csv -o all.csv
check_status "export geojson" 0 h venue export -o all.geojson
check_status "python-geojson reads it as valid GeoJSON" 0 $py -c '
import geojson, json
g = geojson.load(open("all.geojson", encoding="utf-8"))
assert g.is_valid, g.errors()
assert g["type"] == "FeatureCollection"
named = {f["properties"]["name"]: f for f in g["features"]}
f = named["盘锦工会驿站（兴隆台）"]
assert f["id"] == "PJ-GH-001", f
assert f["geometry"]["coordinates"] == [122.07, 41.12], f["geometry"]
assert f["properties"]["opening_hours"] == "Mo-Su 07:00-21:00"
assert named["长江路小区"]["geometry"] is None
net = named["暖“新”驿站（连锁药店）"]["properties"]["members"]
assert len(net) == 12, net
# Every point a Point in WGS-84 range, longitude first.
for f in g["features"]:
    if f["geometry"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and lon > lat
'
check_status "Python's csv reads the CSV (with its byte-order mark)" 0 $py -c '
import csv
rows = list(csv.DictReader(open("all.csv", encoding="utf-8-sig", newline="")))
r = [x for x in rows if x["name"] == "盘锦工会驿站（兴隆台）"][0]
assert (r["id"], r["lat"], r["lon"], r["crs"]) == ("PJ-GH-001", "41.1200000", "122.0700000", "wgs84"), r
assert r["services"] == "休息;热水;手机充电;微波炉;如厕" and r["opening_hours"] == "Mo-Su 07:00-21:00"
'
h venue export --format csv --crs gcj02 -o gcj.csv
check_contains "exported for Chinese maps" "PJ-GH-001,盘锦工会驿站（兴隆台）,工会驿站,盘锦市兴隆台区石油大街,41.1220915,122.0754916,gcj02" \
	"$(cat gcj.csv)"
check_status "GeoJSON in GCJ-02 is refused" 1 h venue export --format geojson --crs gcj02
audit() { sqlite3 "$HEARTH_DB" 'SELECT count(*) FROM audit'; }
before=$(audit)
check_status "importing what was exported" 0 h venue import all.csv
check_eq "changes nothing" "0 added, 0 changed, 40 unchanged" "$OUT"
check_eq "and writes nothing in the log" "$before" "$(audit)"

export HEARTH_DB="$T/new.db"
h init >/dev/null
check_status "import geojson into an empty calendar" 0 h venue import all.geojson
check_eq "adds every station" "40 added, 0 changed, 0 unchanged" "$OUT"
check_status "again" 0 h venue import all.geojson
check_eq "changes nothing" "0 added, 0 changed, 40 unchanged" "$OUT"
check_status "the CSV too" 0 h venue import all.csv
check_eq "is the same" "0 added, 0 changed, 40 unchanged" "$OUT"
check_status "the GCJ-02 CSV converted back" 0 h venue import gcj.csv
check_eq "is the same" "0 added, 0 changed, 40 unchanged" "$OUT"
h venue export --format geojson -o again.geojson
check_status "exported again, byte for byte" 0 cmp all.geojson again.geojson
check_eq "one log entry for the import" \
	"import|venue|all.geojson" \
	"$(sqlite3 "$HEARTH_DB" "SELECT action, entity, ref FROM audit WHERE action = 'import'")"
check_eq "the open station answers as in the demo" \
	"盘锦工会驿站（兴隆台）	工会驿站	0	0	2027-01-08T21:00:00+08:00" \
	"$(h open --near 盘锦工会驿站（兴隆台） --format tsv | head -n 1 | cut -f 1-5)"

# Problems by line; nothing imported.
printf '名称,纬度,经度,开放时间,坐标系\n甲,41.1,122.1,Mo-Fr 08:00-20:00,\n乙,95,122.1,,\n丙,41.1,122.1,Mo-Fr 8-20,\n,41,122,,\n丁,41.1,abc,,\n戊,41.1,122.1,,bd09\n' >bad.csv
check_status "a CSV with problems" 1 h venue import bad.csv
check_contains "latitude on line 3" "bad.csv: line 3: latitude 95 is out of range" "$OUT"
check_contains "hours on line 4, with the column" \
	"bad.csv: line 4: opening hours 'Mo-Fr 8-20': column 8: expected ':'" "$OUT"
check_contains "no name on line 5" "bad.csv: line 5: the name is empty" "$OUT"
check_contains "no number on line 6" "bad.csv: line 6: the longitude 'abc' is not a number" "$OUT"
check_contains "an unknown system on line 7" "bad.csv: line 7: the coordinate system 'bd09' is neither" "$OUT"
check_contains "nothing imported" "5 problems: nothing was imported" "$OUT"
check_status "甲 was not added" 1 h venue show 甲
printf 'name,lat\n"broken,41\n' >quote.csv
check_status "a quote never closed" 1 h venue import quote.csv
check_contains "named at its line" "quote.csv: line 2: a quoted field is never closed" "$OUT"

cat >bad.geojson <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [122.1, 41.1]},
  "properties": {"name": "甲"}},
 {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]},
  "properties": {"name": "乙"}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [122.1, 41.1]},
  "properties": {"name": "丙", "opening_hours": "Mo-Fx 08:00-20:00"}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [200, 41.1]},
  "properties": {"name": "丁"}},
 {"type": "Feature", "geometry": null, "properties": {"services": "热水"}}
]}
JSON
check_status "a GeoJSON file with problems" 1 h venue import bad.geojson
check_contains "features[1]" "features[1]: the geometry must be a Point" "$OUT"
check_contains "features[2], with the column" \
	"features[2]: opening hours 'Mo-Fx 08:00-20:00': column 4" "$OUT"
check_contains "features[3]" "features[3]: longitude 200 is out of range" "$OUT"
check_contains "features[4]" "features[4]: the name is empty" "$OUT"
printf '{"type": "FeatureCollection", "features": [\n  {"type": "Feature",}\n]}\n' >broken.geojson
check_status "JSON that does not parse" 1 h venue import broken.geojson
check_contains "named by line and column" "broken.geojson: line 2, column" "$OUT"

# Points from a Chinese map, said in the file: the published Shanghai pair.
printf 'name,lat,lon,crs\n上海点,31.17530398364597,121.531541859215,GCJ-02\n' >sh.csv
h venue import sh.csv >/dev/null
check_eq "a GCJ-02 row stored in WGS-84" "31.1774276,121.5272106" \
	"$(h venue show 上海点 --format json | $py -c 'import json,sys; d=json.load(sys.stdin); print("%.7f,%.7f" % (d["lat"], d["lon"]))')"
cat >gcj.geojson <<'JSON'
{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "GCJ-02"}},
 "features": [{"type": "Feature", "id": 7,
  "geometry": {"type": "Point", "coordinates": [116.38404722455657, 39.91334545536069]},
  "properties": {"name": "北京点"}}]}
JSON
h venue import gcj.geojson >/dev/null
check_eq "a GeoJSON file that says GCJ-02" "39.9119540,116.3778170 7" \
	"$(h venue show 北京点 --format json | $py -c 'import json,sys; d=json.load(sys.stdin); print("%.7f,%.7f %s" % (d["lat"], d["lon"], d["id"]))')"
check_status "--crs gcj02 for a file that does not say" 0 h venue import --crs gcj02 \
	--dry-run sh.csv
check_eq "a dry run changes nothing" "would add 0, change 0, leave 1 unchanged" "$OUT"

# Matching without ids: by name and address; columns a file lacks kept.
printf '名称,地址,服务\n上海点,,热水；充电\n' >svc.csv
h venue import svc.csv >/dev/null
h venue show 上海点 --format json >sh.json
check_status "services changed, coordinates kept" 0 $py -c '
import json
d = json.load(open("sh.json"))
assert d["services"] == ["热水", "充电"] and abs(d["lat"] - 31.1774276) < 1e-7, d'
h venue edit 上海点 --address 浦东
printf 'name,address\n上海点,徐汇\n' >moved.csv
check_status "the same name at another address is not the same station" 1 \
	h venue import moved.csv
check_contains "says so" "line 2: a venue called '上海点' is at another address (浦东)" "$OUT"

# Demand points.
printf 'id,name,lat,lon,weight\nD1,社区甲,41.12,122.07,3000\nD2,骑手点,41.13,122.08,150\n' >demand.csv
check_status "demand import" 0 h demand import demand.csv
check_eq "two added" "2 added, 0 changed, 0 unchanged" "$OUT"
check_status "again" 0 h demand import demand.csv
check_eq "nothing changed" "0 added, 0 changed, 2 unchanged" "$OUT"
check_eq "demand ls --format tsv" "社区甲	41.1200000	122.0700000	3000	D1
骑手点	41.1300000	122.0800000	150	D2" "$(h demand ls --format tsv)"
printf 'name,lat,lon,weight\n无坐标,,,5\n负数,41,122,-1\n' >baddemand.csv
check_status "demand problems" 1 h demand import baddemand.csv
check_contains "a point needs coordinates" "line 2: a demand point needs coordinates" "$OUT"
check_contains "weights are not negative" "line 3: the weight must be a number" "$OUT"
check_status "demand rm" 0 h demand rm 骑手点
check_eq "one left" 1 "$(h demand ls --format tsv | wc -l | tr -d ' ')"
echo "1..$tap_n"
