"""Writes the plan as a COBie 2.4 (US) workbook with openpyxl.

Column headers and their order follow the COBie 2.4 US template. Conventions this writer keeps
(the importer relies on them, see README.md):
- Zone and System: one row per (group, member) pair; the group name repeats.
- Attribute: Name = property name, ExtObject = IFC property set name (Atrium_Rack, ...),
  SheetName/RowName = the owning row, Unit = unit symbol.
- Type.Manufacturer and warranty guarantors are Contact emails, as COBie requires.
The xlsx is re-zipped with fixed entry timestamps so that its bytes do not depend on the clock.
"""
from __future__ import annotations

import datetime
import io
import re
import zipfile

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

import plan as P
from ifc_writer import stable_guid as gid

SHEETS: dict[str, list[str]] = {
    "Instruction": ["Title", "COBie2"],
    "Contact": ["Email", "CreatedBy", "CreatedOn", "Category", "Company", "Phone", "ExternalSystem",
                "ExternalObject", "ExternalIdentifier", "Department", "OrganizationCode", "GivenName", "FamilyName",
                "Street", "PostalBox", "Town", "StateRegion", "PostalCode", "Country"],
    "Facility": ["Name", "CreatedBy", "CreatedOn", "Category", "ProjectName", "SiteName", "LinearUnits", "AreaUnits",
                 "VolumeUnits", "CurrencyUnit", "AreaMeasurement", "ExternalSystem", "ExternalProjectObject",
                 "ExternalProjectIdentifier", "ExternalSiteObject", "ExternalSiteIdentifier",
                 "ExternalFacilityObject", "ExternalFacilityIdentifier", "Description", "ProjectDescription",
                 "SiteDescription", "Phase"],
    "Floor": ["Name", "CreatedBy", "CreatedOn", "Category", "ExtSystem", "ExtObject", "ExtIdentifier", "Description",
              "Elevation", "Height"],
    "Space": ["Name", "CreatedBy", "CreatedOn", "Category", "FloorName", "Description", "ExtSystem", "ExtObject",
              "ExtIdentifier", "RoomTag", "UsableHeight", "GrossArea", "NetArea"],
    "Zone": ["Name", "CreatedBy", "CreatedOn", "Category", "SpaceNames", "ExtSystem", "ExtObject", "ExtIdentifier",
             "Description"],
    "Type": ["Name", "CreatedBy", "CreatedOn", "Category", "Description", "AssetType", "Manufacturer", "ModelNumber",
             "WarrantyGuarantorParts", "WarrantyDurationParts", "WarrantyGuarantorLabor", "WarrantyDurationLabor",
             "WarrantyDurationUnit", "ExtSystem", "ExtObject", "ExtIdentifier", "ReplacementCost", "ExpectedLife",
             "DurationUnit", "WarrantyDescription", "NominalLength", "NominalWidth", "NominalHeight",
             "ModelReference", "Shape", "Size", "Color", "Finish", "Grade", "Material", "Constituents", "Features",
             "AccessibilityPerformance", "CodePerformance", "SustainabilityPerformance"],
    "Component": ["Name", "CreatedBy", "CreatedOn", "TypeName", "Space", "Description", "ExtSystem", "ExtObject",
                  "ExtIdentifier", "SerialNumber", "InstallationDate", "WarrantyStartDate", "TagNumber", "BarCode",
                  "AssetIdentifier"],
    "System": ["Name", "CreatedBy", "CreatedOn", "Category", "ComponentNames", "ExtSystem", "ExtObject",
               "ExtIdentifier", "Description"],
    "Assembly": ["Name", "CreatedBy", "CreatedOn", "SheetName", "ParentName", "ChildNames", "AssemblyType",
                 "ExtSystem", "ExtObject", "ExtIdentifier", "Description"],
    "Connection": ["Name", "CreatedBy", "CreatedOn", "ConnectionType", "SheetName", "RowName1", "RowName2",
                   "RealizingElement", "PortName1", "PortName2", "ExtSystem", "ExtObject", "ExtIdentifier",
                   "Description"],
    "Spare": ["Name", "CreatedBy", "CreatedOn", "Category", "TypeName", "Suppliers", "ExtSystem", "ExtObject",
              "ExtIdentifier", "Description", "SetNumber", "PartNumber"],
    "Resource": ["Name", "CreatedBy", "CreatedOn", "Category", "ExtSystem", "ExtObject", "ExtIdentifier",
                 "Description"],
    "Job": ["Name", "CreatedBy", "CreatedOn", "Category", "Status", "TypeName", "Description", "Duration",
            "DurationUnit", "Start", "TaskStartUnit", "Frequency", "FrequencyUnit", "ExtSystem", "ExtObject",
            "ExtIdentifier", "TaskNumber", "Priors", "ResourceNames"],
    "Impact": ["Name", "CreatedBy", "CreatedOn", "ImpactType", "ImpactStage", "SheetName", "RowName", "Value",
               "ImpactUnit", "LeadInTime", "Duration", "LeadOutTime", "ExtSystem", "ExtObject", "ExtIdentifier",
               "Description"],
    "Document": ["Name", "CreatedBy", "CreatedOn", "Category", "ApprovalBy", "Stage", "SheetName", "RowName",
                 "Directory", "File", "ExtSystem", "ExtObject", "ExtIdentifier", "Description", "Reference"],
    "Attribute": ["Name", "CreatedBy", "CreatedOn", "Category", "SheetName", "RowName", "Value", "Unit", "ExtSystem",
                  "ExtObject", "ExtIdentifier", "Description", "AllowedValues"],
    "Coordinate": ["Name", "CreatedBy", "CreatedOn", "Category", "SheetName", "RowName", "CoordinateXAxis",
                   "CoordinateYAxis", "CoordinateZAxis", "ExtSystem", "ExtObject", "ExtIdentifier",
                   "ClockwiseRotation", "ElevationalRotation", "YawRotation"],
    "Issue": ["Name", "CreatedBy", "CreatedOn", "Type", "Risk", "Chance", "Impact", "SheetName1", "RowName1",
              "SheetName2", "RowName2", "Description", "Owner", "Mitigation", "ExtSystem", "ExtObject",
              "ExtIdentifier"],
}

