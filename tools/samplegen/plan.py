"""The facility plan: every name, position and value of the sample data centre, computed once.

Both writers (IFC and COBie) read this plan, so the two files describe the same facility with the
same names. Everything here is deterministic: a seeded random.Random per rack, no clocks, no hashes
of Python objects.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

# Fixed moments so that re-running produces identical bytes.
CREATED_ON = "2026-01-15T09:00:00"
INSTALLED_ON = "2025-11-03T00:00:00"
CREATED_BY = "facilities@atrium-sample.example"

U_METRES = 0.04445  # one rack unit (1.75 in)
RACK_W, RACK_D, RACK_H = 0.6, 1.2, 2.0
RACK_PLINTH = 0.1  # height of U1's bottom face above the rack's floor
DEVICE_W = 0.482  # 19-inch equipment width

STOREY_HEIGHT = 4.5
SLAB = 0.3
CLEAR_HEIGHT = STOREY_HEIGHT - SLAB
EXT_WALL, INT_WALL = 0.3, 0.15

# Hot/cold aisle block: rack row, cold aisle, rack row, hot aisle.
COLD_AISLE, HOT_AISLE = 1.8, 1.2

# Site: a plausible plot in Frankfurt am Main, Germany (a data-centre hub); EPSG:25832 = ETRS89/UTM 32N.
SITE_LAT, SITE_LON, SITE_ELEVATION = 50.0992, 8.6303, 102.0
TRUE_NORTH_DEG = 12.0  # project +y axis is rotated 12 degrees west of grid north


@dataclass(frozen=True)
class ProductType:
    """A catalogue product; becomes an IFC type object and a COBie Type row."""
    key: str
    name: str
    ifc_type: str
    ifc_class: str
    predefined: str
    element_type: str | None
    manufacturer: str
    manufacturer_email: str
    model_label: str
    model_reference: str
    size: tuple[float, float, float]  # x (width), y (depth), z (height) in metres
    u_height: int = 0
    power_w: float = 0.0
    weight_kg: float = 0.0
    omniclass: tuple[str, str] | None = None  # (code, title); illustrative, see README
    cobie_category: str = ""
    warranty_years: int = 3
    expected_life_years: int = 10
    replacement_cost: float = 0.0
    description: str = ""


@dataclass
class Device:
    name: str
    type: ProductType
    u_position: int  # lowest occupied U, 1-based
    serial: str
    barcode: str
    asset_id: str

    @property
    def u_height(self) -> int:
        return self.type.u_height


@dataclass
class Rack:
    name: str
    row: str
    hall: "Space"
    # Rack-local frame: origin at the front-left-bottom corner, +x along the row, +y front->back.
    origin: tuple[float, float]  # storey coordinates of the local origin
    facing: int  # +1: front faces -y (local axes = storey axes); -1: rotated 180 degrees
    max_power_w: float
    max_weight_kg: float
    cooling_w: float
    serial: str
    barcode: str
    asset_id: str
    devices: list[Device] = field(default_factory=list)
    pdus: list[str] = field(default_factory=list)

    def local_to_storey(self, x: float, y: float) -> tuple[float, float]:
        ox, oy = self.origin
        return (ox + x, oy + y) if self.facing == 1 else (ox - x, oy - y)


@dataclass
class Equipment:
    """Floor-standing equipment: CRAC, UPS, PDU, sensor."""
    name: str
    type: ProductType
    space: "Space"
    origin: tuple[float, float, float]  # storey coordinates of the box's min corner (after rotation)
    rotation: int  # 0 or 180 degrees about z
    serial: str
    barcode: str
    asset_id: str
    sensor: dict | None = None  # Atrium_Sensor values


@dataclass
class Space:
    name: str
    long_name: str
    storey: "Storey"
    polygon: list[tuple[float, float]]  # storey coordinates, counter-clockwise
    category: str
    parent: "Space | None" = None
    height: float = CLEAR_HEIGHT

    @property
    def area(self) -> float:
        pts = self.polygon
        s = 0.0
        for i in range(len(pts)):
            x1, y1 = pts[i]
            x2, y2 = pts[(i + 1) % len(pts)]
            s += x1 * y2 - x2 * y1
        return round(abs(s) / 2.0, 3)


@dataclass
class Storey:
    name: str
    long_name: str
    elevation: float
    building: "Building"


@dataclass
class Wall:
    name: str
    storey: Storey
    start: tuple[float, float]
    end: tuple[float, float]
    thickness: float


@dataclass
class Building:
    code: str
    name: str
    origin: tuple[float, float]
    size: tuple[float, float]
    storeys: list[Storey] = field(default_factory=list)
    spaces: list[Space] = field(default_factory=list)
    walls: list[Wall] = field(default_factory=list)
    racks: list[Rack] = field(default_factory=list)
    equipment: list[Equipment] = field(default_factory=list)


@dataclass
class Group:
    """A zone (spaces) or a distribution system (components)."""
    name: str
    kind: str  # "zone" | "system"
    predefined: str  # IfcDistributionSystemEnum for systems, zone category for zones
    description: str
    members: list[str]
    building: Building


@dataclass
class Plan:
    project: str
    site: str
    site_long: str
    buildings: list[Building]
    types: list[ProductType]
    groups: list[Group]
    eastings: float
    northings: float


def _types() -> list[ProductType]:
    """Fictitious manufacturers (example.* domains) with realistic figures."""
    return [
        ProductType("rack", "Rack 42U 600x1200", "IfcFurnitureType", "IfcFurniture", "USERDEFINED", "Server Rack",
                    "Halvard Enclosures", "orders@halvard-enclosures.example", "HE-R42-612", "HE-R42-612-BK",
                    (RACK_W, RACK_D, RACK_H), u_height=42, weight_kg=150.0,
                    omniclass=("23-33 15 11", "Equipment Racks"), cobie_category="23-33 15 11: Equipment Racks",
                    warranty_years=10, expected_life_years=20, replacement_cost=1850.0,
                    description="42U 19-inch server rack, 600 mm wide, 1200 mm deep, perforated doors"),
        ProductType("srv1u", "Server 1U compute", "IfcCommunicationsApplianceType", "IfcCommunicationsAppliance",
                    "COMPUTER", None, "Vantor Systems", "support@vantor-systems.example", "VX-110", "VX-110-2S-512G",
                    (DEVICE_W, 0.8, 1 * U_METRES), u_height=1, power_w=420.0, weight_kg=18.5,
                    omniclass=("23-33 15 13", "Servers"), cobie_category="23-33 15 13: Servers",
                    warranty_years=3, expected_life_years=5, replacement_cost=9400.0,
                    description="Dual-socket 1U compute node"),
        ProductType("srv2u", "Server 2U storage", "IfcCommunicationsApplianceType", "IfcCommunicationsAppliance",
                    "COMPUTER", None, "Vantor Systems", "support@vantor-systems.example", "VX-240S", "VX-240S-24NVME",
                    (DEVICE_W, 0.8, 2 * U_METRES), u_height=2, power_w=750.0, weight_kg=31.0,
                    omniclass=("23-33 15 13", "Servers"), cobie_category="23-33 15 13: Servers",
                    warranty_years=3, expected_life_years=5, replacement_cost=17800.0,
                    description="2U storage node with 24 NVMe bays"),
        ProductType("srv4u", "Server 4U GPU", "IfcCommunicationsApplianceType", "IfcCommunicationsAppliance",
                    "COMPUTER", None, "Vantor Systems", "support@vantor-systems.example", "VX-480G", "VX-480G-8GPU",
                    (DEVICE_W, 0.9, 4 * U_METRES), u_height=4, power_w=3200.0, weight_kg=62.0,
                    omniclass=("23-33 15 13", "Servers"), cobie_category="23-33 15 13: Servers",
                    warranty_years=3, expected_life_years=5, replacement_cost=210000.0,
                    description="4U accelerator node with 8 GPUs"),
        ProductType("tor", "Switch 1U 48x25G", "IfcCommunicationsApplianceType", "IfcCommunicationsAppliance",
                    "NETWORKAPPLIANCE", None, "Keldan Networks", "tac@keldan-networks.example", "KN-4825",
                    "KN-4825-AC-F2B", (DEVICE_W, 0.5, 1 * U_METRES), u_height=1, power_w=350.0, weight_kg=9.5,
                    omniclass=("23-33 15 15", "Network Switches"), cobie_category="23-33 15 15: Network Switches",
                    warranty_years=5, expected_life_years=7, replacement_cost=14500.0,
                    description="Top-of-rack switch, 48 x 25G + 8 x 100G"),
        ProductType("crac", "CRAC 100kW downflow", "IfcUnitaryEquipmentType", "IfcUnitaryEquipment",
                    "AIRCONDITIONINGUNIT", None, "Norrfrost Climate", "service@norrfrost.example", "NF-CW100",
                    "NF-CW100-D", (0.9, 2.5, 1.95), power_w=7500.0, weight_kg=620.0,
                    cobie_category="23-75 30 17: Computer Room Air Conditioning Units",
                    warranty_years=2, expected_life_years=15, replacement_cost=48000.0,
                    description="Chilled-water computer room air conditioner, downflow, EC fans"),
        ProductType("ups", "UPS 500kVA modular", "IfcElectricFlowStorageDeviceType", "IfcElectricFlowStorageDevice",
                    "UPS", None, "Ostrava Power", "service@ostrava-power.example", "OP-M500", "OP-M500-10x50",
                    (2.4, 0.9, 2.0), power_w=0.0, weight_kg=1450.0,
                    cobie_category="23-80 30 17: Uninterruptible Power Supplies",
                    warranty_years=2, expected_life_years=15, replacement_cost=165000.0,
                    description="Modular double-conversion UPS, 10 x 50 kVA power modules"),
        ProductType("pdu", "Floor PDU 150kVA", "IfcElectricDistributionBoardType", "IfcElectricDistributionBoard",
                    "USERDEFINED", "PDU", "Ostrava Power", "service@ostrava-power.example", "OP-FP150",
                    "OP-FP150-42W", (0.6, 0.8, 1.8), weight_kg=420.0,
                    cobie_category="23-80 30 21: Power Distribution Units",
                    warranty_years=2, expected_life_years=20, replacement_cost=23000.0,
                    description="Floor-standing power distribution unit with 42 monitored branch circuits"),
        ProductType("ts", "Rack temperature sensor", "IfcSensorType", "IfcSensor", "TEMPERATURESENSOR", None,
                    "Sentrel Instruments", "info@sentrel.example", "ST-20", "ST-20-POE", (0.08, 0.03, 0.08),
                    power_w=1.5, weight_kg=0.1, cobie_category="23-85 10 17: Sensors",
                    warranty_years=2, expected_life_years=8, replacement_cost=95.0,
                    description="PoE temperature probe for rack inlet air"),
        ProductType("hs", "Rack humidity sensor", "IfcSensorType", "IfcSensor", "HUMIDITYSENSOR", None,
                    "Sentrel Instruments", "info@sentrel.example", "SH-20", "SH-20-POE", (0.08, 0.03, 0.08),
                    power_w=1.5, weight_kg=0.1, cobie_category="23-85 10 17: Sensors",
                    warranty_years=2, expected_life_years=8, replacement_cost=140.0,
                    description="PoE relative humidity and temperature probe"),
    ]


# What each row of a hall holds, cycling: (label, server type key, rack power budget W, servers min..max)
ROW_KINDS = [
    ("compute", "srv1u", 12000.0, 10, 18),
    ("compute", "srv1u", 12000.0, 8, 16),
    ("storage", "srv2u", 12000.0, 6, 12),
    ("gpu", "srv4u", 20000.0, 3, 5),
]


def utm32(lat_deg: float, lon_deg: float) -> tuple[float, float]:
    """Geographic (ETRS89/GRS80) to UTM zone 32N, Snyder's series; mm accuracy is plenty here."""
    a = 6378137.0
    f = 1 / 298.257222101
    k0 = 0.9996
    e2 = f * (2 - f)
    ep2 = e2 / (1 - e2)
    phi = math.radians(lat_deg)
    lam = math.radians(lon_deg - 9.0)
    n = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    t = math.tan(phi) ** 2
    c = ep2 * math.cos(phi) ** 2
    aa = lam * math.cos(phi)
    e4, e6 = e2 * e2, e2 * e2 * e2
    m = a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi
             - (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * math.sin(2 * phi)
             + (15 * e4 / 256 + 45 * e6 / 1024) * math.sin(4 * phi)
             - (35 * e6 / 3072) * math.sin(6 * phi))
    x = k0 * n * (aa + (1 - t + c) * aa ** 3 / 6 + (5 - 18 * t + t * t + 72 * c - 58 * ep2) * aa ** 5 / 120)
    y = k0 * (m + n * math.tan(phi) * (aa ** 2 / 2 + (5 - t + 9 * c + 4 * c * c) * aa ** 4 / 24
                                        + (61 - 58 * t + t * t + 600 * c - 330 * ep2) * aa ** 6 / 720))
    return round(x + 500000.0, 3), round(y, 3)


