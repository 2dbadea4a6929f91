#!/usr/bin/env python3
"""sbom-gen against real registries on 127.0.0.1 (TAP).

Debian's docker-registry (Docker distribution 2.8) is started on free loopback ports with temporary
storage, anonymous, with htpasswd basic auth and with token auth (a token server of this test's
own, signing with a key the registry trusts); images are pushed with Debian's skopeo: the shared
Debian image and small images made here (a multi-platform index, a base and an image on it). A
proxy of this test's own answers 503 once and drops a layer mid-way. Everything is stopped at the
end. Missing packages make the whole test skip visibly (TAP `1..0 # SKIP`).

usage: registry_test.py SBOM_GEN
"""
import base64
import http.client
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (DEBIAN_TAR, FIXTURES, CountingProxy, Registry, components, finish, image_props, make_ca,  # noqa: E402
                    oci_image, oci_layout, ok, one_error_line, skip, tar_layer, write_blob)
import ssl
import time

GEN = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))

NEEDED = ["docker-registry", "skopeo", "htpasswd", "openssl", "zstd", "parallel"]
missing = [p for p in NEEDED if shutil.which(p) is None]
if missing:
    print("1..0 # SKIP missing " + ", ".join(missing) + " (apt-get install docker-registry skopeo apache2-utils openssl zstd parallel)")
    sys.exit(0)

T = tempfile.mkdtemp(prefix="sbomkit-registry-")
PROCS = []
SERVERS = []




def run(cmd, env=None, stdin=None):
    e = dict(os.environ)
    e.pop("DOCKER_CONFIG", None)
    e["HOME"] = os.path.join(T, "home")  # no credentials of the machine's user
    if env:
        e.update(env)
    return subprocess.run(cmd, capture_output=True, env=e, stdin=stdin)


def gen(*args, env=None):
    r = run([GEN, "-q", *args], env=env)
    return r.returncode, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")


def push(src, dest, *extra):
    r = run(["skopeo", "copy", "-q", "--dest-tls-verify=false", *extra, src, dest])
    if r.returncode != 0:
        raise SystemExit("Bail out! skopeo copy failed: " + r.stderr.decode(errors="replace"))








# ---- small images of our own ------------------------------------------------------------------

def status_entry(name, version, arch):
    return (f"Package: {name}\nStatus: install ok installed\nPriority: optional\nArchitecture: {arch}\n"
            f"Version: {version}\nMaintainer: Test <t@example.org>\nDescription: {name}\n\n").encode()


OS_RELEASE = (b'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\n'
              b'VERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n')


def make_images():
    base_files = {"etc/os-release": OS_RELEASE, "var/lib/dpkg/status": status_entry("base-files", "12.4", "amd64")}
    base_layer = tar_layer(base_files)
    app_layer = tar_layer({"var/lib/dpkg/status": status_entry("base-files", "12.4", "amd64") +
                           status_entry("curl", "7.88.1-10", "amd64")})
    # base:1 = [base]; app:1 = [base, app] (same base blob: the cache should read only the app layer)
    base = os.path.join(T, "base.oci")
    base_desc = oci_image(base, "amd64", [(base_layer, "gzip")])
    oci_layout(base, [base_desc])
    # annotated:1 = app:1 whose manifest names base:1 in its OCI base annotations (its config has no history)
    annotated = os.path.join(T, "annotated.oci")
    oci_layout(annotated, [oci_image(annotated, "amd64", [(base_layer, "gzip"), (app_layer, "gzip")],
                                     {"org.opencontainers.image.base.name": "registry.example/base:1",
                                      "org.opencontainers.image.base.digest": base_desc["digest"]})])
    app = os.path.join(T, "app.oci")
    oci_layout(app, [oci_image(app, "amd64", [(base_layer, "gzip"), (app_layer, "gzip")])])
    # multi:1 = an index of linux/amd64 (gzip) and linux/arm64 (zstd) images with different packages
    multi = os.path.join(T, "multi.oci")
    arm = tar_layer({"etc/os-release": OS_RELEASE, "var/lib/dpkg/status": status_entry("arm-only", "1.0", "arm64")})
    os.makedirs(multi)
    inner = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                        "manifests": [oci_image(multi, "amd64", [(base_layer, "gzip")]),
                                      oci_image(multi, "arm64", [(arm, "zstd")])]}).encode()
    oci_layout(multi, [dict(mediaType="application/vnd.oci.image.index.v1+json", **write_blob(multi, inner),
                            annotations={"org.opencontainers.image.ref.name": "multi"})])
    # layers:1 = the base and LAYERS more layers (connection reuse: one connection per worker, not per blob)
    layers = os.path.join(T, "layers.oci")
    extra = [(tar_layer({f"usr/share/doc/layer{i}/README": f"layer {i}\n".encode() * 100}), "gzip") for i in range(LAYERS)]
    oci_layout(layers, [oci_image(layers, "amd64", [(base_layer, "gzip")] + extra)])
    return base, app, multi, layers, annotated