# A short PickLists sheet: the columns the rows above draw from, with the values this sample uses.
PICKLISTS: dict[str, list[str]] = {
    "AreaUnit": ["square meters"],
    "LinearUnit": ["meters"],
    "VolumeUnit": ["cubic meters"],
    "CostUnit": ["Euros"],
    "DurationUnit": ["minute", "hour", "day", "week", "month", "year"],
    "AssetType": ["Fixed", "Moveable"],
    "Category-Role": ["Facility manager", "Manufacturer", "Supplier"],
    "JobStatusType": ["Not Yet Started", "Started", "Completed"],
    "JobType": ["PM", "Inspection", "Safety"],
    "ResourceType": ["Tools", "Materials", "Training"],
    "SpareType": ["Part", "Replacement", "Lubricant"],
    "ZoneType": ["Thermal", "Circulation Zone", "Fire Alarm Zone"],
    "ConnectionType": ["Power", "Data"],
    "AssemblyType": ["Fixed", "Layer", "Patterned", "Separable"],
    "DocumentType": ["Operations and maintenance manual", "Warranty", "Specification"],
    "StageType": ["Requirement", "Design", "As Built"],
    "ApprovalBy": ["Information Only", "Approved"],
}

EXT = "Atrium samplegen"
CONTACT_PRIMARY = P.CREATED_BY


