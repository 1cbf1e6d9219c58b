#!/usr/bin/env python3
"""Generate Sources/IFCSchema/Generated/*.swift from the buildingSMART EXPRESS schemas.

Why a text table and not Swift struct literals: a few thousand struct literals make the Swift type checker
crawl; one compact string per schema compiles instantly and IFCSchema parses it once, lazily, per schema.

Usage (from the package root):  python3 tools/ifc-schema-gen/generate.py [../shared/schemas]
Deterministic: output depends only on the input files (entities, types sorted by name).

Table format (one record per line, fields separated by '|'):
  T|Name|code|underlying          defined type; code is the coarse kind of its underlying type
  N|Name|V1,V2,...                enumeration and its values (UPPERCASE, as STEP writes them)
  S|Name|M1,M2,...                select and its members
  E|Name|Supertype|A|attrs|inverses
      A = 1 when ABSTRACT. attrs = the flattened explicit attribute list, inherited first, each
      `name:code[?][*]:type` ('?' optional, '*' redeclared as DERIVE in this entity or an ancestor,
      written as '*' in STEP). inverses = `name:Target:attribute:aggregate` declared by this entity
      (IFCSchema adds the inherited ones).
Coarse codes: E entity, S select, N enumeration, T defined type, s string, r real, i integer, n number,
b boolean, l logical, x binary; an aggregate prefixes 'L' per nesting level (LE = list of entities).
"""
import os
import re
import sys

SCHEMAS = [
    ("IFC2X3_TC1.exp", "IFC2X3", "IFC2X3"),
    ("IFC4_ADD2_TC1.exp", "IFC4", "IFC4"),
    ("IFC4X3_ADD2.exp", "IFC4X3", "IFC4X3"),
]
SIMPLE = {"STRING": "s", "REAL": "r", "INTEGER": "i", "NUMBER": "n", "BOOLEAN": "b", "LOGICAL": "l", "BINARY": "x"}
AGG = re.compile(r"^(LIST|SET|BAG|ARRAY)\s*(\[[^\]]*\])?\s*OF\s+(UNIQUE\s+)?(.*)$", re.S)


def strip_comments(text):
    return re.sub(r"\(\*.*?\*\)", " ", text, flags=re.S)


def norm(s):
    return " ".join(s.split())


def parse(text):
    text = strip_comments(text)
    types, enums, selects, entities = {}, {}, {}, {}
    for m in re.finditer(r"\bTYPE\s+(\w+)\s*=\s*(.*?);(.*?)END_TYPE\s*;", text, re.S):
        name, body = m.group(1), norm(m.group(2))
        em = re.match(r"^ENUMERATION OF\s*\((.*)\)$", body)
        sm = re.match(r"^(?:EXTENSIBLE\s+)?(?:GENERIC_ENTITY\s+)?SELECT\s*\((.*)\)$", body)
        if em:
            enums[name] = [v.strip().upper() for v in em.group(1).split(",") if v.strip()]
        elif sm:
            selects[name] = sorted(v.strip() for v in sm.group(1).split(",") if v.strip())
        else:
            types[name] = body
    for m in re.finditer(r"\bENTITY\s+(\w+)(.*?)END_ENTITY\s*;", text, re.S):
        name, block = m.group(1), m.group(2)
        # `ENTITY X;` or `ENTITY X SUBTYPE OF (Y);` end the header with ';', but these files also write
        # `ENTITY X` followed directly by the first attribute when there is no supertype clause.
        stripped = block.lstrip()
        if stripped.startswith(";"):
            head, body = "", stripped[1:]
        elif re.match(r"(ABSTRACT|SUPERTYPE|SUBTYPE)\b", stripped):
            head, _, body = stripped.partition(";")
        else:
            head, body = "", stripped
        head = norm(head)
        sup = re.search(r"SUBTYPE OF\s*\(\s*(\w+)\s*\)", head)
        abstract = bool(re.search(r"\bABSTRACT\b", head))
        sections = re.split(r"^\s*(DERIVE|INVERSE|UNIQUE|WHERE)\b", body, flags=re.M)
        explicit, derive, inverse = sections[0], "", ""
        for i in range(1, len(sections), 2):
            if sections[i] == "DERIVE":
                derive = sections[i + 1]
            elif sections[i] == "INVERSE":
                inverse = sections[i + 1]
        attrs, redeclared_explicit = [], []
        for stmt in explicit.split(";"):
            stmt = norm(stmt)
            if not stmt:
                continue
            names, _, typ = stmt.partition(":")
            typ = typ.strip()
            optional = typ.startswith("OPTIONAL ")
            if optional:
                typ = typ[len("OPTIONAL "):]
            for n in names.split(","):
                n = n.strip()
                if n.startswith("SELF\\"):
                    redeclared_explicit.append(n.split(".")[-1])
                    continue
                attrs.append((n, typ, optional))
        derived = []
        for stmt in derive.split(";"):
            stmt = norm(stmt)
            if stmt.startswith("SELF\\"):
                derived.append(stmt.split(":")[0].strip().split(".")[-1])
        inverses = []
        for stmt in inverse.split(";"):
            stmt = norm(stmt)
            im = re.match(r"^(\w+)\s*:\s*(?:(SET|BAG|LIST)\s*(\[[^\]]*\])?\s*OF\s+)?(\w+)\s+FOR\s+(\w+)$", stmt)
            if im:
                agg = (im.group(2) or "") + (im.group(3) or "").replace(" ", "")
                inverses.append((im.group(1), im.group(4), im.group(5), agg))
        entities[name] = {
            "super": sup.group(1) if sup else None, "abstract": abstract,
            "attrs": attrs, "derived": derived, "inverses": inverses,
        }
    return types, enums, selects, entities


