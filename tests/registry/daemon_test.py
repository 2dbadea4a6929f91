#!/usr/bin/env python3
"""sbom-gen docker:/podman: against a daemon socket served by this test (TAP).

No Docker or Podman service can run on the build machines (no privileges for their storage and
networking), so the client's protocol handling is tested against the Docker Engine API's response
to `GET /images/{name}/get` as the daemon frames it (HTTP/1.1 on a Unix socket, chunked
`application/x-tar`, its JSON error bodies), served on a Unix socket in a temporary directory.
The image streamed is a docker-archive made here, and the shared Debian image when it is there.

What dockerd sends, and so what this test sends: the headers below; the body in chunks of 32 KiB
(the export's tar goes through a 32 KiB buffered writer and an io.Copy into the response, whose
writer is flushed after every write, so every chunk is one 32 KiB copy, the last one shorter), then
the zero-length chunk. An unknown image is a 404 with `{"message":"No such image: NAME"}` and a
Content-Length; an error after streaming began just ends the connection without the last chunk.
The socket is found through DOCKER_HOST (unix:// and tcp://, the latter served here on 127.0.0.1),
CONTAINER_HOST, and rootless Podman's default $XDG_RUNTIME_DIR/podman/podman.sock.

usage: daemon_test.py SBOM_GEN
"""
import difflib
import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import DEBIAN_TAR, components, finish, ok, one_error_line  # noqa: E402

GEN = os.path.abspath(sys.argv[1])
T = tempfile.mkdtemp(prefix="sbomkit-daemon-")

# The headers Docker Engine 24 sends with an image tarball (chunked, no Content-Length).
OK_HEAD = (b"HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nContent-Type: application/x-tar\r\n"
           b"Docker-Experimental: false\r\nOstype: linux\r\nServer: Docker/24.0.7 (linux)\r\n"
           b"Date: Sun, 06 Dec 2026 00:00:00 GMT\r\nTransfer-Encoding: chunked\r\n\r\n")




def docker_archive(tags, files):
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as t:
        for path, data in sorted(files.items()):
            info = tarfile.TarInfo(path)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            t.addfile(info, io.BytesIO(data))
    layer = layer.getvalue()
    diff_id = hashlib.sha256(layer).hexdigest()
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                         "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff_id]}}).encode()
    cfg_name = hashlib.sha256(config).hexdigest() + ".json"
    manifest = json.dumps([{"Config": cfg_name, "RepoTags": tags, "Layers": [diff_id + "/layer.tar"]}]).encode()
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as t:
        for name, data in [(cfg_name, config), (diff_id + "/layer.tar", layer), ("manifest.json", manifest)]:
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 0
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()


