#!/usr/bin/env python3
"""Fuzzes request heads and query strings through a live Atrium server: the real HTTP parser,
connection guard, middleware and router, over raw sockets.

    fuzz.py --url http://127.0.0.1:PORT --token JWT --pid SERVER_PID [--cpu-seconds 600] [--workers 4] [--seed N]

Requests are grown from the served /openapi.json (every route, every documented parameter) and
mutated at three levels: values (control bytes, percent escapes, overlong UTF-8, huge numbers,
odd ids), structure (duplicate/missing/oversized headers, odd methods, absolute-form and
asterisk targets, HTTP versions, bodies that disagree with their length) and raw bytes (random
flips, insertions and truncations of the whole head). Every request must be answered with a
status below 500 within 15 s, or the connection closed after a 4xx the guard wrote. Runs until
the *server* has used --cpu-seconds of CPU (user + system, from /proc), so the figure is the
server's work, not the fuzzer's. Failing inputs are written to out/; exit 1 on any.
"""
import argparse, json, os, random, socket, sys, threading, time, urllib.parse, urllib.request

CONTROL = [bytes([b]) for b in list(range(0, 32)) + [127]]
SPICY_VALUES = ["", "0", "-1", "1e309", "NaN", "inf", "99999999999999999999999", "%00", "%", "%zz", "%C0%80", "%FF%FE",
                "a%00b", "%0d%0aX-Injected: 1", "..%2f..%2f", "\u00e9", "\U0001F600", "'; DROP TABLE users;--",
                "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "not-a-uuid",
                "1,2,3", ",,,", "true", "null", "[]", "{}", "a" * 5000, "%25" * 300, "rack,device,nope", "1.5", "-0"]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "PRI", "get", "G\x01T", "GE T", ""]
VERSIONS = ["HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1 ", "HTTP/1.x", "http/1.1", ""]


def load_routes(base, token):
    req = urllib.request.Request(base + "/openapi.json")
    with urllib.request.urlopen(req, timeout=30) as r:
        doc = json.load(r)
    routes = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            params = [(p["name"], p["in"], p.get("schema", {})) for p in op.get("parameters", [])]
            routes.append((method.upper(), path, params))
    return routes


def sample_value(schema, rng):
    t = schema.get("type")
    if rng.random() < 0.35:
        return rng.choice(SPICY_VALUES)
    if schema.get("format") == "uuid":
        return "%08x-0000-4000-8000-%012x" % (rng.getrandbits(32), rng.getrandbits(48))
    if "enum" in schema:
        return rng.choice([v for v in schema["enum"] if v is not None] or ["x"])
    if t == "integer":
        return str(rng.choice([0, 1, 2, 10, 100, 1000, 1001, -5, rng.getrandbits(40)]))
    if t == "number":
        return repr(rng.uniform(-1e6, 1e6))
    return rng.choice(["a", "rack", "Hall 1", "R1", "x" * rng.randint(1, 64)])


def mutate_text(text, rng):
    b = bytearray(text.encode("utf-8", "surrogatepass"))
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        pos = rng.randint(0, len(b))
        if op < 0.3:
            b[pos:pos] = rng.choice(CONTROL)
        elif op < 0.5:
            b[pos:pos] = rng.choice([b"%00", b"%7f", b"%0a", b"%c3%28", b"%e2%82", b"%", b"%%", b"+", b"&", b"=", b"#", b"?"])
        elif op < 0.65 and b:
            del b[rng.randrange(len(b))]
        elif op < 0.8:
            b[pos:pos] = bytes([rng.randint(128, 255)])
        else:
            b[pos:pos] = rng.choice([b"/", b"//", b"/../", b"\\", b";", b" ", b"\t"])
    return bytes(b)


