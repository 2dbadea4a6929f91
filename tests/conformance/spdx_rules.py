"""SPDX 2 document rules, checked independently of our writer: the ones the JSON schema cannot
express. problems(doc) lists every rule a document breaks (empty when it obeys them all)."""
import re

_ID = re.compile(r"^SPDXRef-[A-Za-z0-9.\-]+$")
_IDSTRING = re.compile(r"^[A-Za-z0-9.\-]+$")


def _license_ref(tok):
    m = re.match(r"^DocumentRef-([A-Za-z0-9.\-]+):LicenseRef-([A-Za-z0-9.\-]+)$", tok)
    if m:
        return True
    if tok.endswith("+"):
        tok = tok[:-1]
    return bool(_IDSTRING.match(tok))


def valid_expression(text):
    """Whether text is an SPDX license expression (SPDX 2.3 annex D), NONE or NOASSERTION."""
    if text in ("NONE", "NOASSERTION"):
        return True
    tokens = re.findall(r"\(|\)|[^\s()]+", text)
    ops = {"AND", "OR", "and", "or"}
    pos = [0]

    def peek():
        return tokens[pos[0]] if pos[0] < len(tokens) else None

    def term():
        t = peek()
        if t is None:
            return False
        if t == "(":
            pos[0] += 1
            if not expr() or peek() != ")":
                return False
            pos[0] += 1
        else:
            if t in ops or t in ("WITH", "with", ")") or not _license_ref(t):
                return False
            pos[0] += 1
        if peek() in ("WITH", "with"):
            pos[0] += 1
            t = peek()
            if t is None or not _IDSTRING.match(t):
                return False
            pos[0] += 1
        return True

    def expr():
        if not term():
            return False
        while peek() in ops:
            pos[0] += 1
            if not term():
                return False
        return True

    return expr() and pos[0] == len(tokens)


def problems(doc):
    out = []
    if doc.get("SPDXID") != "SPDXRef-DOCUMENT":
        out.append("document SPDXID is not SPDXRef-DOCUMENT")
    if doc.get("dataLicense") != "CC0-1.0":
        out.append("dataLicense is not CC0-1.0")
    ns = doc.get("documentNamespace", "")
    if not ns or "#" in ns or ":" not in ns:
        out.append("documentNamespace is not a URI without '#'")
    ci = doc.get("creationInfo", {})
    if not ci.get("created") or not ci.get("creators"):
        out.append("creationInfo lacks created or creators")
    ids = {"SPDXRef-DOCUMENT"}
    for kind in ("packages", "files", "snippets"):
        for i, e in enumerate(doc.get(kind, [])):
            sid = e.get("SPDXID", "")
            if not _ID.match(sid):
                out.append("/%s/%d: SPDXID %r is not SPDXRef-idstring" % (kind, i, sid))
            if sid in ids:
                out.append("/%s/%d: SPDXID %r is not unique" % (kind, i, sid))
            ids.add(sid)
            for key in ("licenseConcluded", "licenseDeclared"):
                if key in e and not valid_expression(e[key]):
                    out.append("/%s/%d/%s: %r is not a license expression" % (kind, i, key, e[key]))
            for key in ("licenseInfoFromFiles", "licenseInfoInFiles", "licenseInfoInSnippets"):
                for x in e.get(key, []):
                    if not valid_expression(x):
                        out.append("/%s/%d/%s: %r is not a license" % (kind, i, key, x))
    external = {r.get("externalDocumentId") for r in doc.get("externalDocumentRefs", [])}

    def exists(ref, related):
        if ref in ids or (related and ref in ("NONE", "NOASSERTION")):
            return True
        return ":" in ref and ref.split(":", 1)[0] in external

    describes = bool(doc.get("documentDescribes"))
    for i, r in enumerate(doc.get("relationships", [])):
        a, b = r.get("spdxElementId", ""), r.get("relatedSpdxElement", "")
        if not exists(a, False):
            out.append("/relationships/%d: spdxElementId %r does not exist" % (i, a))
        if not exists(b, True):
            out.append("/relationships/%d: relatedSpdxElement %r does not exist" % (i, b))
        if r.get("relationshipType") == "DESCRIBES" and a == "SPDXRef-DOCUMENT":
            describes = True
    for x in doc.get("documentDescribes", []):
        if not exists(x, False):
            out.append("documentDescribes %r does not exist" % x)
    if (doc.get("packages") or doc.get("files")) and not describes:
        out.append("no DESCRIBES relationship")
    return out
