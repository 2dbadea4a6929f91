"""What the registry and daemon tests (and bench/registry) share: TAP lines, the shared Debian image,
SBOM comparisons, a registry process, OCI layouts made in Python."""
import gzip
import hashlib
import io
import json
import os
import re
import socket
import ssl
import subprocess
import tarfile
import threading
import time
import urllib.error
import urllib.request

FIXTURES = os.environ.get("SBOMKIT_DEBIAN_IMAGE") or os.path.join(
    os.environ.get("SBOMKIT_FIXTURES") or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                                                       "sbomkit-fixtures"), "debian-app")
DEBIAN_TAR = os.path.join(FIXTURES, "debian-app.docker.tar")
results = []


def ok(cond, name, detail=""):
    """One TAP line; the detail (why it failed) as comments."""
    results.append(bool(cond))
    print(("ok " if cond else "not ok ") + f"{len(results)} - {name}", flush=True)
    if not cond and detail:
        for line in str(detail).splitlines()[:40]:
            print("# " + line)


def skip(name, why):
    results.append(True)
    print(f"ok {len(results)} - {name} # SKIP {why}", flush=True)


def finish():
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


def one_error_line(rc, out, err):
    return rc == 2 and out == "" and len(err.splitlines()) == 1 and err.startswith("sbom-gen: error: ")


def components(text):
    d = json.loads(text)
    # The image's own dependency entry is named by its bom-ref, which differs between input forms:
    # compared by what it holds.
    image = ((d.get("metadata") or {}).get("component") or {}).get("bom-ref")
    deps = [dict(e, ref="IMAGE") if e.get("ref") == image else e for e in d.get("dependencies") or []]
    return json.dumps({"components": d.get("components"), "dependencies": deps}, sort_keys=True)


def image_props(text):
    d = json.loads(text)
    return {p["name"]: p["value"] for p in d["metadata"]["component"].get("properties", [])}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Registry:
    """Debian's docker-registry serving `storage` on a free loopback port; its config and log in
    `workdir`, its process appended to `procs` (the caller stops them)."""

    def __init__(self, name, storage, workdir, procs, auth_yaml="", tls=None):
        """`tls`: (certificate, key) PEM files to serve HTTPS with."""
        self.port = free_port()
        self.host = f"127.0.0.1:{self.port}"
        self.log = os.path.join(workdir, name + ".log")
        cfg = os.path.join(workdir, name + ".yml")
        tls_yaml = f"  tls:\n    certificate: {tls[0]}\n    key: {tls[1]}\n" if tls else ""
        scheme = "https" if tls else "http"
        # The readiness probe only asks whether something answers: verification is sbom-gen's test.
        probe_ctx = ssl._create_unverified_context() if tls else None
        with open(cfg, "w") as f:
            f.write(f"""version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: {storage}
  delete:
    enabled: true
http:
  addr: {self.host}
{tls_yaml}{auth_yaml}""")
        self.proc = subprocess.Popen(["docker-registry", "serve", cfg], stdout=open(self.log, "w"), stderr=subprocess.STDOUT)
        procs.append(self.proc)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{scheme}://{self.host}/v2/", timeout=1, context=probe_ctx)
                return
            except urllib.error.HTTPError:
                return  # 401 from an authenticating registry: it is up
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"Bail out! docker-registry did not start (see {self.log})")

    def blob_gets(self, since):
        """Blob GETs answered 200 since log offset `since` (the access log lines)."""
        with open(self.log, errors="replace") as f:
            f.seek(since)
            text = f.read()
        return re.findall(r'"GET /v2/[^ ]+/blobs/(sha256:[0-9a-f]{64}) HTTP/1\.1" 200', text)

    def log_size(self):
        return os.path.getsize(self.log)


def make_ca(workdir):
    """A CA and a server certificate for 127.0.0.1 and localhost signed by it, made with openssl in
    `workdir`: (ca.crt, server.crt, server.key)."""
    ca_key, ca_crt = os.path.join(workdir, "ca.key"), os.path.join(workdir, "ca.crt")
    key, crt = os.path.join(workdir, "server.key"), os.path.join(workdir, "server.crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca_crt,
                    "-days", "2", "-subj", "/CN=sbomkit test CA",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
                   check=True, capture_output=True)
    subprocess.run(["openssl", "req", "-x509", "-CA", ca_crt, "-CAkey", ca_key, "-newkey", "rsa:2048", "-nodes",
                    "-keyout", key, "-out", crt, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-addext", "basicConstraints=CA:FALSE",
                    "-addext", "extendedKeyUsage=serverAuth"], check=True, capture_output=True)
    return ca_crt, crt, key


class CountingProxy:
    """A TCP proxy of the test's own on 127.0.0.1 in front of `upstream` (HOST:PORT) that counts the
    connections it accepts: bytes pass untouched, TLS included."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.connections = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.host = f"127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            host, port = self.upstream.rsplit(":", 1)
            try:
                server = socket.create_connection((host, int(port)), timeout=30)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self.pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def pipe(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def close(self):
        self.sock.close()


def tar_layer(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for path, data in sorted(files.items()):
            info = tarfile.TarInfo(path)
            info.size = len(data)
            info.mtime = 0
            info.mode = 0o644
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


_compressed = {}


def compress(raw, how):
    """(blob, media type) of a layer tar compressed with gzip or zstd; the same layer twice is
    compressed once (images made to share a base)."""
    key = (hashlib.sha256(raw).digest(), how)
    if key not in _compressed:
        if how == "gzip":
            _compressed[key] = gzip.compress(raw, mtime=0), "application/vnd.oci.image.layer.v1.tar+gzip"
        else:
            r = subprocess.run(["zstd", "-q", "-c"], input=raw, capture_output=True, check=True)
            _compressed[key] = r.stdout, "application/vnd.oci.image.layer.v1.tar+zstd"
    return _compressed[key]


def write_blob(layout, data):
    d = "sha256:" + hashlib.sha256(data).hexdigest()
    os.makedirs(os.path.join(layout, "blobs", "sha256"), exist_ok=True)
    with open(os.path.join(layout, "blobs", "sha256", d[7:]), "wb") as f:
        f.write(data)
    return {"digest": d, "size": len(data)}


def oci_image(layout, arch, layers, annotations=None):
    """Writes config, layers and manifest of one image (with `annotations`); returns the manifest descriptor."""
    descs, diff_ids = [], []
    for raw, how in layers:
        blob, mt = compress(raw, how)
        descs.append(dict(mediaType=mt, **write_blob(layout, blob)))
        diff_ids.append("sha256:" + hashlib.sha256(raw).hexdigest())
    config = json.dumps({"architecture": arch, "os": "linux", "rootfs": {"type": "layers", "diff_ids": diff_ids},
                         "config": {}}).encode()
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": dict(mediaType="application/vnd.oci.image.config.v1+json", **write_blob(layout, config)),
                "layers": descs}
    if annotations:
        manifest["annotations"] = annotations
    manifest = json.dumps(manifest).encode()
    return dict(mediaType="application/vnd.oci.image.manifest.v1+json", **write_blob(layout, manifest),
                platform={"os": "linux", "architecture": arch})


def oci_layout(layout, manifests):
    os.makedirs(layout, exist_ok=True)
    with open(os.path.join(layout, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')
    with open(os.path.join(layout, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests}, f)
