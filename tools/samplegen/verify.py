#!/usr/bin/env python3
"""Checks the generated samples: IFC content and rules, geometry, COBie sheets and references,
IFC/COBie name agreement, byte-determinism, and the shared reference tools' summaries.

Run through tools/samplegen/verify. Prints one line per check and closes with
'N passed, N failed'; exits non-zero when anything failed.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ifcopenshell  # noqa: E402
import ifcopenshell.geom  # noqa: E402
import ifcopenshell.util.element as uel  # noqa: E402
import openpyxl  # noqa: E402

from cobie_writer import SHEETS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TIMING_KEYS = {"open_seconds", "geometry_seconds"}


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, what: str, detail: str = ""):
        if ok:
            self.passed += 1
            print("ok   %s" % what)
        else:
            self.failed += 1
            print("FAIL %s%s" % (what, (": " + detail) if detail else ""))
        return ok


_PSETS: dict[int, dict] = {}


def pset(el, name):
    """Property set by name; get_psets is cached per entity (the campus has ~400k attribute rows)."""
    key = el.id()
    if key not in _PSETS:
        _PSETS[key] = uel.get_psets(el)
    return _PSETS[key].get(name) or {}


def verify_ifc(path: str, c: Checks, min_racks: int = 40) -> dict:
    model = ifcopenshell.open(path)
    c.check(model.schema_identifier == "IFC4", "schema identifier is IFC4", model.schema_identifier)
    gids = [e.GlobalId for e in model.by_type("IfcRoot")]
    c.check(len(gids) == len(set(gids)), "GlobalIds unique", "%d duplicates" % (len(gids) - len(set(gids))))

    site = model.by_type("IfcSite")
    c.check(len(site) == 1 and site[0].RefLatitude and site[0].RefLongitude and site[0].RefElevation is not None,
            "one IfcSite with RefLatitude/RefLongitude/RefElevation")
    crs = model.by_type("IfcProjectedCRS")
    conv = model.by_type("IfcMapConversion")
    c.check(len(crs) == 1 and crs[0].Name == "EPSG:25832" and len(conv) == 1 and conv[0].Eastings > 0,
            "IfcMapConversion + IfcProjectedCRS EPSG:25832")
    buildings = model.by_type("IfcBuilding")
    storeys = model.by_type("IfcBuildingStorey")
    c.check(len(buildings) >= 1 and len(storeys) == 2 * len(buildings), "two storeys per building",
            "%d buildings, %d storeys" % (len(buildings), len(storeys)))
    c.check(sorted({round(s.Elevation, 3) for s in storeys}) == [0.0, 4.5], "storey elevations 0.0 and 4.5 m")

    spaces = model.by_type("IfcSpace")
    halls = [s for s in spaces if s.ObjectType == "Data hall"]
    aisles = [s for s in spaces if s.ObjectType in ("Cold aisle", "Hot aisle")]
    others = [s for s in spaces if s.ObjectType in ("Electrical room", "Office", "Circulation")]
    c.check(len(halls) == len(storeys) and len(others) >= 3 * len(storeys) and len(aisles) >= 2 * len(halls),
            "spaces: a data hall, aisles and other rooms on each storey",
            "%d halls, %d aisles, %d others" % (len(halls), len(aisles), len(others)))
    bad = []
    for s in spaces:
        q = uel.get_psets(s, qtos_only=True).get("Qto_SpaceBaseQuantities", {})
        p = pset(s, "Pset_SpaceCommon")
        rep = s.Representation.Representations[0].Items[0] if s.Representation else None
        geo_ok = (rep is not None and rep.is_a("IfcExtrudedAreaSolid")
                  and rep.SweptArea.is_a("IfcArbitraryClosedProfileDef") and rep.SweptArea.OuterCurve.is_a("IfcPolyline"))
        if not (q.get("NetFloorArea", 0) > 0 and q.get("Height", 0) > 0 and "Reference" in p and geo_ok):
            bad.append(s.Name)
    c.check(not bad, "every space: polyline extrusion, Pset_SpaceCommon, Qto NetFloorArea/Height", ", ".join(bad[:5]))
    bad = [a.Name for a in aisles if (uel.get_aggregate(a) is None or uel.get_aggregate(a).ObjectType != "Data hall")]
    c.check(not bad, "aisle sub-spaces aggregated into their data hall", ", ".join(bad[:5]))
    c.check(len(model.by_type("IfcWall")) >= 4 * len(storeys) and len(model.by_type("IfcSlab")) >= len(storeys),
            "walls and slabs present")

    racks = [f for f in model.by_type("IfcFurniture") if f.ObjectType == "Server Rack"]
    c.check(len(racks) >= min_racks, "at least %d racks" % min_racks, str(len(racks)))
    bad = [r.Name for r in racks if not (uel.get_type(r) and uel.get_type(r).is_a("IfcFurnitureType"))]
    c.check(not bad, "racks typed by IfcFurnitureType", ", ".join(bad[:5]))
    bad = [r.Name for r in racks if not (uel.get_container(r) and uel.get_container(r).is_a("IfcSpace"))]
    c.check(not bad, "racks contained in a space", ", ".join(bad[:5]))

    apps = model.by_type("IfcCommunicationsAppliance")
    servers = [a for a in apps if a.PredefinedType == "COMPUTER"]
    switches = [a for a in apps if a.PredefinedType == "NETWORKAPPLIANCE"]
    c.check(len(servers) > len(racks) and len(switches) >= len(racks), "servers and switches",
            "%d servers, %d switches" % (len(servers), len(switches)))
    bad = [a.Name for a in apps if not (uel.get_aggregate(a) and uel.get_aggregate(a).ObjectType == "Server Rack")]
    c.check(not bad, "every device aggregated into a rack", ", ".join(bad[:5]))

    # The importer's rules: U ranges inside the rack and disjoint, power and mass within budget.
    problems = []
    for r in racks:
        rp = pset(r, "Atrium_Rack")
        if not all(k in rp for k in ("UHeight", "MaxPowerW", "MaxWeightKg", "CoolingCapacityW", "RowName")):
            problems.append("%s: Atrium_Rack incomplete" % r.Name)
            continue
        used = set()
        power = weight = 0.0
        for d in uel.get_decomposition(r):
            dp = pset(d, "Atrium_Device")
            lo, h = dp.get("UPosition"), dp.get("UHeight")
            if not isinstance(lo, int) or not isinstance(h, int) or h < 1 or lo < 1 or lo + h - 1 > rp["UHeight"]:
                problems.append("%s: bad U range" % d.Name)
                continue
            span = set(range(lo, lo + h))
            if used & span:
                problems.append("%s: U overlap" % d.Name)
            used |= span
            power += dp.get("PowerDrawW", 0.0)
            weight += dp.get("WeightKg", 0.0)
            if not dp.get("AssetTag"):
                problems.append("%s: no AssetTag" % d.Name)
        if power > rp["MaxPowerW"]:
            problems.append("%s: %.0f W > %.0f W" % (r.Name, power, rp["MaxPowerW"]))
        if weight > rp["MaxWeightKg"]:
            problems.append("%s: %.0f kg > %.0f kg" % (r.Name, weight, rp["MaxWeightKg"]))
    c.check(not problems, "U ranges disjoint and within 1..UHeight; power and mass within budget",
            "; ".join(problems[:5]))

    cracs = [u for u in model.by_type("IfcUnitaryEquipment") if u.PredefinedType == "AIRCONDITIONINGUNIT"]
    upss = [u for u in model.by_type("IfcElectricFlowStorageDevice") if u.PredefinedType == "UPS"]
    pdus = [p for p in model.by_type("IfcElectricDistributionBoard") if p.ObjectType == "PDU"]
    c.check(len(cracs) >= 2 and len(upss) >= 2 and len(pdus) >= 2, "CRACs, UPSs and PDUs",
            "%d CRAC, %d UPS, %d PDU" % (len(cracs), len(upss), len(pdus)))
    sensors = model.by_type("IfcSensor")
    temps = [s for s in sensors if s.PredefinedType == "TEMPERATURESENSOR"]
    hums = [s for s in sensors if s.PredefinedType == "HUMIDITYSENSOR"]
    c.check(len(temps) >= len(racks) and len(hums) >= 1, "temperature sensor per rack and humidity sensors",
            "%d temperature, %d humidity" % (len(temps), len(hums)))
    bad = []
    for s in sensors:
        p = pset(s, "Atrium_Sensor")
        want = ("temperature", "degC") if s.PredefinedType == "TEMPERATURESENSOR" else ("humidity", "%RH")
        if (p.get("Measures"), p.get("Unit")) != want or not (0 < p.get("WarnHigh", 0) < p.get("AlarmHigh", 0)):
            bad.append(s.Name)
    c.check(not bad, "Atrium_Sensor on every sensor", ", ".join(bad[:5]))

    occurrences = racks + list(apps) + cracs + upss + pdus + list(sensors)
    bad = [o.Name for o in occurrences
           if set(pset(o, "Pset_ManufacturerOccurrence")) < {"SerialNumber", "BarCode", "AssetIdentifier"}]
    c.check(not bad, "Pset_ManufacturerOccurrence on every asset", ", ".join(bad[:5]))
    bad = [o.Name for o in occurrences
           if not (uel.get_type(o) and {"Manufacturer", "ModelLabel"} <= set(pset(uel.get_type(o),
                                                                                "Pset_ManufacturerTypeInformation")))]
    c.check(not bad, "every asset typed, type has Pset_ManufacturerTypeInformation", ", ".join(bad[:5]))

    zones = {z.Name: z for z in model.by_type("IfcZone")}
    cold = zones.get("Cold aisles Hall A") or next((z for n, z in zones.items() if n.endswith("Cold aisles Hall A")),
                                                   None)
    c.check(cold is not None and all(m.is_a("IfcSpace") for m in uel.get_grouped_by(cold))
            and len(uel.get_grouped_by(cold)) >= 1, "IfcZone 'Cold aisles Hall A' groups spaces")
    systems = {s.Name: s for s in model.by_type("IfcDistributionSystem")}

    def system(name):
        return systems.get(name) or next((s for n, s in systems.items() if n.endswith(" " + name)), None)

    power = system("Critical power A")
    members = uel.get_grouped_by(power) if power else []
    c.check(power is not None and power.PredefinedType == "ELECTRICAL"
            and any(m.is_a("IfcElectricFlowStorageDevice") for m in members)
            and any(m.is_a("IfcElectricDistributionBoard") for m in members),
            "system 'Critical power A' (ELECTRICAL) groups UPS + PDUs")
    cool = system("Cooling Hall A")
    members = uel.get_grouped_by(cool) if cool else []
    c.check(cool is not None and cool.PredefinedType in ("AIRCONDITIONING", "VENTILATION") and members
            and all(m.is_a("IfcUnitaryEquipment") for m in members), "system 'Cooling Hall A' groups CRACs")
    refs = [r for r in model.by_type("IfcClassificationReference")
            if r.ReferencedSource and r.ReferencedSource.Name == "OmniClass"]
    classified = [o for rel in model.by_type("IfcRelAssociatesClassification") if rel.RelatingClassification in refs
                  for o in rel.RelatedObjects]
    c.check(len(refs) >= 1 and len(classified) >= 2, "OmniClass classification references on types")

    counts = {"racks": len(racks), "servers": len(servers), "switches": len(switches), "sensors": len(sensors),
              "cracs": len(cracs), "ups": len(upss), "pdus": len(pdus), "spaces": len(spaces),
              "storeys": len(storeys), "zones": len(zones), "systems": len(systems),
              "walls": len(model.by_type("IfcWall")), "slabs": len(model.by_type("IfcSlab")),
              "instances": len(list(model))}
    return {"model": model, "counts": counts, "racks": racks}


def verify_schema(path: str, c: Checks):
    """ifcopenshell.validate: attribute types, cardinalities, inverses and the EXPRESS WHERE rules."""
    import ifcopenshell.validate as validate
    logger = validate.json_logger()
    validate.validate(path, logger, express_rules=True)
    issues = [s for s in logger.statements if str(s.get("level")).lower() in ("error", "warning", "critical")]
    c.check(not issues, "ifcopenshell.validate (schema + EXPRESS rules): no issues",
            "%d issues, first: %s" % (len(issues), str(issues[:1])[:300]))


def verify_geometry(model, racks, c: Checks) -> dict:
    """Tessellate every product that has a Body; devices must sit inside their rack's box."""
    want = {p.GlobalId: p for p in model.by_type("IfcProduct")
            if p.Representation and any(r.RepresentationIdentifier == "Body"
                                        for r in p.Representation.Representations)}
    settings = ifcopenshell.geom.settings()
    settings.set("use-world-coords", True)
    boxes = {}
    start = time.perf_counter()
    it = ifcopenshell.geom.iterator(settings, model, max(1, os.cpu_count() or 1))
    if it.initialize():
        while True:
            shape = it.get()
            v = shape.geometry.verts
            if v:
                xs, ys, zs = v[0::3], v[1::3], v[2::3]
                boxes[shape.guid] = (min(xs), min(ys), min(zs), max(xs), max(ys), max(zs))
            if not it.next():
                break
    seconds = time.perf_counter() - start
    missing = [want[g].Name for g in want if g not in boxes]
    c.check(not missing, "tessellated all %d products with a Body" % len(want),
            "%d missing, e.g. %s" % (len(missing), ", ".join(map(str, missing[:5]))))
    outside = []
    for r in racks:
        rb = boxes.get(r.GlobalId)
        for d in uel.get_decomposition(r):
            db = boxes.get(d.GlobalId)
            if rb is None or db is None:
                continue
            if not all(rb[i] - 1e-3 <= db[i] and db[i + 3] <= rb[i + 3] + 1e-3 for i in range(3)):
                outside.append(d.Name)
    c.check(not outside, "every device's box lies inside its rack's box", ", ".join(outside[:5]))
    # Layout: every contained element lies inside its space's box, and no two racks intersect.
    escaped = []
    for rel in model.by_type("IfcRelContainedInSpatialStructure"):
        sb = boxes.get(rel.RelatingStructure.GlobalId)
        if not rel.RelatingStructure.is_a("IfcSpace") or sb is None:
            continue
        for el in rel.RelatedElements:
            eb = boxes.get(el.GlobalId)
            if eb is None or not all(sb[i] - 1e-3 <= eb[i] and eb[i + 3] <= sb[i + 3] + 1e-3 for i in range(3)):
                escaped.append(el.Name)
    c.check(not escaped, "every element contained in a space lies inside it", ", ".join(escaped[:5]))
    rb = sorted(boxes[r.GlobalId] for r in racks if r.GlobalId in boxes)
    clash = []
    for i, a in enumerate(rb):
        for b in rb[i + 1:]:
            if b[0] >= a[3] - 1e-6:
                break
            if all(a[k] < b[k + 3] - 1e-6 and b[k] < a[k + 3] - 1e-6 for k in range(3)):
                clash.append("%s/%s" % (a, b))
    c.check(not clash, "no two racks intersect", "; ".join(clash[:3]))
    # Storey-level sanity: level 01 racks sit 4.5 m above level 00 racks.
    zs = sorted({round(boxes[r.GlobalId][2], 3) for r in racks if r.GlobalId in boxes})
    c.check(zs == [0.0, 4.5], "racks stand on the floors at z = 0.0 and 4.5 m", str(zs))
    return {"products": len(want), "tessellated": len(boxes), "seconds": round(seconds, 2)}