class Daemon:
    """A Unix socket answering GET /images/{name}/get from `images` (name -> tar path)."""

    def __init__(self, path, images, drop=False):
        """`path`: a Unix socket path, or None for TCP on 127.0.0.1 (its port in self.port)."""
        self.path, self.images, self.drop, self.requests = path, images, drop, []
        if path:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.bind(path)
        else:
            self.sock = socket.socket()
            self.sock.bind(("127.0.0.1", 0))
            self.port = self.sock.getsockname()[1]
        self.sock.listen(4)
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn):
        with conn:
            req = b""
            while b"\r\n\r\n" not in req:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                req += chunk
            line = req.split(b"\r\n", 1)[0].decode()
            self.requests.append(line)
            method, path, _ = line.split(" ")
            name = path[len("/images/"):-len("/get")] if path.startswith("/images/") and path.endswith("/get") else None
            from urllib.parse import unquote
            name = unquote(name) if name else None
            if method != "GET" or name not in self.images:
                body = json.dumps({"message": f"No such image: {name}"}).encode() + b"\n"
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nApi-Version: 1.43\r\nContent-Type: application/json\r\n"
                             b"Docker-Experimental: false\r\nOstype: linux\r\nServer: Docker/24.0.7 (linux)\r\n"
                             b"Date: Sun, 06 Dec 2026 00:00:00 GMT\r\n"
                             b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                return
            conn.sendall(OK_HEAD)
            with open(self.images[name], "rb") as f:
                data = f.read()
            if self.drop:
                data = data[: len(data) // 2]
            for i in range(0, len(data), 32768):
                piece = data[i:i + 32768]
                conn.sendall(b"%x\r\n" % len(piece) + piece + b"\r\n")
            if not self.drop:
                conn.sendall(b"0\r\n\r\n")

    def close(self):
        self.sock.close()


def gen(source, env):
    e = dict(os.environ)
    for k in ("DOCKER_HOST", "CONTAINER_HOST", "DOCKER_TLS_VERIFY", "XDG_RUNTIME_DIR"):
        e.pop(k, None)
    e.update(env)
    r = subprocess.run([GEN, "-q", "--no-cache", source], capture_output=True, env=e)
    return r.returncode, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")






def image_kind(text):
    props = json.loads(text)["metadata"]["component"].get("properties", [])
    return {p["name"]: p["value"] for p in props}.get("sbomkit:image:kind")


def as_tar(text):
    """A daemon's SBOM with sbomkit:image:kind as the tar's would say it (docs/properties.md)."""
    d = json.loads(text)
    for p in d["metadata"]["component"].get("properties", []):
        if p["name"] == "sbomkit:image:kind" and p["value"] == "docker-daemon":
            p["value"] = "docker-archive"
    return d


def main():
    small = os.path.join(T, "small.tar")
    with open(small, "wb") as f:
        f.write(docker_archive(["team/small:1"], {
            "etc/os-release": b'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n',
            "var/lib/dpkg/status": b"Package: tzdata\nStatus: install ok installed\nArchitecture: all\n"
                                   b"Version: 2024a-0+deb12u1\nDescription: time zones\n\n"}))
    images = {"team/small:1": small}
    if os.path.isfile(DEBIAN_TAR):
        images["debian-app:latest"] = DEBIAN_TAR
    sock = os.path.join(T, "docker.sock")
    d = Daemon(sock, images)

    for name, path in images.items():
        rc_t, tar_out, err_t = gen(path, {})
        rc, out, err = gen("docker:" + name, {"DOCKER_HOST": "unix://" + sock})
        kind = {p["name"]: p["value"] for p in json.loads(out)["metadata"]["component"]["properties"]}.get("sbomkit:image:kind") if rc == 0 else None
        ok(rc == 0 and rc_t == 0 and components(out) == components(tar_out) and kind == "docker-daemon",
           f"docker:{name} through DOCKER_HOST gives the tar's components", err + err_t)
        ok(rc == 0 and rc_t == 0 and as_tar(out) == json.loads(tar_out),
           f"docker:{name}: the whole SBOM is the tar's but for the documented sbomkit:image:kind",
           "\n".join(difflib.unified_diff(tar_out.splitlines(), out.splitlines(), lineterm="", n=1)))
    ok(any(r == "GET /images/team/small:1/get HTTP/1.1" for r in d.requests), "the request is GET /images/{name}/get",
       d.requests)

    rc, out, err = gen("podman:team/small:1", {"CONTAINER_HOST": "unix://" + sock})
    ok(rc == 0 and "tzdata" in out, "podman: through CONTAINER_HOST (the Docker-compatible API)", err)

    rc, out, err = gen("docker:team/absent:1", {"DOCKER_HOST": "unix://" + sock})
    ok(one_error_line(rc, out, err) and "no such image in the Docker daemon: No such image: team/absent:1" in err,
       "an image the daemon does not have (404 and its JSON message): one line, exit 2", err)

    # DOCKER_HOST=tcp:// is the daemon's API over plain TCP (as the docker CLI speaks it without TLS)
    tcp = Daemon(None, images)
    rc, out, err = gen("docker:team/small:1", {"DOCKER_HOST": f"tcp://127.0.0.1:{tcp.port}"})
    ok(rc == 0 and "tzdata" in out and tcp.requests == ["GET /images/team/small:1/get HTTP/1.1"],
       "DOCKER_HOST=tcp://127.0.0.1:PORT: the same request over TCP", err + str(tcp.requests))
    rc, out, err = gen("docker:team/small:1", {"DOCKER_HOST": f"tcp://127.0.0.1:{tcp.port}", "DOCKER_TLS_VERIFY": "1"})
    ok(one_error_line(rc, out, err) and "DOCKER_TLS_VERIFY" in err and len(tcp.requests) == 1,
       "DOCKER_HOST=tcp:// with DOCKER_TLS_VERIFY is refused, not sent in the clear: one line, exit 2", err)
    tcp.close()

    # rootless Podman's default socket: $XDG_RUNTIME_DIR/podman/podman.sock
    runtime = os.path.join(T, "runtime")
    os.makedirs(os.path.join(runtime, "podman"))
    podman = Daemon(os.path.join(runtime, "podman", "podman.sock"), images)
    rc, out, err = gen("podman:team/small:1", {"XDG_RUNTIME_DIR": runtime})
    ok(rc == 0 and "tzdata" in out and len(podman.requests) == 1 and
       image_kind(out) == "podman-daemon", "podman: with no CONTAINER_HOST uses $XDG_RUNTIME_DIR/podman/podman.sock", err)
    podman.close()

    rc, out, err = gen("docker:team/small:1", {"DOCKER_HOST": "unix://" + os.path.join(T, "absent.sock")})
    ok(one_error_line(rc, out, err) and "cannot reach the Docker daemon at unix://" in err,
       "no daemon at the socket: one line, exit 2", err)

    rc, out, err = gen("docker:team/small:1", {"DOCKER_HOST": "ssh://me@host"})
    ok(one_error_line(rc, out, err) and "is not unix://PATH or tcp://HOST:PORT" in err,
       "a DOCKER_HOST we cannot speak to: one line, exit 2", err)

    drop_sock = os.path.join(T, "drop.sock")
    Daemon(drop_sock, images, drop=True)
    rc, out, err = gen("docker:team/small:1", {"DOCKER_HOST": "unix://" + drop_sock})
    ok(one_error_line(rc, out, err), "a daemon that stops mid-stream: one line, exit 2", err)
    d.close()


try:
    main()
finally:
    shutil.rmtree(T, ignore_errors=True)
sys.exit(finish())