def code_of(typ, types, enums, selects, entities):
    typ = typ.strip()
    am = AGG.match(typ)
    if am:
        inner, base = code_of(am.group(4), types, enums, selects, entities)
        return "L" + inner, base
    base = re.sub(r"\s*\(.*\)\s*(FIXED)?$", "", typ).strip()  # STRING(255), BINARY(32) FIXED
    if base in SIMPLE:
        return SIMPLE[base], base
    if base in entities:
        return "E", base
    if base in selects:
        return "S", base
    if base in enums:
        return "N", base
    if base in types:
        return "T", base
    raise SystemExit("unknown type %r" % typ)


def generate(path, schema_id):
    with open(path, encoding="utf-8", errors="replace") as f:
        types, enums, selects, entities = parse(f.read())
    lines = []
    for name in sorted(types):
        code, base = code_of(types[name], types, enums, selects, entities)
        lines.append("T|%s|%s|%s" % (name, code, base))
    for name in sorted(enums):
        lines.append("N|%s|%s" % (name, ",".join(enums[name])))
    for name in sorted(selects):
        lines.append("S|%s|%s" % (name, ",".join(selects[name])))

    def chain(name):
        out = []
        guard = 0
        while name is not None and guard < 64:
            out.append(name)
            name = entities[name]["super"]
            guard += 1
        return list(reversed(out))

    for name in sorted(entities):
        e = entities[name]
        anc = chain(name)
        derived = set()
        for a in anc:
            derived.update(entities[a]["derived"])
        attrs, invs = [], []
        for a in anc:
            for (n, typ, opt) in entities[a]["attrs"]:
                code, base = code_of(typ, types, enums, selects, entities)
                flags = ("?" if opt else "") + ("*" if n in derived else "")
                attrs.append("%s:%s%s:%s" % (n, code, flags, base))
        for (n, target, attr, agg) in e["inverses"]:
            invs.append("%s:%s:%s:%s" % (n, target, attr, agg))
        lines.append("E|%s|%s|%d|%s|%s" % (name, e["super"] or "", 1 if e["abstract"] else 0,
                                          ",".join(attrs), ",".join(invs)))
    return lines, len(entities), len(types), len(enums), len(selects)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "schemas")
    out_dir = os.path.join(root, "Sources", "IFCSchema", "Generated")
    os.makedirs(out_dir, exist_ok=True)
    for file, schema_id, swift_name in SCHEMAS:
        lines, ne, nt, nn, ns = generate(os.path.join(src, file), schema_id)
        body = "\n".join(lines)
        if '"""' in body or "\\" in body:
            raise SystemExit("table would need escaping")
        out = (
            "// GENERATED by tools/ifc-schema-gen/generate.py from %s. Do not edit; rerun the generator.\n"
            "// %d entities, %d defined types, %d enumerations, %d selects.\n\n"
            "extension IFCSchemaTables {\n"
            "    /// Compact schema table for %s; format documented in tools/ifc-schema-gen/generate.py.\n"
            "    static let %s: String = \"\"\"\n%s\n\"\"\"\n}\n"
        ) % (file, ne, nt, nn, ns, schema_id, swift_name.lower(), body)
        with open(os.path.join(out_dir, "IFCSchemaTables+%s.swift" % swift_name), "w", encoding="utf-8") as f:
            f.write(out)
        print("%s: %d entities, %d types, %d enums, %d selects" % (schema_id, ne, nt, nn, ns))


if __name__ == "__main__":
    main()