def read_sheets(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    out = {}
    for ws in wb.worksheets:
        rows = [["" if v is None else v for v in r] for r in ws.iter_rows(values_only=True)]
        out[ws.title] = rows
    return out, [ws.title for ws in wb.worksheets]


def verify_cobie(path: str, model, c: Checks) -> dict:
    sheets, order = read_sheets(path)
    expected = list(SHEETS) + ["PickLists"]
    c.check(order == expected, "COBie sheets present in the standard order", str(order))
    bad = [n for n, h in SHEETS.items() if n != "Instruction" and [str(x) for x in sheets[n][0]] != h]
    c.check(not bad, "COBie 2.4 headers in the standard order", ", ".join(bad))

    def table(name):
        rows = sheets[name]
        header = [str(h) for h in rows[0]]
        return [dict(zip(header, r)) for r in rows[1:] if any(str(v).strip() for v in r)]

    t = {n: table(n) for n in SHEETS if n != "Instruction"}
    names = {n: {str(r["Name"]) for r in t[n]} for n in ("Floor", "Space", "Type", "Component", "Resource")}
    emails = {r["Email"] for r in t["Contact"]}
    problems = []

    def need(ok, msg):
        if not ok:
            problems.append(msg)

    for sheet, rows in t.items():
        for r in rows:
            need(r.get("CreatedBy") in emails, "%s %s: CreatedBy not a contact" % (sheet, r.get("Name")))
    for r in t["Space"]:
        need(r["FloorName"] in names["Floor"], "Space %s: floor %s" % (r["Name"], r["FloorName"]))
    for r in t["Zone"]:
        need(all(s in names["Space"] for s in str(r["SpaceNames"]).split(",")), "Zone %s" % r["Name"])
    for r in t["Type"]:
        need(r["Manufacturer"] in emails and r["WarrantyGuarantorParts"] in emails, "Type %s contacts" % r["Name"])
        need(float(r["WarrantyDurationParts"]) > 0 and r["WarrantyDurationUnit"] == "year", "Type %s warranty" % r["Name"])
    for r in t["Component"]:
        need(r["TypeName"] in names["Type"], "Component %s: type %s" % (r["Name"], r["TypeName"]))
        need(r["Space"] in names["Space"], "Component %s: space %s" % (r["Name"], r["Space"]))
    for r in t["System"]:
        need(all(x in names["Component"] for x in str(r["ComponentNames"]).split(",")), "System %s" % r["Name"])
    for r in t["Assembly"]:
        need(r["ParentName"] in names["Component"] and
             all(x in names["Component"] for x in str(r["ChildNames"]).split(",")), "Assembly %s" % r["Name"])
    for r in t["Connection"]:
        need(r["RowName1"] in names["Component"] and r["RowName2"] in names["Component"], "Connection %s" % r["Name"])
    for r in t["Spare"]:
        need(r["TypeName"] in names["Type"] and r["Suppliers"] in emails, "Spare %s" % r["Name"])
    for r in t["Job"]:
        need(r["TypeName"] in names["Type"], "Job %s type" % r["Name"])
        need(all(x in names["Resource"] for x in str(r["ResourceNames"]).split(",")), "Job %s resources" % r["Name"])
        need(float(r["Frequency"]) > 0 and r["FrequencyUnit"] in ("month", "year") and r["DurationUnit"] == "hour",
             "Job %s units" % r["Name"])
    for sheet in ("Attribute", "Coordinate", "Document"):
        for r in t[sheet]:
            need(r["RowName"] in names.get(r["SheetName"], ()), "%s %s: %s/%s" % (sheet, r["Name"], r["SheetName"],
                                                                                  r["RowName"]))
    c.check(not problems, "COBie references resolve (floors, spaces, types, components, contacts, resources)",
            "; ".join(problems[:5]))
    c.check(len(t["Spare"]) >= 2 and len(t["Job"]) >= 2, "spares and PM jobs present")

    # Same facility: the names in the IFC and the workbook agree.
    assets = ("IfcFurniture", "IfcCommunicationsAppliance", "IfcUnitaryEquipment", "IfcElectricFlowStorageDevice",
              "IfcElectricDistributionBoard", "IfcSensor")
    ifc_components = {e.Name for cls in assets for e in model.by_type(cls)}
    c.check(ifc_components == names["Component"], "Component names == IFC asset names",
            "%d only in IFC, %d only in COBie" % (len(ifc_components - names["Component"]),
                                                 len(names["Component"] - ifc_components)))
    c.check({s.Name for s in model.by_type("IfcSpace")} == names["Space"], "Space names == IfcSpace names")
    c.check({s.Name for s in model.by_type("IfcBuildingStorey")} == names["Floor"], "Floor names == storey names")
    c.check({s.Name for s in model.by_type("IfcTypeObject")} == names["Type"], "Type names == IFC type names")
    c.check({z.Name for z in model.by_type("IfcZone")} == {r["Name"] for r in t["Zone"]}, "Zone names agree")
    c.check({z.Name for z in model.by_type("IfcDistributionSystem")} == {r["Name"] for r in t["System"]},
            "System names agree")
    # Attribute values equal the IFC property values.
    by_name = {e.Name: e for cls in assets for e in model.by_type(cls)}
    mismatch = []
    for r in t["Attribute"]:
        el = by_name.get(r["RowName"])
        got = pset(el, r["ExtObject"]).get(r["Name"]) if el is not None else None
        if got is None or str(got) != str(r["Value"]) and not _num_eq(got, r["Value"]):
            mismatch.append("%s.%s" % (r["RowName"], r["Name"]))
    c.check(not mismatch, "Attribute rows (%d) equal the IFC Atrium_* values" % len(t["Attribute"]),
            ", ".join(mismatch[:5]))
    return {n: len(v) for n, v in t.items()}


def _num_eq(a, b):
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify_determinism(ifc, xlsx, c: Checks):
    """Regenerate twice into scratch directories; both runs must equal the files under test."""
    digests = []
    for _ in range(2):
        with tempfile.TemporaryDirectory() as d:
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "-o", d], check=True,
                           stderr=subprocess.DEVNULL)
            digests.append((sha256(os.path.join(d, "atrium-dc.ifc")), sha256(os.path.join(d, "atrium-dc-cobie.xlsx"))))
    c.check(digests[0] == digests[1], "two runs produce identical bytes (sha256)", str(digests))
    c.check(digests[0] == (sha256(ifc), sha256(xlsx)), "samples/ match a fresh run (regenerate with tools/samplegen/run)")