def _rect(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    return [(round(x0, 4), round(y0, 4)), (round(x1, 4), round(y0, 4)),
            (round(x1, 4), round(y1, 4)), (round(x0, 4), round(y1, 4))]


class _Ids:
    """Serials, barcodes and asset ids: seeded, so identical on every run."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.asset = 0

    def next(self, prefix: str) -> tuple[str, str, str]:
        self.asset += 1
        serial = "%s%08d" % (prefix, self.rng.randrange(10 ** 8))
        barcode = "%013d" % self.rng.randrange(10 ** 12, 10 ** 13)
        return serial, barcode, "AT-%06d" % self.asset


def build_plan(buildings: int = 1, racks_per_hall: int = 32, seed: int = 20260115) -> Plan:
    if buildings < 1 or racks_per_hall < 1:
        raise ValueError("need at least one building and one rack per hall")
    types = _types()
    by_key = {t.key: t for t in types}
    ids = _Ids(seed)
    east, north = utm32(SITE_LAT, SITE_LON)
    plan = Plan("Atrium Sample Data Centre", "Frankfurt West Campus", "Atrium sample campus, Frankfurt am Main",
                [], types, [], east, north)
    campus = buildings > 1
    racks_per_row = 8 if racks_per_hall <= 32 else 16
    n_rows = math.ceil(racks_per_hall / racks_per_row)
    n_pairs = math.ceil(n_rows / 2)
    margin_y = 3.0
    hall_d = max(18.0, round(2 * margin_y + HOT_AISLE + n_pairs * (2 * RACK_D + COLD_AISLE + HOT_AISLE), 3))
    row_x0 = 4.5  # west margin keeps room for the CRAC line
    pdu_gap = 0.9  # PDU (0.6) + 0.3 clearance at each row end
    hall_w = max(16.0, round(row_x0 + 2 * pdu_gap + racks_per_row * RACK_W + 3.0, 3))
    corridor, side = 3.0, 10.0
    bw, bd = hall_w + corridor + side, hall_d

    for b in range(buildings):
        code = "DC%d" % (b + 1)
        gp = ("%s " % code) if campus else ""  # group-name prefix, only needed to keep campus names unique
        bld = Building(code, "%s Data Centre Building %d" % (code, b + 1), (b * (bw + 30.0), 0.0), (bw, bd))
        plan.buildings.append(bld)
        power_feeds: dict[str, list[str]] = {"A": [], "B": []}
        for level, hall_letter in ((0, "A"), (1, "B")):
            st = Storey("%s Level %02d" % (code, level), "Level %02d" % level, level * STOREY_HEIGHT, bld)
            bld.storeys.append(st)
            # Walls on the grid lines (axes); spaces are the cells inset by half a wall thickness.
            xs = [0.0, hall_w, hall_w + corridor, bw]
            e, i = EXT_WALL / 2, INT_WALL / 2
            def wall(name, p, q, t):
                bld.walls.append(Wall("%s-%02d-%s" % (code, level, name), st, p, q, t))
            wall("W-S", (0.0, 0.0), (bw, 0.0), EXT_WALL)
            wall("W-N", (0.0, bd), (bw, bd), EXT_WALL)
            wall("W-W", (0.0, 0.0), (0.0, bd), EXT_WALL)
            wall("W-E", (bw, 0.0), (bw, bd), EXT_WALL)
            wall("W-HALL", (xs[1], 0.0), (xs[1], bd), INT_WALL)
            wall("W-COR", (xs[2], 0.0), (xs[2], bd), INT_WALL)
            wall("W-SIDE", (xs[2], bd / 2), (bw, bd / 2), INT_WALL)
            hall = Space("%s-DH-%s" % (code, hall_letter), "Data Hall %s" % hall_letter, st,
                         _rect(e, e, xs[1] - i, bd - e), "Data hall")
            cor = Space("%s-%02d-COR" % (code, level), "Corridor %02d" % level, st,
                        _rect(xs[1] + i, e, xs[2] - i, bd - e), "Circulation")
            ups_room = Space("%s-%02d-UPS" % (code, level), "UPS Room %s" % hall_letter, st,
                             _rect(xs[2] + i, e, bw - e, bd / 2 - i), "Electrical room")
            other = (Space("%s-00-NOC" % code, "Network Operations Centre", st,
                           _rect(xs[2] + i, bd / 2 + i, bw - e, bd - e), "Office")
                     if level == 0 else
                     Space("%s-01-BAT" % code, "Battery Room", st,
                           _rect(xs[2] + i, bd / 2 + i, bw - e, bd - e), "Electrical room"))
            bld.spaces += [hall, cor, ups_room, other]

            # Aisles: hot aisle, then per pair: row (front +y), cold aisle, row (front -y), hot aisle.
            ax0 = row_x0 - 0.3
            ax1 = row_x0 + 2 * pdu_gap + racks_per_row * RACK_W + 0.3
            y = margin_y
            cold, hot = [], []
            hot.append(Space("%s-HA1" % hall.name, "Hall %s hot aisle 1" % hall_letter, st,
                             _rect(ax0, y, ax1, y + HOT_AISLE), "Hot aisle", parent=hall))
            y += HOT_AISLE
            row_y = []
            for p in range(n_pairs):
                row_y.append((y, -1))  # front at y + RACK_D facing +y
                cold.append(Space("%s-CA%d" % (hall.name, p + 1), "Hall %s cold aisle %d" % (hall_letter, p + 1),
                                  st, _rect(ax0, y + RACK_D, ax1, y + RACK_D + COLD_AISLE), "Cold aisle", parent=hall))
                row_y.append((y + RACK_D + COLD_AISLE, 1))  # front at this y facing -y
                y += 2 * RACK_D + COLD_AISLE
                hot.append(Space("%s-HA%d" % (hall.name, p + 2), "Hall %s hot aisle %d" % (hall_letter, p + 2),
                                 st, _rect(ax0, y, ax1, y + HOT_AISLE), "Hot aisle", parent=hall))
                y += HOT_AISLE
            bld.spaces += cold + hot
            plan.groups.append(Group("%sCold aisles Hall %s" % (gp, hall_letter), "zone", "Thermal",
                                     "Cold aisles of data hall %s" % hall_letter, [s.name for s in cold], bld))
            plan.groups.append(Group("%sHot aisles Hall %s" % (gp, hall_letter), "zone", "Thermal",
                                     "Hot aisles (containment) of data hall %s" % hall_letter,
                                     [s.name for s in hot], bld))

            remaining = racks_per_hall
            hall_power = 0.0
            for r in range(n_rows):
                kind, srv_key, budget, lo, hi = ROW_KINDS[r % len(ROW_KINDS)]
                row_name = "%s%02d" % (hall_letter, r + 1)
                y0, facing = row_y[r]
                n = min(racks_per_row, remaining)
                remaining -= n
                pdu_names = []
                for feed, px in (("A", row_x0), ("B", row_x0 + pdu_gap + racks_per_row * RACK_W + 0.3)):
                    pname = "%s-%s-PDU-%s" % (code, row_name, feed)
                    s, bc, aid = ids.next("OPF")
                    bld.equipment.append(Equipment(pname, by_key["pdu"], hall, (px, y0 + 0.2, 0.0), 0, s, bc, aid))
                    power_feeds[feed].append(pname)
                    pdu_names.append(pname)
                for k in range(n):
                    rname = "%s-%s-R%02d" % (code, row_name, k + 1)
                    xl = row_x0 + pdu_gap + k * RACK_W
                    # facing +1: front edge at y0, local axes = storey axes.
                    # facing -1: front edge at y0 + RACK_D, rotated 180 degrees.
                    origin = (xl, y0) if facing == 1 else (xl + RACK_W, y0 + RACK_D)
                    s, bc, aid = ids.next("HE")
                    rack = Rack(rname, row_name, hall, origin, facing, budget, 1000.0, budget, s, bc, aid,
                                pdus=pdu_names)
                    _fill_rack(rack, by_key, srv_key, lo, hi, ids, seed)
                    bld.racks.append(rack)
                    hall_power += rack.cooling_w
                    # Temperature sensor on every rack front (top, inlet); humidity on the row's first rack.
                    sx, sy = rack.local_to_storey(RACK_W / 2, 0.0)
                    s, bc, aid = ids.next("STS")
                    bld.equipment.append(Equipment(
                        "%s-TS" % rname, by_key["ts"], hall,
                        _box_min(sx, sy, 1.85, by_key["ts"].size, facing), 0 if facing == 1 else 180, s, bc, aid,
                        sensor={"Measures": "temperature", "Unit": "degC", "WarnHigh": 27.0, "AlarmHigh": 32.0}))
                    if k == 0:
                        s, bc, aid = ids.next("SHS")
                        bld.equipment.append(Equipment(
                            "%s-%s-HS" % (code, row_name), by_key["hs"], hall,
                            _box_min(sx, sy, 1.10, by_key["hs"].size, facing), 0 if facing == 1 else 180,
                            s, bc, aid,
                            sensor={"Measures": "humidity", "Unit": "%RH", "WarnHigh": 60.0, "AlarmHigh": 80.0}))
            # CRACs along the west wall, N+1, sized for the hall's rack cooling budget.
            n_crac = max(4, int((hall_d - 2.0) // 4.5))
            crac_type = by_key["crac"]
            crac_names = []
            for c in range(n_crac):
                cname = "%s-%s-CRAC-%02d" % (code, hall_letter, c + 1)
                cy = 1.0 + c * ((hall_d - 2.0 - crac_type.size[1]) / max(1, n_crac - 1))
                s, bc, aid = ids.next("NFC")
                bld.equipment.append(Equipment(cname, crac_type, hall, (0.6, round(cy, 3), 0.0), 0, s, bc, aid))
                crac_names.append(cname)
            plan.groups.append(Group("%sCooling Hall %s" % (gp, hall_letter), "system", "AIRCONDITIONING",
                                     "CRAC units of data hall %s (N+1, %d units, %.0f kW rack load)"
                                     % (hall_letter, n_crac, hall_power / 1000.0), crac_names, bld))
            ups_name = "%s-UPS-%s" % (code, hall_letter)
            ux0, uy0 = ups_room.polygon[0]
            s, bc, aid = ids.next("OPU")
            bld.equipment.append(Equipment(ups_name, by_key["ups"], ups_room, (ux0 + 1.0, uy0 + 1.0, 0.0), 0,
                                           s, bc, aid))
        for feed in ("A", "B"):
            plan.groups.append(Group("%sCritical power %s" % (gp, feed), "system", "ELECTRICAL",
                                     "2N critical power path %s: UPS-%s feeding every row's PDU-%s" % (feed, feed, feed),
                                     ["%s-UPS-%s" % (code, feed)] + power_feeds[feed], bld))
    return plan


def _box_min(cx: float, cy: float, z: float, size, facing: int) -> tuple[float, float, float]:
    """Min corner of a small box centred on (cx, cy) in x, its back touching the rack front."""
    w, d, _ = size
    if facing == 1:
        return (round(cx - w / 2, 4), round(cy - d, 4), z)
    # rotated 180 degrees: the box's local origin is its max-x/max-y corner in storey coordinates
    return (round(cx + w / 2, 4), round(cy + d, 4), z)


def _fill_rack(rack: Rack, by_key, srv_key: str, lo: int, hi: int, ids: _Ids, seed: int) -> None:
    """Two top-of-rack switches at U41/U42, servers from U1 upward with occasional gaps.

    Keeps the rules the importer enforces: U ranges inside 1..42 and disjoint, power and weight
    within the rack's budgets (servers are dropped until both hold).
    """
    rng = random.Random("%d/%s" % (seed, rack.name))
    srv = by_key[srv_key]
    tor = by_key["tor"]
    devices = [Device("%s-U%02d" % (rack.name, u), tor, u, *ids.next("KN")) for u in (41, 42)]
    count = rng.randint(lo, hi)
    u = 1 + rng.choice((0, 0, 2))
    placed = []
    for _ in range(count):
        if u + srv.u_height - 1 > 40:
            break
        placed.append(u)
        u += srv.u_height + (1 if rng.random() < 0.15 else 0)
    base_power = sum(d.type.power_w for d in devices)
    base_weight = sum(d.type.weight_kg for d in devices)  # device load only; the rack's own mass is not in it
    while placed and (base_power + len(placed) * srv.power_w > rack.max_power_w
                      or base_weight + len(placed) * srv.weight_kg > rack.max_weight_kg):
        placed.pop()
    for u in placed:
        devices.append(Device("%s-U%02d" % (rack.name, u), srv, u, *ids.next("VX")))
    devices.sort(key=lambda d: d.u_position)
    rack.devices = devices