def _rows(plan: P.Plan) -> dict[str, list[list]]:
    c = P.CREATED_BY
    t0 = P.CREATED_ON
    na = "n/a"
    rows: dict[str, list[list]] = {name: [] for name in SHEETS}
    rows["Instruction"] = [
        ["Purpose", "Atrium sample data centre, COBie 2.4 (US) deliverable generated by tools/samplegen."],
        ["Source", "Same facility and names as samples/atrium-dc.ifc (IFC4)."],
        ["Conventions", "Zone and System: one row per member. Attribute: ExtObject is the IFC property set name."],
        ["Fictitious data", "Manufacturers, contacts and serial numbers are invented; domains are .example."],
    ]
    # Contacts: the facility manager plus one per manufacturer (Type.Manufacturer must name a contact).
    rows["Contact"].append([c, c, t0, "Facility manager", "Atrium Sample Operations", "+49 69 0000000", EXT,
                            "IfcPersonAndOrganization", na, "Critical Facilities", "ASO", "Mira", "Lenz",
                            "Am Rebstockpark 1", na, "Frankfurt am Main", "Hessen", "60486", "Germany"])
    makers = {}
    for t in plan.types:
        makers.setdefault(t.manufacturer_email, t.manufacturer)
    for email, company in makers.items():
        rows["Contact"].append([email, c, t0, "Manufacturer", company, na, EXT, "IfcOrganization", na, na, na, na,
                                na, na, na, na, na, na, na])
    for b in plan.buildings:
        rows["Facility"].append([b.code, c, t0, "13-11 00 00: Data center facility", plan.project, plan.site,
                                 "meters", "square meters", "cubic meters", "Euros", "Net floor area (Qto)", EXT,
                                 "IfcProject", gid("project"), "IfcSite", gid("site"), "IfcBuilding", gid("building/%s" % b.code), b.name,
                                 "Atrium sample facility for import tests and demos", plan.site_long, "Operation"])
        for st in b.storeys:
            rows["Floor"].append([st.name, c, t0, "Floor", EXT, "IfcBuildingStorey", gid("storey/%s" % st.name), st.long_name,
                                  st.elevation, P.STOREY_HEIGHT])
        for sp in b.spaces:
            height = P.RACK_H + 0.2 if sp.parent else sp.height
            rows["Space"].append([sp.name, c, t0, sp.category, sp.storey.name, sp.long_name, EXT, "IfcSpace",
                                  gid("space/%s" % sp.name), sp.name.split("-", 1)[1], round(height, 3), sp.area, sp.area])
    for g in plan.groups:
        for m in g.members:
            if g.kind == "zone":
                rows["Zone"].append([g.name, c, t0, g.predefined, m, EXT, "IfcZone", gid("zone/%s" % g.name), g.description])
            else:
                cat = "Electrical" if g.predefined == "ELECTRICAL" else "Air conditioning"
                rows["System"].append([g.name, c, t0, cat, m, EXT, "IfcDistributionSystem", gid("system/%s" % g.name), g.description])
    for t in plan.types:
        w, d, h = t.size
        rows["Type"].append([
            t.name, c, t0, t.cobie_category, t.description, "Moveable" if t.key in ("srv1u", "srv2u", "srv4u", "tor",
                                                                                   "ts", "hs") else "Fixed",
            t.manufacturer_email, t.model_label, t.manufacturer_email, t.warranty_years, t.manufacturer_email,
            t.warranty_years, "year", EXT, t.ifc_type, gid("type/%s" % t.key), t.replacement_cost, t.expected_life_years, "year",
            "Manufacturer's standard warranty, parts and labour", round(d, 4), round(w, 4), round(h, 4),
            t.model_reference, na, ("%dU" % t.u_height) if t.u_height else na, na, na, na, na, na, na, na, na, na])
    attr = rows["Attribute"]
    coord = rows["Coordinate"]

    def add_attr(sheet, row, pset, name, value, unit, desc):
        attr.append([name, c, t0, "Submitted", sheet, row, value, unit, EXT, pset, name, desc, na])

    for b in plan.buildings:
        for rack in b.racks:
            rows["Component"].append([rack.name, c, t0, "Rack 42U 600x1200", rack.hall.name, "Row %s" % rack.row,
                                      EXT, "IfcFurniture", gid("rack/%s" % rack.name), rack.serial, P.INSTALLED_ON, P.INSTALLED_ON,
                                      rack.name, rack.barcode, rack.asset_id])
            add_attr("Component", rack.name, "Atrium_Rack", "UHeight", 42, "U", "Usable rack units")
            add_attr("Component", rack.name, "Atrium_Rack", "MaxPowerW", rack.max_power_w, "W", "Power budget")
            add_attr("Component", rack.name, "Atrium_Rack", "MaxWeightKg", rack.max_weight_kg, "kg",
                     "Maximum installed equipment mass")
            add_attr("Component", rack.name, "Atrium_Rack", "CoolingCapacityW", rack.cooling_w, "W",
                     "Heat the rack position can reject")
            add_attr("Component", rack.name, "Atrium_Rack", "RowName", rack.row, na, "Rack row")
            x, y = rack.origin
            coord.append([rack.name, c, t0, "point", "Component", rack.name, round(x + b.origin[0], 4),
                          round(y + b.origin[1], 4), rack.hall.storey.elevation, EXT, "IfcLocalPlacement", na,
                          0 if rack.facing == 1 else 180, 0, 0])
            for pdu in rack.pdus:
                rows["Connection"].append(["%s to %s" % (pdu, rack.name), c, t0, "Power", "Component", pdu,
                                           rack.name, na, "Outlet", "Inlet-" + pdu[-1], EXT, na, na,
                                           "Feed %s" % pdu[-1]])
            if rack.devices:
                rows["Assembly"].append(["%s devices" % rack.name, c, t0, "Component", rack.name,
                                         ",".join(d.name for d in rack.devices), "Separable", EXT, "IfcRelAggregates",
                                         na, "Devices mounted in %s" % rack.name])
            for d in rack.devices:
                rows["Component"].append([d.name, c, t0, d.type.name, rack.hall.name,
                                          "%s in %s at U%d" % (d.type.name, rack.name, d.u_position), EXT,
                                          d.type.ifc_class, gid("device/%s" % d.name), d.serial, P.INSTALLED_ON, P.INSTALLED_ON, d.name,
                                          d.barcode, d.asset_id])
                add_attr("Component", d.name, "Atrium_Device", "UPosition", d.u_position, "U", "Lowest occupied U")
                add_attr("Component", d.name, "Atrium_Device", "UHeight", d.u_height, "U", "Occupied rack units")
                add_attr("Component", d.name, "Atrium_Device", "PowerDrawW", d.type.power_w, "W", "Nominal draw")
                add_attr("Component", d.name, "Atrium_Device", "WeightKg", d.type.weight_kg, "kg", "Mass")
                add_attr("Component", d.name, "Atrium_Device", "AssetTag", d.asset_id, na, "Asset tag")
        for eq in b.equipment:
            rows["Component"].append([eq.name, c, t0, eq.type.name, eq.space.name, eq.type.description, EXT,
                                      eq.type.ifc_class, gid("equipment/%s" % eq.name), eq.serial, P.INSTALLED_ON, P.INSTALLED_ON, eq.name,
                                      eq.barcode, eq.asset_id])
            if eq.sensor:
                s = eq.sensor
                add_attr("Component", eq.name, "Atrium_Sensor", "Measures", s["Measures"], na, "Measured quantity")
                add_attr("Component", eq.name, "Atrium_Sensor", "Unit", s["Unit"], na, "Unit of readings")
                add_attr("Component", eq.name, "Atrium_Sensor", "WarnHigh", s["WarnHigh"], s["Unit"], "Warning")
                add_attr("Component", eq.name, "Atrium_Sensor", "AlarmHigh", s["AlarmHigh"], s["Unit"], "Alarm")
    # Maintenance: spares, resources and PM jobs for the CRAC and UPS types.
    types = {t.key: t for t in plan.types}
    crac, ups = types["crac"].name, types["ups"].name
    rows["Spare"] += [
        ["CRAC filter set G4", c, t0, "Part", crac, types["crac"].manufacturer_email, EXT, na, na,
         "Set of four G4 panel filters", "4", "NF-F100-G4"],
        ["CRAC EC fan module", c, t0, "Replacement", crac, types["crac"].manufacturer_email, EXT, na, na,
         "Plug-in EC fan module", "1", "NF-ECF-560"],
        ["UPS battery string", c, t0, "Replacement", ups, types["ups"].manufacturer_email, EXT, na, na,
         "40 x 12 V VRLA blocks", "40", "OP-BAT-12V100"],
        ["UPS power module", c, t0, "Replacement", ups, types["ups"].manufacturer_email, EXT, na, na,
         "Hot-swappable 50 kVA module", "1", "OP-PM50"],
    ]
    rows["Resource"] += [
        ["Filter puller", c, t0, "Tools", EXT, na, na, "Hook tool for downflow filter racks"],
        ["Battery analyser", c, t0, "Tools", EXT, na, na, "Internal-resistance battery tester"],
        ["Insulated tool kit", c, t0, "Tools", EXT, na, na, "1000 V insulated hand tools"],
        ["HV electrical training", c, t0, "Training", EXT, na, na, "Qualified electrician, UPS vendor certified"],
    ]
    rows["Job"] += [
        ["CRAC filter replacement", c, t0, "PM", "Not Yet Started", crac, "Replace the G4 filter set", 1, "hour",
         P.INSTALLED_ON, "month", 3, "month", EXT, na, na, 1, na, "Filter puller"],
        ["CRAC annual service", c, t0, "PM", "Not Yet Started", crac,
         "Coil cleaning, valve and fan checks, condensate pump test", 4, "hour", P.INSTALLED_ON, "year", 1, "year",
         EXT, na, na, 2, 1, "Filter puller"],
        ["UPS battery test", c, t0, "PM", "Not Yet Started", ups, "Battery impedance test of all strings", 2, "hour",
         P.INSTALLED_ON, "month", 6, "month", EXT, na, na, 1, na, "Battery analyser,Insulated tool kit"],
        ["UPS annual service", c, t0, "PM", "Not Yet Started", ups,
         "Vendor service: firmware, capacitor check, bypass transfer test", 6, "hour", P.INSTALLED_ON, "year", 1,
         "year", EXT, na, na, 2, 1, "Insulated tool kit,HV electrical training"],
    ]
    rows["Document"] += [
        ["CRAC O&M manual", c, t0, "Operations and maintenance manual", "Information Only", "As Built", "Type", crac,
         "manuals/norrfrost", "NF-CW100-OM.pdf", EXT, na, na, "Operation and maintenance manual", na],
        ["UPS O&M manual", c, t0, "Operations and maintenance manual", "Information Only", "As Built", "Type", ups,
         "manuals/ostrava", "OP-M500-OM.pdf", EXT, na, na, "Operation and maintenance manual", na],
    ]
    return rows


