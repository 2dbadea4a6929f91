#!/usr/bin/env python3
"""A local OSV bucket for sbom-db update tests: serves ROOT on 127.0.0.1 (an ephemeral port, written
to PORTFILE) until killed. Paths under /drop/ send the Content-Length of the whole file, then half of
it and close the connection; /cut/ sends half with no length and closes (the body looks complete to
HTTP); /empty/ answers 200 with an empty body. Last-Modified is the file's time; If-Modified-Since
is honoured (304)."""
import email.utils
import http.server
import os
import sys
import urllib.parse

root, portfile = sys.argv[1], sys.argv[2]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        mode, _, rest = urllib.parse.unquote(self.path).lstrip("/").partition("/")
        if mode not in ("ok", "drop", "cut", "empty"):
            mode, rest = "ok", urllib.parse.unquote(self.path).lstrip("/")
        path = os.path.join(root, *[p for p in rest.split("/") if p not in ("", ".", "..")])
        if not os.path.isfile(path):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = open(path, "rb").read()
        mtime = int(os.path.getmtime(path))
        lm = email.utils.formatdate(mtime, usegmt=True)
        ims = self.headers.get("If-Modified-Since")
        if mode == "ok" and ims and email.utils.parsedate_to_datetime(ims).timestamp() >= mtime:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Last-Modified", lm)
        if mode == "empty":
            data = b""
        if mode == "cut":
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.close_connection = True
            return
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data if mode != "drop" else data[: len(data) // 2])
        self.wfile.flush()
        if mode == "drop":
            self.close_connection = True


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(portfile + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(portfile + ".tmp", portfile)
server.serve_forever()