def build_request(routes, token, rng):
    method, path, params = rng.choice(routes)
    target = path
    for name, where, schema in params:
        if where == "path":
            target = target.replace("{" + name + "}", urllib.parse.quote(sample_value(schema, rng), safe=""))
    query = []
    for name, where, schema in params:
        if where == "query" and rng.random() < 0.6:
            query.append(urllib.parse.quote(name) + "=" + urllib.parse.quote(sample_value(schema, rng), safe=","))
    if rng.random() < 0.2:
        query.append(urllib.parse.quote(rng.choice(SPICY_VALUES)) + "=" + urllib.parse.quote(rng.choice(SPICY_VALUES)))
    if rng.random() < 0.05:
        query += ["a=1"] * rng.randint(100, 2000)
    target_bytes = target.encode() + ((b"?" + "&".join(query).encode()) if query else b"")
    if rng.random() < 0.4:
        target_bytes = mutate_text(target_bytes.decode("latin-1"), rng)
    if rng.random() < 0.03:
        target_bytes = rng.choice([b"*", b"http://evil.example/v1/sites", b"", b"/" * 3000, b"/v1/sites?" + b"x" * 20000])
    m = method if rng.random() < 0.85 else rng.choice(METHODS)
    version = "HTTP/1.1" if rng.random() < 0.9 else rng.choice(VERSIONS)
    headers = [(b"Host", b"127.0.0.1")]
    r = rng.random()
    if r < 0.6:
        headers.append((b"Authorization", b"Bearer " + token.encode()))
    elif r < 0.7:
        headers.append((b"Authorization", rng.choice([b"Bearer ", b"Bearer x.y.z", b"Basic Zm9vOmJhcg==", b"Bearer " + b"a" * 9000,
                                                      b"bearer " + token.encode(), b"Bearer atr_" + os.urandom(8).hex().encode()])))
    elif r < 0.75:
        headers.append((b"X-API-Key", b"atr_" + os.urandom(12).hex().encode()))
    if rng.random() < 0.3:
        headers.append((b"X-Request-ID", mutate_text(rng.choice(["trace-1", "x" * 200, ""]), rng)))
    if rng.random() < 0.2:
        headers.append((b"X-Forwarded-For", mutate_text(rng.choice(["10.0.0.1", "::1, 1.2.3.4", "garbage"]), rng)))
    if rng.random() < 0.2:
        headers.append((b"If-None-Match", mutate_text('"r1"', rng)))
    if rng.random() < 0.1:
        headers.append((b"Connection", rng.choice([b"upgrade", b"close", b"keep-alive, Upgrade"])))
        headers.append((b"Upgrade", rng.choice([b"websocket", b"h2c", b"\x01"])))
    if rng.random() < 0.1:
        headers.append((mutate_text("X-Odd", rng), mutate_text("value", rng)))
    if rng.random() < 0.05:
        headers += [(b"X-Dup", b"1")] * rng.randint(50, 500)
    body = b""
    if m in ("POST", "PUT", "PATCH") or rng.random() < 0.05:
        body = rng.choice([b"", b"{}", b'{"name":"a\\u0000b"}', b"[", b"\x00\x01\x02", b'{"kind":"rack","name":"x","site_id":"zz"}',
                           json.dumps({"username": mutate_text("admin", rng).decode("latin-1"), "password": "x"}).encode()])
        headers.append((b"Content-Type", rng.choice([b"application/json", b"application/merge-patch+json", b"text/plain",
                                                     b"multipart/form-data; boundary=zz", b"application/octet-stream"])))
        cl = len(body)
        if rng.random() < 0.1:
            cl = rng.choice([0, cl - 1 if cl else 0, cl + 5, 10**12, -1])
        if rng.random() < 0.1:
            headers.append((b"Transfer-Encoding", rng.choice([b"chunked", b"gzip, chunked", b"identity"])))
            body = rng.choice([b"0\r\n\r\n", b"5\r\nhello\r\n0\r\n\r\n", b"zz\r\n\r\n", b"ffffffffffffffff\r\n"])
        else:
            headers.append((b"Content-Length", str(cl).encode()))
    head = m.encode("latin-1") + b" " + target_bytes + b" " + version.encode() + b"\r\n"
    head += b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n"
    raw = head + body
    if rng.random() < 0.05:
        raw = bytes(mutate_text(raw.decode("latin-1"), rng))
    return raw


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = 0
        self.status = {}
        self.failures = []

    def add(self, key, failure=None):
        with self.lock:
            self.sent += 1
            self.status[key] = self.status.get(key, 0) + 1
            if failure:
                self.failures.append(failure)