def strip_timing(obj):
    if isinstance(obj, dict):
        return {k: strip_timing(v) for k, v in obj.items() if k not in TIMING_KEYS}
    if isinstance(obj, list):
        return [strip_timing(v) for v in obj]
    return obj


def load_json(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        return json.load(f)


def verify_reference(ifc, xlsx, ref_dir, shared_tools, update, c: Checks):
    """Run shared/tools/{ifc,cobie}-reference; compare with (or write) samples/reference/."""
    if not os.path.isdir(shared_tools):
        print("skip reference tools: %s not found (shared material absent)" % shared_tools)
        return
    os.makedirs(ref_dir, exist_ok=True)
    jobs = [("ifc-reference", ifc, os.path.join(ref_dir, "atrium-dc.ifc.json.gz"), ["--geometry"]),
            ("cobie-reference", xlsx, os.path.join(ref_dir, "atrium-dc-cobie.xlsx.json"), [])]
    for tool, src, dst, extra in jobs:
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, os.path.basename(dst))
            subprocess.run([sys.executable, os.path.join(shared_tools, tool), src, "-o", out] + extra, check=True)
            fresh = load_json(out)
            if update or not os.path.exists(dst):
                # gzip stores a name and mtime; write through GzipFile with both fixed for stable bytes.
                text = json.dumps(fresh, indent=1).encode()
                if dst.endswith(".gz"):
                    with open(dst, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as z:
                        z.write(text)
                else:
                    with open(dst, "wb") as f:
                        f.write(text + b"\n")
                print("wrote %s" % os.path.relpath(dst))
            c.check(strip_timing(load_json(dst)) == strip_timing(fresh), "%s output matches %s" % (
                tool, os.path.relpath(dst)))


def main():
    root = os.environ.get("ATRIUM_ROOT") or os.path.abspath(os.path.join(HERE, "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ifc", default=os.path.join(root, "samples", "atrium-dc.ifc"))
    ap.add_argument("--xlsx", default=os.path.join(root, "samples", "atrium-dc-cobie.xlsx"))
    ap.add_argument("--min-racks", type=int, default=40)
    ap.add_argument("--skip-determinism", action="store_true")
    ap.add_argument("--skip-reference", action="store_true")
    ap.add_argument("--skip-validate", action="store_true", help="skip ifcopenshell.validate --rules (slow)")
    ap.add_argument("--skip-geometry", action="store_true", help="skip tessellation (minutes for a campus)")
    ap.add_argument("--update-reference", action="store_true", help="rewrite samples/reference/ from the tools")
    ap.add_argument("--shared-tools", default=os.path.join(root, "..", "shared", "tools"))
    args = ap.parse_args()
    c = Checks()
    t0 = time.perf_counter()
    ifc = verify_ifc(args.ifc, c, args.min_racks)
    if not args.skip_validate:
        verify_schema(args.ifc, c)
    geo = None if args.skip_geometry else verify_geometry(ifc["model"], ifc["racks"], c)
    cobie = verify_cobie(args.xlsx, ifc["model"], c) if os.path.exists(args.xlsx) else None
    if cobie is None:
        c.check(False, "workbook present", args.xlsx)
    if not args.skip_determinism:
        verify_determinism(args.ifc, args.xlsx, c)
    if not args.skip_reference:
        verify_reference(args.ifc, args.xlsx, os.path.join(root, "samples", "reference"),
                         os.path.abspath(args.shared_tools), args.update_reference, c)
    print(json.dumps({"ifc_bytes": os.path.getsize(args.ifc), "counts": ifc["counts"], "geometry": geo,
                      "cobie_rows": cobie, "verify_seconds": round(time.perf_counter() - t0, 1)}, indent=1))
    print("%d passed, %d failed" % (c.passed, c.failed))
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