LAYERS = 8


# ---- a proxy that misbehaves on purpose ---------------------------------------------------------

class Proxy(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream, mode):
        self.upstream, self.mode, self.seen = upstream, mode, set()
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.host = f"127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()
        SERVERS.append(self)


class ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        srv = self.server
        is_blob = "/blobs/" in self.path
        if srv.mode == "503-once" and self.path not in srv.seen:
            srv.seen.add(self.path)
            self.send_response(503)
            self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        c = http.client.HTTPConnection(srv.upstream, timeout=30)
        c.request("GET", self.path, headers={k: v for k, v in self.headers.items() if k.lower() in ("accept", "authorization")})
        r = c.getresponse()
        body = r.read()
        headers = ("content-type", "docker-content-digest", "www-authenticate")
        if srv.mode == "foreign" and "/manifests/" in self.path and r.status == 200:
            # The image's last layer made a foreign one (as Windows base layers are): a registry
            # holds the manifest, not the blob. The digest header would no longer fit the bytes.
            m = json.loads(body)
            if "layers" in m:
                m["layers"][-1]["mediaType"] = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
                m["layers"][-1]["urls"] = ["https://example.invalid/blob"]
                body = json.dumps(m).encode()
                headers = ("content-type",)
        if srv.mode == "foreign" and "/blobs/" in self.path:
            srv.seen.add(self.path)
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() in headers:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if srv.mode == "drop" and is_blob and r.status == 200 and len(body) > 100:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        self.wfile.write(body)


# ---- a token server of our own ------------------------------------------------------------------

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TokenServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, key, cert_der, user, password, service, issuer, tls=None):
        self.key, self.cert_der, self.creds = key, cert_der, base64.b64encode(f"{user}:{password}".encode()).decode()
        self.service, self.issuer = service, issuer
        super().__init__(("127.0.0.1", 0), TokenHandler)
        scheme = "http"
        if tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self.socket = ctx.wrap_socket(self.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server_address[1]}/token"
        threading.Thread(target=self.serve_forever, daemon=True).start()
        SERVERS.append(self)

    def token(self, scope):
        header = {"typ": "JWT", "alg": "RS256", "x5c": [base64.b64encode(self.cert_der).decode()]}
        now = int(time.time())
        access = []
        m = re.match(r"repository:([^:]+):(.+)$", scope or "")
        if m:
            access.append({"type": "repository", "name": m.group(1), "actions": m.group(2).split(",")})
        claims = {"iss": self.issuer, "sub": "tester", "aud": self.service, "exp": now + 300, "nbf": now - 10,
                  "iat": now, "jti": str(now) + str(threading.get_ident()), "access": access}
        signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())).encode()
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.key], input=signing_input,
                             capture_output=True, check=True).stdout
        return signing_input.decode() + "." + b64url(sig)


class TokenHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        srv = self.server
        if self.headers.get("Authorization") != "Basic " + srv.creds:
            self.send_response(401)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        from urllib.parse import urlparse, parse_qs
        qs = parse_qs(urlparse(self.path).query)
        body = json.dumps({"token": srv.token(qs.get("scope", [""])[0])}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def docker_config(name, config):
    d = os.path.join(T, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(config, f)
    return d


def main():
    have_debian = os.path.isfile(DEBIAN_TAR)
    storage = os.path.join(T, "storage")
    reg = Registry("anon", storage, T, PROCS)
    base, app, multi, layers, annotated = make_images()
    push(f"oci:{base}", f"docker://{reg.host}/base:1")
    push(f"oci:{base}", f"docker://{reg.host}/annotated:base", "--preserve-digests")
    push(f"oci:{annotated}", f"docker://{reg.host}/annotated:1", "--preserve-digests")
    push(f"oci:{annotated}", f"docker://{reg.host}/alone:1", "--preserve-digests")
    push(f"oci:{app}", f"docker://{reg.host}/app:1")
    push(f"oci:{layers}", f"docker://{reg.host}/layers:1")
    push(f"oci:{multi}:multi", f"docker://{reg.host}/multi:1", "--all")

    # -- registry SBOM = tar SBOM (the shared Debian image) --
    if have_debian:
        push(f"docker-archive:{DEBIAN_TAR}", f"docker://{reg.host}/debian-app:1", "--dest-compress-format", "zstd")
        rc_t, tar_out, err_t = gen("--no-cache", DEBIAN_TAR)
        rc_r, reg_out, err_r = gen("--no-cache", "--insecure", f"registry:{reg.host}/debian-app:1")
        ok(rc_t == 0 and rc_r == 0 and components(tar_out) == components(reg_out),
           "registry SBOM of the Debian image has the components and dependencies of the tar's", err_t + err_r)
        props = image_props(reg_out) if rc_r == 0 else {}
        ok(props.get("sbomkit:image:kind") == "registry" and props.get("sbomkit:image:reference") == f"{reg.host}/debian-app:1"
           and props.get("sbomkit:image:reference_digest", "").startswith("sha256:"),
           "registry SBOM names the reference and the digest it resolved to", json.dumps(props))
        digest = props.get("sbomkit:image:reference_digest", "")
        rc, by_digest, err = gen("--no-cache", "--insecure", f"{reg.host}/debian-app@{digest}")
        ok(rc == 0 and components(by_digest) == components(reg_out), "a plain reference by digest gives the same SBOM", err)
        # warm cache against cold, same bytes
        cache = os.path.join(T, "cache-debian")
        rc1, cold, _ = gen("--cache-dir", cache, "--insecure", f"registry:{reg.host}/debian-app:1")
        since = reg.log_size()
        rc2, warm, _ = gen("--cache-dir", cache, "--insecure", f"registry:{reg.host}/debian-app:1")
        ok(rc1 == rc2 == 0 and cold == warm == reg_out, "cached and uncached Debian SBOMs are byte-identical")
        ok(len(reg.blob_gets(since)) == 1, "a warm cache reads no layer (only the config blob)", reg.blob_gets(since))
        # two processes filling an empty cache at once
        shared = os.path.join(T, "cache-race")
        procs = [subprocess.Popen([GEN, "-q", "--cache-dir", shared, "--insecure", f"registry:{reg.host}/debian-app:1"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        outs = [p.communicate() for p in procs]
        rc3, after, err3 = gen("--cache-dir", shared, "--insecure", f"registry:{reg.host}/debian-app:1")
        ok(all(p.returncode == 0 for p in procs) and all(o[0].decode() == reg_out for o in outs) and after == reg_out
           and err3 == "", "two processes filling one cache at once: both right, and the entry they left is sound",
           [o[1] for o in outs] + [err3])
        # a corrupt entry is detected and rebuilt
        entries = [os.path.join(dp, f) for dp, _, fs in os.walk(shared) for f in fs if "-" in f and os.path.basename(dp) != "tmp"]
        with open(entries[0], "r+b") as f:
            f.seek(os.path.getsize(entries[0]) // 2)
            b = f.read(1)
            f.seek(-1, 1)
            f.write(bytes([b[0] ^ 0x55]))
        since = reg.log_size()
        rc4, rebuilt, err4 = gen("--cache-dir", shared, "--insecure", f"registry:{reg.host}/debian-app:1")
        ok(rc4 == 0 and rebuilt == reg_out and "could not be trusted (checksum mismatch)" in err4
           and len(reg.blob_gets(since)) == 2, "a corrupt cache entry is reported, read again and rebuilt", err4)
        rc5, again, err5 = gen("--cache-dir", shared, "--insecure", f"registry:{reg.host}/debian-app:1")
        ok(rc5 == 0 and again == reg_out and err5 == "", "the rebuilt entry is trusted again", err5)
    else:
        print(f"# no Debian image at {FIXTURES}: its registry/tar comparisons are skipped")
        for name in ["registry SBOM of the Debian image", "reference properties", "by digest", "cache identical",
                     "warm cache reads no layer", "two processes", "corrupt entry", "rebuilt entry"]:
            skip(name, "no Debian image")

    # -- the OCI base annotations: exact when the base's manifest is in the same repository --
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{reg.host}/annotated:1")
    props = image_props(out) if rc == 0 else {}
    origins = sorted((c["name"], p["value"]) for c in json.loads(out).get("components", []) if rc == 0
                     for p in c.get("properties", []) if p["name"] == "sbomkit:layer:origin") if rc == 0 else []
    ok(rc == 0 and props.get("sbomkit:base:from") == "oci-annotation" and props.get("sbomkit:base:layers") == "1"
       and props.get("sbomkit:base:name") == "registry.example/base:1" and ("curl", "image") in origins
       and ("debian", "base") in origins and err == "",
       "registry: the manifest's base annotations decide the base's layers (its manifest fetched from the repository)",
       json.dumps(props) + "\n" + repr(origins) + "\n" + err)
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{reg.host}/alone:1")
    props = image_props(out) if rc == 0 else {}
    ok(rc == 0 and props.get("sbomkit:base:name_from") == "oci-annotation" and "sbomkit:base:from" not in props
       and "only its name is known" in err and "HTTP 404" in err,
       "registry: a base manifest the repository lacks leaves only the name, said in a warning", json.dumps(props) + "\n" + err)

    # -- the multi-platform index --
    rc, amd, err = gen("--no-cache", "--insecure", "--platform", "linux/amd64", f"registry:{reg.host}/multi:1")
    rc2, arm, err2 = gen("--no-cache", "--insecure", "--platform", "linux/arm64", f"registry:{reg.host}/multi:1")
    names = lambda t: sorted(c["name"] for c in json.loads(t).get("components", []) if c.get("type") == "library")
    ok(rc == 0 and rc2 == 0 and names(amd) == ["base-files"] and names(arm) == ["arm-only"]
       and image_props(arm).get("sbomkit:image:architecture") == "arm64",
       "--platform picks the image of a multi-platform index (gzip and zstd layers)", err + err2)
    rc, out, err = gen("--no-cache", "--insecure", "--platform", "linux/s390x", f"registry:{reg.host}/multi:1")
    ok(one_error_line(rc, out, err) and "available: linux/amd64, linux/arm64" in err,
       "a platform the index lacks: one line naming those it has, exit 2", err)

    # -- the cache across images that share a base --
    cache = os.path.join(T, "cache-shared")
    rc, _, err = gen("--cache-dir", cache, "--insecure", f"registry:{reg.host}/base:1")
    since = reg.log_size()
    rc2, cached_app, err2 = gen("--cache-dir", cache, "--insecure", f"registry:{reg.host}/app:1")
    gets = reg.blob_gets(since)
    rc3, plain_app, err3 = gen("--no-cache", "--insecure", f"registry:{reg.host}/app:1")
    ok(rc == rc2 == rc3 == 0 and len(gets) == 2 and cached_app == plain_app and "curl" in names(plain_app),
       "after its base, an image reads only its new layer (config + 1 layer GET) and its SBOM is byte-identical",
       f"GETs {gets}\n{err}{err2}{err3}")

    # -- errors: one line, exit 2, nothing on stdout --
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{reg.host}/app:nope")
    ok(one_error_line(rc, out, err) and "HTTP 404" in err, "an unknown tag: one line, exit 2", err)
    rc, out, err = gen("--no-cache", f"registry:{reg.host}/app:1")
    ok(one_error_line(rc, out, err) and "--insecure" in err, "plain HTTP without --insecure is refused", err)
    drop = Proxy(reg.host, "drop")
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{drop.host}/app:1")
    ok(one_error_line(rc, out, err) and "bytes remaining" in err, "a registry that drops a layer mid-way: one line, exit 2", err)
    flaky = Proxy(reg.host, "503-once")
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{flaky.host}/app:1")
    ok(rc == 0 and components(out) == components(plain_app), "503 answers are retried (every request failed once)", err)
    foreign = Proxy(reg.host, "foreign")
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{foreign.host}/app:1")
    ok(rc == 0 and names(out) == ["base-files"] and "skipped: a foreign layer" in err and len(foreign.seen) == 2,
       "a foreign layer is not fetched: a warning, and the SBOM of the other layers", f"{err}\n{foreign.seen}")
    # a blob whose bytes no longer match its digest (tampered in the registry's storage)
    tampered_storage = os.path.join(T, "storage-tampered")
    shutil.copytree(storage, tampered_storage, symlinks=True)
    with open(os.path.join(app, "index.json")) as f:
        app_manifest = json.load(f)["manifests"][0]["digest"]
    with open(os.path.join(app, "blobs", "sha256", app_manifest[7:])) as f:
        app_layer = json.load(f)["layers"][1]["digest"]
    data = os.path.join(tampered_storage, "docker/registry/v2/blobs/sha256", app_layer[7:9], app_layer[7:], "data")
    with open(data, "r+b") as f:
        f.seek(20)
        b = f.read(1)
        f.seek(20)
        f.write(bytes([b[0] ^ 1]))
    bad = Registry("tampered", tampered_storage, T, PROCS)
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{bad.host}/app:1")
    ok(one_error_line(rc, out, err) and ("does not match" in err or "gzip" in err),
       "a layer whose content does not match its digest: one line, exit 2", err)

    # -- basic auth (htpasswd) --
    htpasswd = os.path.join(T, "htpasswd")
    subprocess.run(["htpasswd", "-Bbc", htpasswd, "tester", "s3cret"], check=True, capture_output=True)
    basic = Registry("basic", storage, T, PROCS, f"auth:\n  htpasswd:\n    realm: sbomkit-test\n    path: {htpasswd}\n")
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{basic.host}/app:1")
    ok(one_error_line(rc, out, err) and "401" in err and "no credentials" in err,
       "basic auth without credentials: one line, exit 2", err)
    auth = base64.b64encode(b"tester:s3cret").decode()
    cfg = docker_config("cfg-basic", {"auths": {basic.host: {"auth": auth}}})
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{basic.host}/app:1", env={"DOCKER_CONFIG": cfg})
    ok(rc == 0 and components(out) == components(plain_app), "basic auth with the Docker configuration's auths", err)
    cfg_bad = docker_config("cfg-bad", {"auths": {basic.host: {"auth": base64.b64encode(b"tester:wrong").decode()}}})
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{basic.host}/app:1", env={"DOCKER_CONFIG": cfg_bad})
    ok(one_error_line(rc, out, err) and "refused the credentials" in err, "wrong credentials: one line, exit 2", err)
    helper_dir = os.path.join(T, "bin")
    os.makedirs(helper_dir, exist_ok=True)
    helper = os.path.join(helper_dir, "docker-credential-sbomkittest")
    with open(helper, "w") as f:
        f.write('#!/bin/sh\nread host\n[ "$1" = get ] || exit 1\n'
                f'[ "$host" = "{basic.host}" ] || {{ echo "credentials not found in native keychain"; exit 1; }}\n'
                'echo \'{"ServerURL":"\'"$host"\'","Username":"tester","Secret":"s3cret"}\'\n')
    os.chmod(helper, 0o755)
    cfg_helper = docker_config("cfg-helper", {"credHelpers": {basic.host: "sbomkittest"}})
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{basic.host}/app:1",
                       env={"DOCKER_CONFIG": cfg_helper, "PATH": helper_dir + ":" + os.environ["PATH"]})
    ok(rc == 0 and components(out) == components(plain_app), "basic auth through a docker-credential helper", err)

    # -- token auth (a token server of our own) --
    key, cert = os.path.join(T, "token.key"), os.path.join(T, "token.crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=sbomkit-test-token"], check=True, capture_output=True)
    der = subprocess.run(["openssl", "x509", "-in", cert, "-outform", "DER"], check=True, capture_output=True).stdout
    tokens = TokenServer(key, der, "tester", "s3cret", "sbomkit-test", "sbomkit-test-issuer")
    token_reg = Registry("token", storage, T, PROCS, f"auth:\n  token:\n    realm: {tokens.url}\n    service: sbomkit-test\n"
                                           f"    issuer: sbomkit-test-issuer\n    rootcertbundle: {cert}\n")
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{token_reg.host}/app:1")
    ok(one_error_line(rc, out, err) and "401" in err, "token auth without credentials: one line, exit 2", err)
    cfg_tok = docker_config("cfg-token", {"auths": {token_reg.host: {"auth": auth}}})
    rc, out, err = gen("--no-cache", "--insecure", f"registry:{token_reg.host}/app:1", env={"DOCKER_CONFIG": cfg_tok})
    ok(rc == 0 and components(out) == components(plain_app), "bearer token auth through the registry's token server", err)

    tls_and_connections(reg, storage, plain_app, auth, key, der)

    # -- the fleet recipe of docs/fleet.md, run as written, over several images --
    fleet(reg)


def tls_and_connections(reg, storage, plain_app, auth, token_key, token_der):
    """HTTPS with a CA of the test's own (--ca-file, the certs.d layout), refused without it, and
    how many connections a multi-layer pull opens (a counting proxy in front of the registry)."""
    workers = min(os.cpu_count() or 1, LAYERS + 1)
    # -- connections over plain HTTP --
    rc, direct, err = gen("--no-cache", "--insecure", f"registry:{reg.host}/layers:1")
    proxy = CountingProxy(reg.host)
    rc2, via, err2 = gen("--no-cache", "--insecure", f"registry:{proxy.host}/layers:1")
    ok(rc == rc2 == 0 and components(via) == components(direct) and 1 <= proxy.connections <= workers,
       f"a pull of {LAYERS + 1} layers over plain HTTP opens at most one connection per worker ({workers}), "
       f"not one per blob: {proxy.connections}", f"{err}{err2}connections: {proxy.connections}")
    proxy.close()

    ca, crt, key = make_ca(T)
    tls = Registry("tls", storage, T, PROCS, tls=(crt, key))
    empty = os.path.join(T, "certs.d-empty")
    os.makedirs(empty)
    # -- trusted through --ca-file, and through DIR/HOST:PORT/ca.crt --
    since = tls.log_size()
    rc, out, err = gen("--no-cache", "--certs-dir", empty, "--ca-file", ca, f"registry:{tls.host}/app:1")
    ok(rc == 0 and components(out) == components(plain_app), "HTTPS with the registry's CA given by --ca-file", err)
    with open(tls.log, errors="replace") as f:
        f.seek(since)
        requests = re.findall(r'"GET /v2/[^ ]+ (HTTP/[0-9.]+)"', f.read())
    ok(requests and set(requests) == {"HTTP/2.0"}, "HTTP/2 where the registry offers it over TLS (its access log)", requests)
    certs = os.path.join(T, "certs.d")
    os.makedirs(os.path.join(certs, tls.host))
    shutil.copy(ca, os.path.join(certs, tls.host, "ca.crt"))
    rc, out, err = gen("--no-cache", "--certs-dir", certs, f"registry:{tls.host}/app:1")
    ok(rc == 0 and components(out) == components(plain_app),
       "HTTPS with the registry's CA as HOST:PORT/ca.crt under --certs-dir (Docker's certs.d layout)", err)
    # -- refused without it: one line naming the registry and why, nothing on stdout --
    rc, out, err = gen("--no-cache", "--certs-dir", empty, f"registry:{tls.host}/app:1")
    ok(one_error_line(rc, out, err) and tls.host in err and "certificate" in err and "--ca-file" in err,
       "HTTPS with an unknown CA is refused: one line naming the registry and the TLS reason, exit 2", err)
    rc, out, err = gen("--no-cache", "--certs-dir", empty, "--ca-file", crt.replace("server.crt", "server.key"),
                       f"registry:{tls.host}/app:1")
    ok(one_error_line(rc, out, err) and "server.key" in err, "a --ca-file with no certificate in it: one line, exit 2", err)
    # -- --insecure is plain HTTP only: it never turns verification off --
    rc, out, err = gen("--no-cache", "--insecure", "--certs-dir", empty, f"registry:{tls.host}/app:1")
    ok(one_error_line(rc, out, err) and "HTTPS" in err,
       "--insecure against an HTTPS registry speaks plain HTTP and fails (verification is never turned off)", err)
    # -- connections over TLS --
    proxy = CountingProxy(tls.host)
    rc, out, err = gen("--no-cache", "--certs-dir", empty, "--ca-file", ca, f"registry:{proxy.host}/layers:1")
    ok(rc == 0 and components(out) == components(direct) and 1 <= proxy.connections <= workers,
       f"a pull of {LAYERS + 1} layers over HTTPS opens at most one connection per worker ({workers}): {proxy.connections}",
       f"{err}connections: {proxy.connections}")
    proxy.close()

    # -- token auth over TLS: registry and token server both HTTPS under the same CA --
    tokens = TokenServer(token_key, token_der, "tester", "s3cret", "sbomkit-test", "sbomkit-test-issuer", tls=(crt, key))
    cert_pem = os.path.join(T, "token.crt")
    token_tls = Registry("token-tls", storage, T, PROCS,
                         f"auth:\n  token:\n    realm: {tokens.url}\n    service: sbomkit-test\n"
                         f"    issuer: sbomkit-test-issuer\n    rootcertbundle: {cert_pem}\n", tls=(crt, key))
    proxy = CountingProxy(token_tls.host)
    cfg_tok = docker_config("cfg-token-tls", {"auths": {proxy.host: {"auth": auth}}})
    rc, out, err = gen("--no-cache", "--certs-dir", empty, "--ca-file", ca, f"registry:{proxy.host}/layers:1",
                       env={"DOCKER_CONFIG": cfg_tok})
    ok(rc == 0 and components(out) == components(direct) and 1 <= proxy.connections <= workers,
       f"bearer token auth over HTTPS (token server HTTPS too), at most one connection per worker: {proxy.connections}",
       f"{err}connections: {proxy.connections}")
    proxy.close()
    certs_reg_only = os.path.join(T, "certs.d-token-registry")
    os.makedirs(os.path.join(certs_reg_only, token_tls.host))
    shutil.copy(ca, os.path.join(certs_reg_only, token_tls.host, "ca.crt"))
    cfg_tok = docker_config("cfg-token-tls-direct", {"auths": {token_tls.host: {"auth": auth}}})
    rc, out, err = gen("--no-cache", "--certs-dir", certs_reg_only, f"registry:{token_tls.host}/app:1",
                       env={"DOCKER_CONFIG": cfg_tok})
    ok(one_error_line(rc, out, err) and "token server" in err and "certificate" in err,
       "a token server whose CA is not trusted: one line, exit 2", err)


def fleet(reg):
    """Runs the recipes of docs/fleet.md marked for this test, as written, over several images."""
    doc = open(os.path.join(HERE, "..", "..", "docs", "fleet.md")).read()
    images = [f"registry:{reg.host}/base:1", f"registry:{reg.host}/app:1", f"registry:{reg.host}/multi:1"]
    for engine in ["parallel", "xargs"]:
        m = re.search(r"<!-- test: " + engine + r" -->\s*```sh\n(.*?)```", doc, re.S)
        if not m:
            ok(False, f"docs/fleet.md has the {engine} recipe marked for this test")
            continue
        work = os.path.join(T, "fleet-" + engine)
        os.makedirs(work)
        with open(os.path.join(work, "images.txt"), "w") as f:
            f.write("\n".join(images) + "\n")
        env = dict(os.environ, PATH=os.path.dirname(GEN) + ":" + os.environ["PATH"], HOME=os.path.join(T, "home"),
                   SBOM_GEN_FLAGS="--insecure", CACHE=os.path.join(work, "cache"))
        r = subprocess.run(["bash", "-euo", "pipefail", "-c", m.group(1)], cwd=work, env=env, capture_output=True)
        outs = sorted(os.listdir(os.path.join(work, "sboms"))) if os.path.isdir(os.path.join(work, "sboms")) else []
        good = r.returncode == 0 and len(outs) == len(images)
        for name in outs:
            with open(os.path.join(work, "sboms", name)) as f:
                good = good and json.load(f).get("bomFormat") == "CycloneDX"
        ok(good, f"the {engine} recipe of docs/fleet.md scans {len(images)} images into sboms/ over one cache",
           r.stderr.decode(errors="replace") + "\n" + " ".join(outs))


try:
    main()
finally:
    for s in SERVERS:
        s.shutdown()
    for p in PROCS:
        p.terminate()
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
    shutil.rmtree(T, ignore_errors=True)
sys.exit(finish())
