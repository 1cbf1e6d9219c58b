"""Writes the plan as an IFC4 STEP file with IfcOpenShell.

The project skeleton (project, site, units, representation contexts) goes through ifcopenshell.api;
the spatial tree is linked with plain IfcRelAggregates because api.aggregate.assign_object rewrites
the children's placements and deep-removes the old ones, which deletes the points this writer shares
between placements. The thousands of repeated entities (racks, devices, property sets) are created
with file.create_entity directly, because the api's per-call bookkeeping makes a campus of
thousands of racks take many minutes. Repeated shapes are type RepresentationMaps instanced with
IfcMappedItem, the way authoring tools export furniture and equipment, which also keeps files small.

Every GlobalId is ifcopenshell.guid.compress(uuid5(namespace, stable key)) so that the output is
byte-identical on every run.
"""
from __future__ import annotations

import math
import uuid

import ifcopenshell
import ifcopenshell.api.context
import ifcopenshell.api.root
import ifcopenshell.api.unit
import ifcopenshell.guid

import plan as P

NAMESPACE = uuid.UUID("6f1c3a52-2d0e-5b8e-9a57-41a7e1d0c0de")


def stable_guid(key: str) -> str:
    return ifcopenshell.guid.compress(uuid.uuid5(NAMESPACE, key).hex)


