#!/usr/bin/env python3
"""An independent DSSE verifier (python3-cryptography, PAE written from ../shared/data/schemas/dsse/
protocol.md) checks the envelopes sbom-attest signs, Ed25519 and ECDSA P-256, and their layout
against the Sigstore Envelope schema and the in-toto Statement v1 fields (TAP)."""
import base64
import json
import os
import subprocess
import sys
import tempfile

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.exceptions import InvalidSignature


def pae(payload_type, payload):
    t = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def main():
    build, source = sys.argv[1], sys.argv[2]
    shared = os.path.realpath(os.path.join(source, "..", "shared", "data"))
    tool = os.path.join(build, "tools", "sbom-attest", "sbom-attest")
    keys = os.path.join(source, "tests", "data", "attest")
    sbom = os.path.join(source, "tests", "data", "convert", "lossy.cdx.json")
    checks = []
    envelope_schema = None
    schema_path = os.path.join(shared, "schemas", "dsse", "sigstore-protobuf-specs", "Envelope.schema.json")
    if os.path.exists(schema_path):
        import jsonschema
        with open(schema_path) as f:
            envelope_schema = jsonschema.Draft7Validator(json.load(f))
    digest = "sha256:" + "ab" * 32
    for name in ("ed25519", "p256"):
        p = subprocess.run([tool, "sign", "--key", os.path.join(keys, name + ".key"), "--subject-digest", digest, sbom],
                           capture_output=True)
        if p.returncode != 0:
            checks.append((False, name + ": sign failed: " + p.stderr.decode()))
            continue
        env = json.loads(p.stdout)
        with open(os.path.join(keys, name + ".pub"), "rb") as f:
            pub = serialization.load_pem_public_key(f.read())
        payload = base64.b64decode(env["payload"])
        sig = base64.b64decode(env["signatures"][0]["sig"])
        try:
            if isinstance(pub, ed25519.Ed25519PublicKey):
                pub.verify(sig, pae(env["payloadType"], payload))
            else:
                pub.verify(sig, pae(env["payloadType"], payload), ec.ECDSA(hashes.SHA256()))
            checks.append((True, name + ": signature verifies independently"))
        except InvalidSignature:
            checks.append((False, name + ": signature does not verify independently"))
        st = json.loads(payload)
        ok = (env["payloadType"] == "application/vnd.in-toto+json" and st["_type"] == "https://in-toto.io/Statement/v1"
              and st["subject"][0]["digest"] == {"sha256": "ab" * 32} and st["predicateType"] == "https://cyclonedx.org/bom"
              and st["predicate"]["bomFormat"] == "CycloneDX")
        checks.append((ok, name + ": in-toto Statement v1 fields"))
        if envelope_schema is not None:
            errs = list(envelope_schema.iter_errors(env))
            checks.append((not errs, name + ": valid against Sigstore's Envelope.schema.json" + (": " + errs[0].message if errs else "")))
    print("1..%d" % len(checks))
    for i, (ok, what) in enumerate(checks, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, what))
    return 0 if all(ok for ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
