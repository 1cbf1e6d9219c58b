#!/usr/bin/env python3
"""Abuse cases from the security battery (issue 21), run against a live Atrium server.

    attack.py --url http://127.0.0.1:PORT --admin NAME --password-env VAR --site-a ID --site-b ID
              [--admin-a NAME] [--pid SERVER_PID] [--header-timeout S] [--idle-timeout S]

Prints one line per attack (HELD / FAILED) and a summary; exits 1 if anything failed.
Only the standard library: raw sockets for the connection cases, urllib for the rest.
"""
import argparse, gzip, io, json, os, socket, struct, sys, threading, time, urllib.error, urllib.parse, urllib.request, uuid

results = []


def record(name, held, detail=""):
    results.append((name, held, detail))
    print(f"{'HELD  ' if held else 'FAILED'} {name}{' — ' + detail if detail else ''}", flush=True)


def request(base, method, path, token=None, body=None, headers=None, raw=None, content_type=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", content_type or "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def login(base, name, password):
    status, _, body = request(base, "POST", "/v1/auth/login", body={"username": name, "password": password})
    if status != 200:
        raise SystemExit(f"login as {name} failed: {status} {body[:200]!r}")
    return json.loads(body)["access_token"]


def raw_exchange(host, port, payload, wait=5.0):
    """Sends bytes, returns (first response line or '', closed_by_server, seconds until close)."""
    s = socket.create_connection((host, port), timeout=wait)
    start = time.monotonic()
    if payload:
        s.sendall(payload)
    data = b""
    closed = False
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                closed = True
                break
            data += chunk
    except socket.timeout:
        pass
    finally:
        s.close()
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    return line, closed, time.monotonic() - start


def rss_kb(pid, field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None


def deflate_bomb(repeats):
    """gzip member: one literal, then `repeats` × (length 258, distance 1) in a fixed-Huffman block."""
    bits = []

    def put(value, count):
        for i in range(count):
            bits.append((value >> i) & 1)

    def code(value, length):
        for i in range(length - 1, -1, -1):
            bits.append((value >> i) & 1)
    put(1, 1); put(1, 2); code(0x30, 8)
    chunk_bits = []
    for i in range(7, -1, -1):
        chunk_bits.append((0xC5 >> i) & 1)
    chunk_bits += [0] * 5
    bits.extend(chunk_bits * repeats)
    code(0, 7)
    out = bytearray()
    for i in range(0, len(bits), 8):
        byte = 0
        for j, b in enumerate(bits[i:i + 8]):
            byte |= b << j
        out.append(byte)
    return bytes([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]) + bytes(out) + b"\0" * 8


def zlib_bomb(zeros_mib):
    """A real gzip of `zeros_mib` MiB of zeros (~1000:1) whose trailer claims a small size, so the
    upload sniffer's ISIZE check passes and only the inflater can catch it."""
    import zlib
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    parts = [c.compress(block) for _ in range(zeros_mib)]
    data = b"".join(parts) + c.flush()
    return data[:-4] + struct.pack("<I", len(data))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--admin", required=True)
    p.add_argument("--admin-a")
    p.add_argument("--password-env", required=True)
    p.add_argument("--site-a", required=True)
    p.add_argument("--site-b", required=True)
    p.add_argument("--pid", type=int)
    p.add_argument("--header-timeout", type=float, default=10)
    p.add_argument("--idle-timeout", type=float, default=30)
    a = p.parse_args()
    password = os.environ[a.password_env]
    base = a.url.rstrip("/")
    host, port = urllib.parse.urlparse(base).hostname, urllib.parse.urlparse(base).port
    admin = login(base, a.admin, password)

    # 1. NUL and control characters in every kind of text input.
    probes = [("GET", "/v1/assets?q=a%00b"), ("GET", "/v1/audit?actor=a%00b"), ("GET", "/v1/audit?action=%01x"),
              ("GET", "/v1/sites/%00"), ("GET", "/v1/assets?%00=1"), ("GET", "/v1/spatial-structure?x=%7f")]
    bad = [f"{m} {u} → {s}" for m, u in probes for s, _, _ in [request(base, m, u, token=admin)] if not 400 <= s < 500]
    for body in ({"name": "k\u0000", "permissions": ["assets.read"], "site_id": a.site_a},):
        s, _, _ = request(base, "POST", "/v1/api-keys", token=admin, body=body)
        if not 400 <= s < 500:
            bad.append(f"POST /v1/api-keys NUL name → {s}")
    s, _, _ = request(base, "POST", "/v1/assets", token=admin, body={"kind": "rack", "name": "r\u0000", "site_id": a.site_a})
    if not 400 <= s < 500:
        bad.append(f"POST /v1/assets NUL name → {s}")
    record("NUL/control characters in parameters and bodies answer 4xx", not bad, "; ".join(bad))

    # 2. Passwords with NUL are refused; a login with NUL is a counted, audited failure.
    cut = "q\u0000" + "z" * 15
    s, _, _ = request(base, "POST", "/v1/users", token=admin, body={"name": "nul-" + uuid.uuid4().hex[:6], "password": cut, "role": "viewer"})
    record("a password with NUL is refused when set", s in (400, 422), f"status {s}")
    s, _, _ = request(base, "POST", "/v1/auth/login", body={"username": a.admin + "\u0000", "password": cut})
    record("a login with NUL is an ordinary 401", s == 401, f"status {s}")

    # 3. Hanging connections.
    line, closed, _ = raw_exchange(host, port, b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n")
    record("control character in a header value: 400 and closed", line.startswith("HTTP/1.1 400") and closed, line or "no answer")
    wait = a.header_timeout + 10
    line, closed, took = raw_exchange(host, port, b"GET /health/live HTTP/1.1\r\nHost: x\r\n", wait=wait)
    record("half-sent request closed by the header timeout", closed and took < wait, f"closed after {took:.1f}s ({line or 'no answer'})")
    wait = max(a.idle_timeout, a.header_timeout) + 10
    line, closed, took = raw_exchange(host, port, b"", wait=wait)
    record("silent connection closed", closed and took < wait, f"closed after {took:.1f}s")

    # 4. Throttle: a spray from one address does not lock out an account that logs in from there.
    name_ok = a.admin
    for i in range(8):
        request(base, "POST", "/v1/auth/login", body={"username": f"spray-{uuid.uuid4().hex[:8]}", "password": "wrong wrong wrong"})
    for i in range(7):
        request(base, "POST", "/v1/auth/login", body={"username": "victim-" + "x", "password": "wrong wrong wrong"})
    s, h, _ = request(base, "POST", "/v1/auth/login", body={"username": "victim-x", "password": "wrong wrong wrong"})
    record("an attacked account is throttled (429 + Retry-After)", s == 429 and "Retry-After" in h, f"status {s}")
    s, _, _ = request(base, "POST", "/v1/auth/login", body={"username": name_ok, "password": password})
    record("a correct login from the same address still works", s == 200, f"status {s}")

    # 5. Name collision: a site-A key named like the admin sees nothing of the admin's site-B jobs.
    s, _, body = request(base, "POST", f"/v1/imports?site={a.site_b}&name=b.ifc", token=admin, raw=b"ISO-10303-21;\nnot really\n",
                         content_type="application/octet-stream")
    job = json.loads(body).get("id") if s == 202 else None
    issuer = login(base, a.admin_a, password) if a.admin_a else admin
    s, _, body = request(base, "POST", "/v1/api-keys", token=issuer,
                         body={"name": a.admin, "permissions": ["imports.create", "assets.read"], "site_id": a.site_a})
    key = json.loads(body).get("key") if s == 201 else None
    if job and key:
        s1, _, _ = request(base, "GET", f"/v1/imports/{job}", headers={"X-API-Key": key})
        s2, _, listed = request(base, "GET", "/v1/imports", headers={"X-API-Key": key})
        leaked = s1 == 200 or job in listed.decode()
        record(f"a key named '{a.admin}' in site A cannot see site B's job", not leaked, f"GET {s1}, listed {'yes' if leaked else 'no'}")
    else:
        record("name-collision setup", False, "could not create the job or the key")

    # 6. Compressed bombs, several at once, with the server's memory watched: two real gzip bombs
    # far past the ratio (~5 MB expanding to 5 GiB, trailer forged) and two hand-built streams
    # within the ratio whose trailers lie (~4.9 MB expanding to ~770 MB).
    bombs = [zlib_bomb(5120), zlib_bomb(5120), deflate_bomb(3_000_000), deflate_bomb(3_000_000)]
    before = rss_kb(a.pid) if a.pid else None
    peak = [before or 0]
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            value = rss_kb(a.pid) if a.pid else None
            if value:
                peak[0] = max(peak[0], value)
            time.sleep(0.05)
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    jobs = []
    threads = []

    def upload(bomb):
        s, _, body = request(base, "POST", f"/v1/imports?site={a.site_a}&name=bomb.ifc.gz", token=admin, raw=bomb,
                             content_type="application/octet-stream")
        if s == 202:
            jobs.append(json.loads(body)["id"])
    for bomb in bombs:
        t = threading.Thread(target=upload, args=(bomb,))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    deadline = time.monotonic() + 300
    states = {}
    while time.monotonic() < deadline and len(states) < len(jobs):
        for j in jobs:
            s, _, body = request(base, "GET", f"/v1/imports/{j}", token=admin)
            doc = json.loads(body)
            if doc.get("status") in ("failed", "succeeded"):
                states[j] = doc.get("error_code")
        time.sleep(0.5)
    stop.set()
    watcher.join()
    codes = sorted(set(states.values()))
    growth = (peak[0] - before) // 1024 if before else None
    held = len(jobs) == 4 and len(states) == 4 and set(states.values()) <= {"import.zip-bomb", "import.corrupt-archive"} \
        and (growth is None or growth < 256)
    record("four concurrent ~5 MB gzip bombs refused, server RSS bounded", held,
           f"{len(jobs)} accepted, codes {codes}, peak RSS growth {growth if growth is not None else '?'} MiB (bound 256)")

    # 7. Request ids are the server's; the caller's is kept apart.
    s, h, _ = request(base, "GET", "/health/live", headers={"X-Request-ID": "attacker-chosen"})
    record("X-Request-ID is server-generated", h.get("X-Request-ID") not in (None, "attacker-chosen"), h.get("X-Request-ID", "none"))

    # 8. The audit chain verifies and is compared with signed checkpoints (the server signs every second here).
    time.sleep(2.5)
    s, _, body = request(base, "GET", "/v1/audit/verify", token=admin)
    report = json.loads(body) if s == 200 else {}
    matched = [c for c in report.get("checkpoints", []) if c.get("ok") and not c.get("finding")]
    record("audit chain verifies against its checkpoints", report.get("ok") is True and len(matched) == 3,
           f"{report.get('rows_checked')} rows, checkpoints {[c.get('store') + ':' + (c.get('finding') or 'match') for c in report.get('checkpoints', [])]}")

    failed = [r for r in results if not r[1]]
    print(f"\n{len(results) - len(failed)} of {len(results)} attacks held.")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