class IFCWriter:
    def __init__(self, plan: P.Plan, file_name: str):
        self.plan = plan
        self.file_name = file_name
        self.f = ifcopenshell.file(schema="IFC4")
        self._points: dict[tuple, object] = {}
        self._dirs: dict[tuple, object] = {}
        self._keys: set[str] = set()
        self.type_objects: dict[str, object] = {}
        self.type_shapes: dict[str, object] = {}
        self.occurrences: dict[str, list] = {}
        self.by_name: dict[str, object] = {}

    # -- small helpers -------------------------------------------------------------------------
    def root(self, cls: str, key: str, **attrs):
        """Create a rooted entity with a GlobalId derived from a stable key (unique per file)."""
        if key in self._keys:
            raise ValueError("duplicate stable key %r" % key)
        self._keys.add(key)
        return self.f.create_entity(cls, GlobalId=stable_guid(key), **attrs)

    def pt(self, *xyz):
        k = tuple(round(float(v), 6) for v in xyz)
        p = self._points.get(k)
        if p is None:
            p = self._points[k] = self.f.create_entity("IfcCartesianPoint", Coordinates=k)
        return p

    def dir(self, *xyz):
        k = tuple(float(v) for v in xyz)
        d = self._dirs.get(k)
        if d is None:
            d = self._dirs[k] = self.f.create_entity("IfcDirection", DirectionRatios=k)
        return d

    def axis3(self, x=0.0, y=0.0, z=0.0, ref=(1.0, 0.0, 0.0)):
        if ref == (1.0, 0.0, 0.0):
            return self.f.create_entity("IfcAxis2Placement3D", Location=self.pt(x, y, z))
        return self.f.create_entity("IfcAxis2Placement3D", Location=self.pt(x, y, z),
                                    Axis=self.dir(0.0, 0.0, 1.0), RefDirection=self.dir(*ref))

    def placement(self, rel_to, x=0.0, y=0.0, z=0.0, ref=(1.0, 0.0, 0.0)):
        return self.f.create_entity("IfcLocalPlacement", PlacementRelTo=rel_to,
                                    RelativePlacement=self.axis3(x, y, z, ref))

    def box(self, dx, dy, dz, x=0.0, y=0.0, z=0.0):
        profile = self.f.create_entity(
            "IfcRectangleProfileDef", ProfileType="AREA",
            Position=self.f.create_entity("IfcAxis2Placement2D", Location=self._pt2(dx / 2, dy / 2)),
            XDim=dx, YDim=dy)
        return self.f.create_entity("IfcExtrudedAreaSolid", SweptArea=profile, Position=self.axis3(x, y, z),
                                    ExtrudedDirection=self.dir(0.0, 0.0, 1.0), Depth=dz)

    def _pt2(self, x, y):
        k = (round(float(x), 6), round(float(y), 6))
        p = self._points.get(k)
        if p is None:
            p = self._points[k] = self.f.create_entity("IfcCartesianPoint", Coordinates=k)
        return p

    def prism(self, polygon, depth, z=0.0):
        pts = [self._pt2(x, y) for x, y in polygon]
        line = self.f.create_entity("IfcPolyline", Points=pts + [pts[0]])
        profile = self.f.create_entity("IfcArbitraryClosedProfileDef", ProfileType="AREA", OuterCurve=line)
        return self.f.create_entity("IfcExtrudedAreaSolid", SweptArea=profile, Position=self.axis3(0.0, 0.0, z),
                                    ExtrudedDirection=self.dir(0.0, 0.0, 1.0), Depth=depth)

    def body(self, *items, kind="SweptSolid"):
        rep = self.f.create_entity("IfcShapeRepresentation", ContextOfItems=self.body_ctx,
                                   RepresentationIdentifier="Body", RepresentationType=kind, Items=list(items))
        return self.f.create_entity("IfcProductDefinitionShape", Representations=[rep])

    def value(self, measure: str, v):
        return self.f.create_entity(measure, v)

    def pset(self, key: str, name: str, props: list[tuple[str, str, object]], objects=None):
        """Property set from (name, IFC measure type, value); attached by one IfcRelDefinesByProperties."""
        values = [self.f.create_entity("IfcPropertySingleValue", Name=n, NominalValue=self.value(t, v))
                  for n, t, v in props]
        ps = self.root("IfcPropertySet", "pset/%s/%s" % (key, name), Name=name, HasProperties=values)
        if objects:
            self.root("IfcRelDefinesByProperties", "rel-pset/%s/%s" % (key, name),
                      RelatedObjects=list(objects), RelatingPropertyDefinition=ps)
        return ps

    # -- the model -------------------------------------------------------------------------------
    def build(self):
        f = self.f
        plan = self.plan
        self.project = ifcopenshell.api.root.create_entity(f, ifc_class="IfcProject", name=plan.project)
        self.project.GlobalId = stable_guid("project")
        self.project.LongName = "Atrium sample facility for import tests and demos"
        self.project.Phase = "Operation"
        self._units()
        model = ifcopenshell.api.context.add_context(f, context_type="Model")
        model.Precision = 1e-05
        angle = math.radians(P.TRUE_NORTH_DEG)
        model.TrueNorth = f.create_entity("IfcDirection", DirectionRatios=(round(math.sin(angle), 9),
                                                                           round(math.cos(angle), 9)))
        self.body_ctx = ifcopenshell.api.context.add_context(f, context_type="Model", context_identifier="Body",
                                                             target_view="MODEL_VIEW", parent=model)
        self._georeference(model, angle)
        self._types()

        site = ifcopenshell.api.root.create_entity(f, ifc_class="IfcSite", name=plan.site)
        site.GlobalId = stable_guid("site")
        site.LongName = plan.site_long
        site.CompositionType = "ELEMENT"
        site.RefLatitude = _dms(P.SITE_LAT)
        site.RefLongitude = _dms(P.SITE_LON)
        site.RefElevation = P.SITE_ELEVATION
        site.ObjectPlacement = self.placement(None)
        self.root("IfcRelAggregates", "agg/project", RelatingObject=self.project, RelatedObjects=[site])
        buildings = []
        for b in plan.buildings:
            buildings.append(self._building(b, site))
        self.root("IfcRelAggregates", "agg/site", RelatingObject=site, RelatedObjects=buildings)
        self._type_relations()
        self._groups()
        self._classification()
        self._fix_api_guids()
        self._header()

    def _units(self):
        f = self.f
        si = lambda t, n, prefix=None: f.create_entity("IfcSIUnit", UnitType=t, Prefix=prefix, Name=n)
        self.metre = si("LENGTHUNIT", "METRE")
        units = [self.metre, si("AREAUNIT", "SQUARE_METRE"), si("VOLUMEUNIT", "CUBIC_METRE"),
                 si("PLANEANGLEUNIT", "RADIAN"), si("MASSUNIT", "GRAM", "KILO"), si("POWERUNIT", "WATT"),
                 si("THERMODYNAMICTEMPERATUREUNIT", "DEGREE_CELSIUS"), si("TIMEUNIT", "SECOND")]
        ifcopenshell.api.unit.assign_unit(f, units=units)

    def _georeference(self, model, angle):
        f = self.f
        crs = f.create_entity("IfcProjectedCRS", Name="EPSG:25832", Description="ETRS89 / UTM zone 32N",
                              GeodeticDatum="ETRS89", VerticalDatum="DHHN2016", MapProjection="UTM", MapZone="32N",
                              MapUnit=self.metre)
        f.create_entity("IfcMapConversion", SourceCRS=model, TargetCRS=crs, Eastings=self.plan.eastings,
                        Northings=self.plan.northings, OrthogonalHeight=P.SITE_ELEVATION,
                        XAxisAbscissa=round(math.cos(angle), 9), XAxisOrdinate=round(math.sin(angle), 9), Scale=1.0)

    def _types(self):
        for t in self.plan.types:
            attrs = dict(Name=t.name, Description=t.description, PredefinedType=t.predefined)
            if t.element_type:
                attrs["ElementType"] = t.element_type
            if t.ifc_type == "IfcFurnitureType":
                attrs["AssemblyPlace"] = "FACTORY"
            ty = self.root(t.ifc_type, "type/%s" % t.key, **attrs)
            mapped = self.f.create_entity(
                "IfcShapeRepresentation", ContextOfItems=self.body_ctx, RepresentationIdentifier="Body",
                RepresentationType="SweptSolid", Items=[self.box(*t.size)])
            rmap = self.f.create_entity("IfcRepresentationMap", MappingOrigin=self.axis3(),
                                        MappedRepresentation=mapped)
            ty.RepresentationMaps = [rmap]
            props = [("Manufacturer", "IfcLabel", t.manufacturer), ("ModelLabel", "IfcLabel", t.model_label),
                     ("ModelReference", "IfcLabel", t.model_reference)]
            ty.HasPropertySets = [self.pset("type/%s" % t.key, "Pset_ManufacturerTypeInformation", props)]
            self.type_objects[t.key] = ty
            self.occurrences[t.key] = []

    def _building(self, b: P.Building, site):
        f = self.f
        bx, by = b.origin
        bld = self.root("IfcBuilding", "building/%s" % b.code, Name=b.code, LongName=b.name,
                        CompositionType="ELEMENT", ObjectPlacement=self.placement(site.ObjectPlacement, bx, by, 0.0),
                        ElevationOfRefHeight=P.SITE_ELEVATION)
        self.by_name[b.code] = bld
        storeys = []
        contained: dict[str, list] = {}
        for st in b.storeys:
            s = self.root("IfcBuildingStorey", "storey/%s" % st.name, Name=st.name, LongName=st.long_name,
                          CompositionType="ELEMENT", Elevation=st.elevation,
                          ObjectPlacement=self.placement(bld.ObjectPlacement, 0.0, 0.0, st.elevation))
            storeys.append(s)
            self.by_name[st.name] = s
            contained[st.name] = []
            # Slabs: floor under each storey, roof over the top one.
            bw, bd = b.size
            e = P.EXT_WALL / 2
            outline = [(-e, -e), (bw + e, -e), (bw + e, bd + e), (-e, bd + e)]
            slabs = [("FLOOR", "SLAB", -P.SLAB)]
            if st is b.storeys[-1]:
                slabs.append(("ROOF", "ROOF", P.CLEAR_HEIGHT))
            for kind, label, z in slabs:
                name = "%s-%s" % (st.name.replace(" Level ", "-"), label)
                slab = self.root("IfcSlab", "slab/%s" % name, Name=name, PredefinedType=kind,
                                 ObjectPlacement=self.placement(s.ObjectPlacement),
                                 Representation=self.body(self.prism(outline, P.SLAB, z)))
                contained[st.name].append(slab)
        self.root("IfcRelAggregates", "agg/building/%s" % b.code, RelatingObject=bld, RelatedObjects=storeys)
        for w in b.walls:
            (x0, y0), (x1, y1) = w.start, w.end
            length = math.hypot(x1 - x0, y1 - y0)
            ux, uy = (x1 - x0) / length, (y1 - y0) / length
            ext = w.thickness / 2 if w.thickness == P.EXT_WALL else 0.0
            st_ent = self.by_name[w.storey.name]
            wall = self.root("IfcWall", "wall/%s" % w.name, Name=w.name, PredefinedType="SOLIDWALL",
                             ObjectPlacement=self.placement(st_ent.ObjectPlacement, x0, y0, 0.0, (ux, uy, 0.0)),
                             Representation=self.body(self.box(length + 2 * ext, w.thickness, P.CLEAR_HEIGHT,
                                                               -ext, -w.thickness / 2, 0.0)))
            contained[w.storey.name].append(wall)
        # Spaces: rooms aggregate into their storey, aisles into their hall.
        parts: dict[str, list] = {}
        space_contents: dict[str, list] = {}
        for sp in b.spaces:
            st_ent = self.by_name[sp.storey.name]
            height = P.RACK_H + 0.2 if sp.parent else sp.height
            ent = self.root("IfcSpace", "space/%s" % sp.name, Name=sp.name, LongName=sp.long_name,
                            ObjectType=sp.category, CompositionType="PARTIAL" if sp.parent else "ELEMENT",
                            PredefinedType="INTERNAL", ObjectPlacement=self.placement(st_ent.ObjectPlacement),
                            Representation=self.body(self.prism(sp.polygon, height)))
            self.by_name[sp.name] = ent
            parts.setdefault(sp.parent.name if sp.parent else sp.storey.name, []).append(ent)
            self.pset("space/%s" % sp.name, "Pset_SpaceCommon", [
                ("Reference", "IfcIdentifier", sp.name.split("-", 1)[1]),
                ("IsExternal", "IfcBoolean", False),
                ("NetPlannedArea", "IfcAreaMeasure", sp.area),
                ("PubliclyAccessible", "IfcBoolean", False),
                ("HandicapAccessible", "IfcBoolean", not sp.parent and sp.category != "Electrical room"),
            ], [ent])
            q = [f.create_entity("IfcQuantityLength", Name="Height", LengthValue=round(height, 4)),
                 f.create_entity("IfcQuantityArea", Name="GrossFloorArea", AreaValue=sp.area),
                 f.create_entity("IfcQuantityArea", Name="NetFloorArea", AreaValue=sp.area),
                 f.create_entity("IfcQuantityVolume", Name="NetVolume", VolumeValue=round(sp.area * height, 3))]
            qto = self.root("IfcElementQuantity", "qto/%s" % sp.name, Name="Qto_SpaceBaseQuantities",
                            MethodOfMeasurement="BaseQuantities", Quantities=q)
            self.root("IfcRelDefinesByProperties", "rel-qto/%s" % sp.name, RelatedObjects=[ent],
                      RelatingPropertyDefinition=qto)
        for whole, items in parts.items():
            self.root("IfcRelAggregates", "agg/%s" % whole, RelatingObject=self.by_name[whole], RelatedObjects=items)

        for rack in b.racks:
            space_contents.setdefault(rack.hall.name, []).append(self._rack(rack))
        for eq in b.equipment:
            space_contents.setdefault(eq.space.name, []).append(self._equipment(eq))
        for name, items in contained.items():
            self.root("IfcRelContainedInSpatialStructure", "contain/%s" % name, RelatingStructure=self.by_name[name],
                      RelatedElements=items)
        for name, items in space_contents.items():
            self.root("IfcRelContainedInSpatialStructure", "contain/%s" % name, RelatingStructure=self.by_name[name],
                      RelatedElements=items)
        return bld

    def type_shape(self, t: P.ProductType):
        """One shape per type, shared by its occurrences: legal (ShapeOfProduct is a set) and compact.

        Made on first use: an IfcProductDefinitionShape without a product violates ShapeOfProduct [1:?].
        """
        shape = self.type_shapes.get(t.key)
        if shape is None:
            item = self.f.create_entity(
                "IfcMappedItem", MappingSource=self.type_objects[t.key].RepresentationMaps[0],
                MappingTarget=self.f.create_entity("IfcCartesianTransformationOperator3D",
                                                   LocalOrigin=self.pt(0.0, 0.0, 0.0)))
            shape = self.type_shapes[t.key] = self.body(item, kind="MappedRepresentation")
        return shape

    def _occurrence(self, t: P.ProductType, name: str, placement, key: str, **extra):
        attrs = dict(Name=name, ObjectPlacement=placement, Representation=self.type_shape(t),
                     PredefinedType=t.predefined)
        if t.element_type:
            attrs["ObjectType"] = t.element_type
        attrs.update(extra)
        ent = self.root(t.ifc_class, key, **attrs)
        self.occurrences[t.key].append(ent)
        self.by_name[name] = ent
        return ent

    def _manufacturer_occurrence(self, key, ent, serial, barcode, asset_id):
        self.pset(key, "Pset_ManufacturerOccurrence", [
            ("SerialNumber", "IfcIdentifier", serial), ("BarCode", "IfcIdentifier", barcode),
            ("AssetIdentifier", "IfcIdentifier", asset_id)], [ent])

    def _rack(self, rack: P.Rack):
        st = self.by_name[rack.hall.storey.name]
        ref = (1.0, 0.0, 0.0) if rack.facing == 1 else (-1.0, 0.0, 0.0)
        t = self.plan_type("rack")
        ent = self._occurrence(t, rack.name, self.placement(st.ObjectPlacement, *rack.origin, 0.0, ref),
                               "rack/%s" % rack.name, Description="Row %s" % rack.row)
        self._manufacturer_occurrence("rack/%s" % rack.name, ent, rack.serial, rack.barcode, rack.asset_id)
        self.pset("rack/%s" % rack.name, "Atrium_Rack", [
            ("UHeight", "IfcInteger", t.u_height), ("MaxPowerW", "IfcPowerMeasure", rack.max_power_w),
            ("MaxWeightKg", "IfcMassMeasure", rack.max_weight_kg),
            ("CoolingCapacityW", "IfcPowerMeasure", rack.cooling_w), ("RowName", "IfcLabel", rack.row)], [ent])
        parts = []
        for d in rack.devices:
            z = P.RACK_PLINTH + (d.u_position - 1) * P.U_METRES
            dev = self._occurrence(d.type, d.name, self.placement(ent.ObjectPlacement,
                                                                   (P.RACK_W - P.DEVICE_W) / 2, 0.05, z),
                                   "device/%s" % d.name, Description="%s in %s" % (d.type.name, rack.name))
            self._manufacturer_occurrence("device/%s" % d.name, dev, d.serial, d.barcode, d.asset_id)
            self.pset("device/%s" % d.name, "Atrium_Device", [
                ("UPosition", "IfcInteger", d.u_position), ("UHeight", "IfcInteger", d.u_height),
                ("PowerDrawW", "IfcPowerMeasure", d.type.power_w), ("WeightKg", "IfcMassMeasure", d.type.weight_kg),
                ("AssetTag", "IfcIdentifier", d.asset_id)], [dev])
            parts.append(dev)
        if parts:
            self.root("IfcRelAggregates", "agg/%s" % rack.name, RelatingObject=ent, RelatedObjects=parts)
        return ent

    def _equipment(self, eq: P.Equipment):
        st = self.by_name[eq.space.storey.name]
        ref = (1.0, 0.0, 0.0) if eq.rotation == 0 else (-1.0, 0.0, 0.0)
        ent = self._occurrence(eq.type, eq.name, self.placement(st.ObjectPlacement, *eq.origin, ref),
                               "equipment/%s" % eq.name)
        self._manufacturer_occurrence("equipment/%s" % eq.name, ent, eq.serial, eq.barcode, eq.asset_id)
        if eq.sensor:
            s = eq.sensor
            self.pset("equipment/%s" % eq.name, "Atrium_Sensor", [
                ("Measures", "IfcLabel", s["Measures"]), ("Unit", "IfcLabel", s["Unit"]),
                ("WarnHigh", "IfcReal", s["WarnHigh"]), ("AlarmHigh", "IfcReal", s["AlarmHigh"])], [ent])
        return ent

    def plan_type(self, key):
        for t in self.plan.types:
            if t.key == key:
                return t
        raise KeyError(key)

    def _type_relations(self):
        for t in self.plan.types:
            occ = self.occurrences[t.key]
            if occ:
                self.root("IfcRelDefinesByType", "deftype/%s" % t.key, RelatingType=self.type_objects[t.key],
                          RelatedObjects=occ)

    def _groups(self):
        for g in self.plan.groups:
            members = [self.by_name[n] for n in g.members]
            if g.kind == "zone":
                grp = self.root("IfcZone", "zone/%s" % g.name, Name=g.name, Description=g.description,
                                ObjectType=g.predefined)
            else:
                grp = self.root("IfcDistributionSystem", "system/%s" % g.name, Name=g.name,
                                Description=g.description, PredefinedType=g.predefined)
                self.root("IfcRelServicesBuildings", "services/%s" % g.name, RelatingSystem=grp,
                          RelatedBuildings=[self.by_name[g.building.code]])
            self.root("IfcRelAssignsToGroup", "group/%s" % g.name, RelatedObjects=members, RelatingGroup=grp)

    def _classification(self):
        f = self.f
        cls = f.create_entity("IfcClassification", Source="OmniClass", Edition="2012", Name="OmniClass",
                              Description="OmniClass Table 23 Products; codes in this sample are illustrative")
        refs: dict[str, tuple] = {}
        for t in self.plan.types:
            if t.omniclass:
                refs.setdefault(t.omniclass[0], (t.omniclass[1], []))[1].append(self.type_objects[t.key])
        self.root("IfcRelAssociatesClassification", "classification/OmniClass/root",
                  Name="OmniClass", RelatedObjects=[self.project], RelatingClassification=cls)
        for code, (title, objects) in refs.items():
            ref = f.create_entity("IfcClassificationReference", Identification=code, Name=title,
                                  ReferencedSource=cls)
            self.root("IfcRelAssociatesClassification", "classification/OmniClass/%s" % code, Name=code,
                      RelatedObjects=objects, RelatingClassification=ref)

    def _fix_api_guids(self):
        """The api gave its own entities random GlobalIds; replace them by stable ones."""
        seen: dict[str, int] = {}
        fixed = {stable_guid(k) for k in self._keys} | {stable_guid("project"), stable_guid("site")}
        for ent in self.f.by_type("IfcRoot"):
            if ent.GlobalId in fixed:
                continue
            base = "%s/%s" % (ent.is_a(), ent.Name or "")
            if ent.is_a("IfcRelAggregates"):
                base = "agg/%s" % ent.RelatingObject.GlobalId
            n = seen.get(base, 0)
            seen[base] = n + 1
            ent.GlobalId = stable_guid("api/%s/%d" % (base, n))

    def _header(self):
        h = self.f.header
        h.file_description.description = ("ViewDefinition [ReferenceView_V1.2]",)
        h.file_description.implementation_level = "2;1"
        h.file_name.name = self.file_name
        h.file_name.time_stamp = P.CREATED_ON
        h.file_name.author = ("Atrium samplegen",)
        h.file_name.organization = ("Atrium",)
        h.file_name.preprocessor_version = "IfcOpenShell %s" % ifcopenshell.version
        h.file_name.originating_system = "Atrium samplegen 1.0"
        h.file_name.authorization = "none"

    def write(self, path: str):
        self.f.write(path)


def _dms(deg: float) -> tuple[int, int, int, int]:
    """IfcCompoundPlaneAngleMeasure: degrees, minutes, seconds, millionths of a second (same sign)."""
    sign = -1 if deg < 0 else 1
    total = round(abs(deg) * 3600 * 1_000_000)
    micro = total % 1_000_000
    secs = total // 1_000_000
    return (sign * (secs // 3600), sign * ((secs // 60) % 60), sign * (secs % 60), sign * micro)


def write_ifc(plan: P.Plan, path: str) -> IFCWriter:
    import os
    w = IFCWriter(plan, os.path.basename(path))
    w.build()
    w.write(path)
    return w