def write_cobie(plan: P.Plan, path: str) -> dict[str, int]:
    wb = openpyxl.Workbook(write_only=True)
    wb.properties.creator = "Atrium samplegen"
    wb.properties.lastModifiedBy = "Atrium samplegen"
    fixed = datetime.datetime(2026, 1, 15, 9, 0, 0)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.title = "COBie 2.4 %s" % plan.project
    rows = _rows(plan)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFFF99")
    counts = {}
    for name, header in SHEETS.items():
        ws = wb.create_sheet(name)
        cells = []
        for h in header:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = bold
            cell.fill = fill
            cells.append(cell)
        ws.append(cells)
        for r in rows[name]:
            if len(r) != len(header) and name != "Instruction":
                raise ValueError("%s row has %d cells, header %d: %r" % (name, len(r), len(header), r[:3]))
            ws.append(r)
        counts[name] = len(rows[name])
    ws = wb.create_sheet("PickLists")
    cols = list(PICKLISTS)
    ws.append(cols)
    depth = max(len(v) for v in PICKLISTS.values())
    for i in range(depth):
        ws.append([PICKLISTS[k][i] if i < len(PICKLISTS[k]) else None for k in cols])
    counts["PickLists"] = depth
    buf = io.BytesIO()
    wb.save(buf)
    _rezip(buf.getvalue(), path)
    return counts


def _rezip(data: bytes, path: str) -> None:
    """Copy the workbook zip with fixed entry timestamps and a fixed modified date (openpyxl stamps the clock)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            out = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 15, 9, 0, 0))
            out.compress_type = zipfile.ZIP_DEFLATED
            out.external_attr = 0o600 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps dcterms:modified with the clock at save time, whatever we set.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2026-01-15T09:00:00Z\g<2>", data)
            dst.writestr(out, data)