def exchange(host, port, raw, timeout=15):
    s = socket.create_connection((host, port), timeout=timeout)
    try:
        s.sendall(raw)
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        data = b""
        start = time.monotonic()
        while b"\r\n" not in data:
            if time.monotonic() - start > timeout:
                return "hang", data
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        if not data:
            return "closed", data
        line = data.split(b"\r\n", 1)[0]
        parts = line.split(b" ")
        return (parts[1].decode("latin-1") if len(parts) > 1 else "garbled"), data
    except socket.timeout:
        return "hang", b""
    except ConnectionResetError:
        return "reset", b""
    finally:
        s.close()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--cpu-seconds", type=float, default=600)
    p.add_argument("--max-wall", type=float, default=3600)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--seed", type=int, default=int(time.time()))
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    a = p.parse_args()
    base = a.url.rstrip("/")
    u = urllib.parse.urlparse(base)
    routes = load_routes(base, a.token)
    os.makedirs(a.out, exist_ok=True)
    stats = Stats()
    cpu0 = cpu_seconds(a.pid)
    t0 = time.monotonic()
    stop = threading.Event()

    def worker(index):
        rng = random.Random(a.seed * 1000 + index)
        while not stop.is_set():
            raw = build_request(routes, a.token, rng)
            try:
                status, data = exchange(u.hostname, u.port, raw)
            except OSError as e:
                status, data = "connect-error", str(e).encode()
            failure = None
            if status == "hang" or (status.isdigit() and int(status) >= 500):
                name = os.path.join(a.out, f"fail-{status}-{len(stats.failures)}-{index}.http")
                with open(name, "wb") as f:
                    f.write(raw)
                failure = (status, name, data[:300])
            stats.add(status, failure)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(a.workers)]
    for t in threads:
        t.start()
    last = 0
    while True:
        time.sleep(2)
        try:
            used = cpu_seconds(a.pid) - cpu0
        except OSError:
            print("the server process is gone", file=sys.stderr)
            stats.failures.append(("server-died", "", b""))
            break
        wall = time.monotonic() - t0
        if wall - last >= 60:
            last = wall
            print(f"[{wall:6.0f}s] server CPU {used:7.1f}s, {stats.sent} requests, {len(stats.failures)} failures", flush=True)
        if used >= a.cpu_seconds or wall >= a.max_wall:
            break
    stop.set()
    for t in threads:
        t.join(timeout=20)
    wall = time.monotonic() - t0
    used = cpu_seconds(a.pid) - cpu0 if os.path.exists(f"/proc/{a.pid}") else float("nan")
    fuzzer_cpu = sum(os.times()[:2])
    print(f"\nseed {a.seed}: {stats.sent} requests in {wall:.0f} s wall; server CPU {used:.1f} s "
          f"({used / 60:.1f} CPU-min), fuzzer CPU {fuzzer_cpu:.1f} s")
    print("responses:", ", ".join(f"{k}: {v}" for k, v in sorted(stats.status.items())))
    for status, name, data in stats.failures[:20]:
        print(f"FAILURE {status}: {name} {data!r}")
    five = sum(v for k, v in stats.status.items() if k.isdigit() and int(k) >= 500)
    hangs = stats.status.get("hang", 0)
    print(f"5xx: {five}, hangs: {hangs}")
    sys.exit(1 if stats.failures else 0)


if __name__ == "__main__":
    main()
