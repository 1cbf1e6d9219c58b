#!/usr/bin/env python3
"""Validate a GLB written by Atrium with two independent readers.

pygltflib reads the container and JSON structure (we decode accessors
ourselves from the BIN chunk); trimesh loads the scene as a consumer would.
Checks: product node count, GlobalIds in node extras, finite and
non-degenerate vertex data, accessor min/max matching the data, index bounds.
Exit status 0 = valid, 1 = problems found (listed on stderr), 2 = usage error.
"""
import argparse
import struct
import sys

import numpy as np
import pygltflib
import trimesh

COMPONENT = {5120: ("b", 1), 5121: ("B", 1), 5122: ("h", 2), 5123: ("H", 2), 5125: ("I", 4), 5126: ("f", 4)}
NCOMP = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT4": 16}


def read_accessor(gltf, blob, index):
    acc = gltf.accessors[index]
    view = gltf.bufferViews[acc.bufferView]
    fmt, size = COMPONENT[acc.componentType]
    n = NCOMP[acc.type]
    stride = view.byteStride or size * n
    base = (view.byteOffset or 0) + (acc.byteOffset or 0)
    dtype = np.dtype("<" + fmt)
    out = np.zeros((acc.count, n), dtype=dtype)
    for k in range(n):
        out[:, k] = np.ndarray((acc.count,), dtype=dtype, buffer=blob, offset=base + k * size, strides=(stride,))
    if base + (acc.count - 1) * stride + size * n > (view.byteOffset or 0) + view.byteLength:
        raise ValueError(f"accessor {index} overruns its bufferView")
    return acc, out


def check(path, expect_nodes=None, expect_ids=None):
    problems = []
    raw = open(path, "rb").read()
    magic, version, length = struct.unpack_from("<III", raw, 0)
    if magic != 0x46546C67 or version != 2:
        problems.append("bad GLB header")
    if length != len(raw):
        problems.append(f"header length {length} != file size {len(raw)}")
    if len(raw) % 4:
        problems.append("file length not 4-byte aligned")

    gltf = pygltflib.GLTF2().load_binary(path)
    blob = gltf.binary_blob() or b""
    product_nodes = [n for n in gltf.nodes if isinstance(n.extras, dict) and "globalId" in n.extras]
    ids = [n.extras["globalId"] for n in product_nodes]
    for n in product_nodes:
        if not n.extras.get("ifcType"):
            problems.append(f"node {n.name!r} has no ifcType in extras")
    if expect_nodes is not None and len(product_nodes) != expect_nodes:
        problems.append(f"expected {expect_nodes} product nodes, found {len(product_nodes)}")
    if expect_ids:
        missing = sorted(set(expect_ids) - set(ids))
        if missing:
            problems.append(f"GlobalIds missing from extras: {missing}")
    if len(set(ids)) != len(ids):
        problems.append("duplicate GlobalIds among product nodes")

    for mi, mesh in enumerate(gltf.meshes or []):
        for prim in mesh.primitives:
            acc, pos = read_accessor(gltf, blob, prim.attributes.POSITION)
            posf = pos.astype(np.float64)
            if not np.all(np.isfinite(posf)):
                problems.append(f"mesh {mi}: non-finite positions")
            if acc.min is None or acc.max is None:
                problems.append(f"mesh {mi}: POSITION accessor lacks min/max")
            elif len(posf):
                if not (np.allclose(posf.min(axis=0), acc.min, rtol=1e-6, atol=1e-6)
                        and np.allclose(posf.max(axis=0), acc.max, rtol=1e-6, atol=1e-6)):
                    problems.append(f"mesh {mi}: accessor min/max do not match data")
            if prim.attributes.NORMAL is not None:
                _, nor = read_accessor(gltf, blob, prim.attributes.NORMAL)
                norf = nor.astype(np.float64)
                if nor.dtype == np.int8:
                    norf /= 127.0
                lens = np.linalg.norm(norf, axis=1)
                if not np.all(np.isfinite(norf)) or np.any(np.abs(lens - 1) > 0.05):
                    problems.append(f"mesh {mi}: normals not unit length")
            _, idx = read_accessor(gltf, blob, prim.indices)
            idx = idx.reshape(-1).astype(np.int64)
            if len(idx) % 3:
                problems.append(f"mesh {mi}: index count not a multiple of 3")
                continue
            if len(idx) and (idx.min() < 0 or idx.max() >= len(pos)):
                problems.append(f"mesh {mi}: index out of range")
                continue
            tri = posf[idx.reshape(-1, 3)]
            area2 = np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
            degenerate = int(np.sum(area2 <= 0))
            if degenerate:
                problems.append(f"mesh {mi}: {degenerate} degenerate triangles")

    scene = trimesh.load(path, force="scene")
    if len(gltf.meshes or []) and not scene.geometry:
        problems.append("trimesh loaded no geometry")
    for name, geom in scene.geometry.items():
        if not np.all(np.isfinite(geom.vertices)):
            problems.append(f"trimesh: non-finite vertices in {name}")
    bounds = scene.bounds
    if bounds is not None and not np.all(np.isfinite(bounds)):
        problems.append("trimesh: non-finite scene bounds")

    report = {
        "productNodes": len(product_nodes),
        "meshes": len(gltf.meshes or []),
        "trimeshGeometries": len(scene.geometry),
        "bounds": None if bounds is None else [list(map(float, b)) for b in bounds],
    }
    return problems, report


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--expect-nodes", type=int)
    ap.add_argument("--expect-ids", type=lambda s: [x for x in s.split(",") if x])
    args = ap.parse_args()
    try:
        problems, report = check(args.file, args.expect_nodes, args.expect_ids)
    except Exception as e:  # a reader failing to load is itself a finding
        print(f"FAIL {args.file}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(report)
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
