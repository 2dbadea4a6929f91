// Tests for the CycloneDX JSON reader and writer: lossless round trips, errors with JSON Pointer
// and position, spec versions.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "cyclonedx/json.h"
#include "cyclonedx/xml.h"
#include "sbom/cyclonedx.h"

namespace {

// Every level of the model carries members the model does not know (x-*), plus members the
// spec defines that we keep verbatim (services, pedigree, ...).
constexpr const char* kEverything = R"({
  "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  "version": 1,
  "x-root": {"nested": [1, 2.50, {"deep": null}]},
  "metadata": {
    "timestamp": "2026-01-01T00:00:00Z",
    "tools": {"components": [{"type": "application", "name": "trivy", "version": "0.58.0"}]},
    "component": {
      "type": "container", "bom-ref": "img", "name": "alpine", "version": "3.19",
      "x-meta-component": true,
      "components": [{"type": "library", "name": "inner", "x-inner": "kept"}]
    },
    "licenses": [{"license": {"id": "MIT", "x-license-inner": 1}, "x-license-item": 2}],
    "properties": [{"name": "a", "value": "b", "x-prop": "p"}],
    "x-metadata": "m"
  },
  "components": [
    {
      "bom-ref": "pkg:apk/alpine/musl@1.2.4-r2",
      "type": "library",
      "supplier": {"name": "Alpine", "x-supplier": 1},
      "name": "musl", "version": "1.2.4-r2",
      "hashes": [{"alg": "SHA-256", "content": "ab", "x-hash": 1}],
      "licenses": [{"expression": "MIT OR Apache-2.0", "x-expr": 1}],
      "purl": "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64",
      "cpe": "cpe:2.3:a:musl:musl:1.2.4:*:*:*:*:*:*:*",
      "pedigree": {"notes": "patched"},
      "evidence": {"identity": [{"field": "purl", "confidence": 1}]},
      "properties": [{"name": "aquasecurity:trivy:PkgType", "value": "alpine"}],
      "x-component": [null]
    }
  ],
  "services": [{"name": "api"}],
  "dependencies": [{"ref": "img", "dependsOn": ["pkg:apk/alpine/musl@1.2.4-r2"], "x-dep": 1}],
  "vulnerabilities": [
    {
      "bom-ref": "v1",
      "id": "CVE-2025-0001",
      "source": {"name": "alpine", "url": "https://secdb.alpinelinux.org/", "x-source": 1},
      "references": [{"id": "GHSA-xxxx-yyyy-zzzz", "source": {"name": "GitHub", "x-ref-source": 1}, "x-ref": 1}],
      "ratings": [
        {"source": {"name": "NVD", "x-rating-source": 1}, "score": 9.80, "severity": "critical",
         "method": "CVSSv31", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "x-rating": 1},
        {"source": {"name": "alpine"}, "severity": "high"}
      ],
      "cwes": [79, 1000000000000],
      "description": "d", "detail": "e", "recommendation": "Upgrade musl to version 1.2.4-r3",
      "advisories": [{"url": "https://example.org"}],
      "created": "2025-01-01T00:00:00Z", "published": "2025-01-02T00:00:00Z", "updated": "2025-01-03T00:00:00Z",
      "analysis": {"state": "in_triage", "justification": "code_not_present", "response": ["update"],
                   "detail": "x", "firstIssued": "2025-01-01T00:00:00Z", "lastUpdated": "2025-01-01T00:00:00Z",
                   "x-analysis": 1},
      "affects": [{"ref": "pkg:apk/alpine/musl@1.2.4-r2",
                   "versions": [{"version": "1.2.4-r2", "status": "affected", "x-ver": 1}], "x-affect": 1}],
      "properties": [{"name": "p", "value": "v"}],
      "x-vuln": {"a": []}
    }
  ],
  "signature": {"algorithm": "ES256", "value": "c2ln"}
})";

sbom::Document read(std::string_view text) {
  auto d = sbom::cyclonedx::read_json(text, "t.json");
  if (!d) FAIL(d.error().to_string());
  return std::move(d).value();
}

sbom::json::Value json_of(std::string_view text) {
  auto v = sbom::json::parse(text);
  REQUIRE(v);
  return std::move(v).value();
}

std::string error_of(std::string_view text) {
  auto d = sbom::cyclonedx::read_json(text, "t.json");
  REQUIRE_FALSE(d);
  return d.error().to_string();
}

}  // namespace

TEST_CASE("read -> write keeps every member at every level") {
  sbom::Document doc = read(kEverything);
  std::string out = sbom::cyclonedx::write_json(doc);
  CHECK(json_of(out) == json_of(kEverything));
  // Numbers keep their spelling (2.50, 9.80) and big integers stay exact.
  CHECK(out.find("2.50") != std::string::npos);
  CHECK(out.find("9.80") != std::string::npos);
  CHECK(out.find("1000000000000") != std::string::npos);
  // The typed fields were read.
  REQUIRE(doc.components);
  CHECK((*doc.components)[0].name == "musl");
  REQUIRE(doc.vulnerabilities);
  const auto& v = (*doc.vulnerabilities)[0];
  CHECK(v.ratings.size() == 2);
  CHECK(v.ratings[0].score->text == "9.80");
  CHECK(v.analysis->state == "in_triage");
  CHECK(v.affects[0].ref == "pkg:apk/alpine/musl@1.2.4-r2");
  CHECK(doc.metadata.component->components.size() == 1);
  // Writing is a fixed point: the second write is byte-identical to the first.
  CHECK(sbom::cyclonedx::write_json(read(out)) == out);
}

TEST_CASE("the writer puts modelled members in spec order, then the others in input order") {
  sbom::Document doc = read(R"({"z-last": 1, "components": [{"x-b": 1, "name": "n", "x-a": 2, "type": "library"}],
                                "specVersion": "1.5", "a-first": 2, "bomFormat": "CycloneDX"})");
  CHECK(sbom::cyclonedx::write_json(doc, 0) ==
        R"({"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"type":"library","name":"n","x-b":1,"x-a":2}],"z-last":1,"a-first":2})"
        "\n");
}

TEST_CASE("empty strings, arrays and objects survive the round trip") {
  constexpr const char* text = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": "",
    "metadata": {},
    "components": [{"type": "library", "name": "", "version": "", "hashes": [], "licenses": [],
                    "properties": [], "components": [], "purl": ""}],
    "dependencies": [],
    "vulnerabilities": [{"id": "", "ratings": [], "cwes": [], "affects": [], "references": [],
                         "analysis": {}, "source": {}, "properties": [{"name": "", "value": ""}]}]})";
  sbom::Document doc = read(text);
  CHECK(json_of(sbom::cyclonedx::write_json(doc)) == json_of(text));
  sbom::Document bare = read(R"({"bomFormat": "CycloneDX", "specVersion": "1.6"})");
  CHECK_FALSE(bare.components);
  CHECK_FALSE(bare.vulnerabilities);
  CHECK(sbom::cyclonedx::write_json(bare, 0) == "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}\n");
}

TEST_CASE("a field set by a tool replaces the verbatim empty value it was read as") {
  sbom::Document doc = read(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"name": "", "type": "library"}]})");
  (*doc.components)[0].name = "filled";
  CHECK(sbom::cyclonedx::write_json(doc, 0) ==
        R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"filled"}]})" "\n");
}

TEST_CASE("a wrong type names the JSON Pointer and the position of the value") {
  CHECK(error_of("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n"
                 "\"components\": [{\"name\": \"a\"},\n {\"name\": 42}]}") ==
        "t.json:3:11: at /components/1/name: expected a string, found a number");
  CHECK(error_of(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": {}})") ==
        "t.json:1:64: at /components: expected an array, found an object");
  CHECK(error_of(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [{"ratings": [{"score": "9.8"}]}]})") ==
        "t.json:1:93: at /vulnerabilities/0/ratings/0/score: expected a number, found a string");
  CHECK(error_of(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"component": {"components": [{"licenses": [{"license": {"id": 1}}]}]}}})") ==
        "t.json:1:125: at /metadata/component/components/0/licenses/0/license/id: expected a string, found a number");
  CHECK(error_of(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [{"affects": [{"versions": {}}]}]})") ==
        "t.json:1:96: at /vulnerabilities/0/affects/0/versions: expected an array, found an object");
  CHECK(error_of(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "dependencies": [{"ref": "a", "dependsOn": [1]}]})") ==
        "t.json:1:94: at /dependencies/0/dependsOn/0: expected a string, found a number");
  CHECK(error_of(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [{"analysis": {"state": false}}]})") ==
        "t.json:1:93: at /vulnerabilities/0/analysis/state: expected a string, found a boolean");
}

TEST_CASE("an empty string kept in extra has its position; other strings need none") {
  auto d = sbom::cyclonedx::read_json("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n"
                                      "\"components\": [{\"name\": \"a\",\n   \"version\": \"\", \"purl\": \"\u00e9\"}]}",
                                      "t.json");
  REQUIRE(d);
  const sbom::Component& c = (*d->components)[0];
  CHECK(c.version.empty());
  auto kept = [&](std::string_view key) -> const sbom::json::Value* {
    for (const auto& [k, v] : c.extra)
      if (k == key) return &v;
    return nullptr;
  };
  REQUIRE(kept("version"));
  CHECK(kept("version")->position.line == 3);
  CHECK(kept("version")->position.column == 15);
  CHECK(kept("purl") == nullptr);
}

TEST_CASE("bomFormat and specVersion are checked") {
  CHECK(error_of("[]") == "t.json:1:1: expected a CycloneDX document (a JSON object), found an array");
  CHECK(error_of(R"({"specVersion": "1.6"})") == "t.json:1:1: not a CycloneDX document: no bomFormat member");
  CHECK(error_of(R"({"bomFormat": "CycloneDX"})") == "t.json:1:1: CycloneDX document has no specVersion");
  CHECK(error_of(R"({"bomFormat": "SPDX", "specVersion": "1.6"})") ==
        "t.json:1:15: at /bomFormat: bomFormat is 'SPDX', expected 'CycloneDX'");
  CHECK(error_of(R"({"bomFormat": "CycloneDX", "specVersion": "2.0"})") ==
        "t.json:1:43: at /specVersion: unsupported CycloneDX specVersion '2.0' (supported: 1.2 to 1.7)");
  CHECK(error_of(R"({"bomFormat": "CycloneDX", "specVersion": 1.6})") ==
        "t.json:1:43: at /specVersion: expected a string, found a number");
}

TEST_CASE("spec versions 1.4 to 1.7 are read and written back as they came") {
  for (std::string_view ver : sbom::cyclonedx::kSpecVersions) {
    std::string text = R"({"bomFormat": "CycloneDX", "specVersion": ")" + std::string(ver) +
                       R"(", "version": 1, "components": [{"type": "library", "name": "x", "version": "1"}]})";
    sbom::Document doc = read(text);
    CHECK(doc.spec_version == ver);
    CHECK(json_of(sbom::cyclonedx::write_json(doc)) == json_of(text));
  }
}

TEST_CASE("parse errors keep their position and gain the file name") {
  CHECK(error_of("{\"bomFormat\": \"CycloneDX\",\n  \"specVersion\": ") == "t.json:2:18: unexpected end of input (truncated?)");
  CHECK(error_of("") == "t.json:1:1: empty input");
  std::string deep = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "x": )" + std::string(1000, '[');
  CHECK(error_of(deep) == "t.json:1:566: nesting deeper than 512 levels");
}

TEST_CASE("the stream reader and the streaming writer agree with the string versions") {
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  std::string text = kEverything;
  REQUIRE(std::fwrite(text.data(), 1, text.size(), f) == text.size());
  std::rewind(f);
  auto doc = sbom::cyclonedx::read_json(f, "s.json");
  std::fclose(f);
  REQUIRE(doc);
  std::string streamed;
  sbom::cyclonedx::write_json(*doc, [&](std::string_view s) { streamed += s; });
  CHECK(streamed == sbom::cyclonedx::write_json(*doc));
  CHECK(sbom::cyclonedx::to_json(*doc) == json_of(kEverything));
}

TEST_CASE("for_each_component visits metadata.component and nested components in order") {
  sbom::Document doc = read(R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
    "metadata": {"component": {"name": "root", "components": [{"name": "root-child"}]}},
    "components": [{"name": "a", "components": [{"name": "a1", "components": [{"name": "a11"}]}]}, {"name": "b"}]})");
  std::string seen;
  doc.for_each_component([&](const sbom::Component& c) { seen += c.name + " "; });
  CHECK(seen == "root root-child a a1 a11 b ");
}

TEST_CASE("cyclonedx: a repeated key anywhere is an input error at the second one") {
  // Readers disagree on which of two members counts (a first Critical `vulnerabilities` then an
  // empty one passed sbom-gate), so the document is refused, whether the key is modelled or not.
  struct Case {
    const char* text;
    unsigned line, column;
    const char* key;
  };
  for (const Case& c : {
           Case{"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\n"
                "\"vulnerabilities\":[{\"id\":\"A\",\"ratings\":[{\"severity\":\"critical\"}]}],\n"
                "  \"vulnerabilities\":[]}",
                3, 3, "vulnerabilities"},
           Case{R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a","name":"b"}]})", 1, 72, "name"},
           Case{R"({"bomFormat":"CycloneDX","specVersion":"1.6","x-tool":{"a":1,"b":{"c":1,"c":2}}})", 1, 73, "c"},
           Case{R"({"bomFormat":"CycloneDX","specVersion":"1.6","vulnerabilities":[{"id":"A","analysis":{"state":"x","st\u0061te":"y"}}]})",
                1, 99, "state"},
           Case{R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"component":{"q\"\\":1,"name":"\"","q\"\\":2}}})", 1, 93, "q\"\\"},
       }) {
    INFO(c.text);
    auto doc = sbom::cyclonedx::read_json(c.text, "d.json");
    REQUIRE_FALSE(doc);
    CHECK(doc.error().file == "d.json");
    CHECK(doc.error().line == c.line);
    CHECK(doc.error().column == c.column);
    CHECK(doc.error().message.find(std::string("duplicate key '") + c.key + "'") == 0);
  }
}

TEST_CASE("cyclonedx: the same key in different objects or levels is no duplicate") {
  auto doc = sbom::cyclonedx::read_json(R"({"bomFormat":"CycloneDX","specVersion":"1.6","name":{"name":1},
      "components":[{"name":"a","components":[{"name":"b"}]},{"name":"c"}],"x":[{"k":1},{"k":2}]})", "d.json");
  REQUIRE(doc);
  int n = 0;
  doc->for_each_component([&](const sbom::Component&) { ++n; });
  CHECK(n == 3);
}

TEST_CASE("cyclonedx: a duplicate in an object of many keys is found (and stays linear)") {
  std::string text = R"({"bomFormat":"CycloneDX","specVersion":"1.6","x":{)";
  for (int i = 0; i < 5000; ++i) text += "\"k" + std::to_string(i) + "\":1,";
  text += R"("k4999":2}})";
  auto doc = sbom::cyclonedx::read_json(text, "d.json");
  REQUIRE_FALSE(doc);
  CHECK(doc.error().message.find("duplicate key 'k4999' (the first is at 1:") == 0);
  CHECK(doc.error().column == text.size() - 10);
}

TEST_CASE("cyclonedx: member names with escapes are the names they spell") {
  auto doc = sbom::cyclonedx::read_json(
      R"({"bomFormat":"CycloneDX","specVersion":"1.6","comp\u006fnents":[{"n\u0061me":"x\"y","purl":"pkg:npm/a\u00e9@1"}]})",
      "d.json");
  REQUIRE(doc);
  REQUIRE(doc->components);
  CHECK((*doc->components)[0].name == "x\"y");
  CHECK((*doc->components)[0].purl == "pkg:npm/a\xc3\xa9@1");
}

TEST_CASE("cyclonedx: a wrong type after multi-byte text is placed by code points") {
  auto doc = sbom::cyclonedx::read_json("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\n"
                                        "\"components\":[{\"description\":\"\xc3\xa9\xc3\xa9\",\"name\":5}]}",
                                        "d.json");
  REQUIRE_FALSE(doc);
  CHECK(doc.error().line == 2);
  CHECK(doc.error().column == 42);  // 44 if bytes were counted
  CHECK(doc.error().pointer == "/components/0/name");
}

TEST_CASE("cyclonedx: deep nesting inside a member we do not model reads and writes back") {
  std::string deep(400, '[');
  deep += std::string(400, ']');
  std::string text = R"({"bomFormat":"CycloneDX","specVersion":"1.6","x-deep":)" + deep + "}";
  auto doc = sbom::cyclonedx::read_json(text, "d.json");
  REQUIRE(doc);
  auto again = sbom::json::parse(sbom::cyclonedx::write_json(*doc));
  REQUIRE(again);
  CHECK(*again == *sbom::json::parse(text));
}

TEST_CASE("cyclonedx: a member with an empty name survives the round trip") {
  // Found by fuzz/fuzz_cyclonedx: the writer took "" for one of the members it had written.
  constexpr const char* kText = R"({"bomFormat":"CycloneDX","specVersion":"1.6","":1,"components":[{"name":"a","":"x"}]})";
  auto doc = sbom::cyclonedx::read_json(kText, "d.json");
  REQUIRE(doc);
  auto out = sbom::json::parse(sbom::cyclonedx::write_json(*doc));
  REQUIRE(out);
  CHECK(*out == *sbom::json::parse(kText));
}

namespace {

// The members the model types since issue 12, each with a member it does not know beside it.
constexpr const char* kTyped = R"({
  "bomFormat": "CycloneDX", "specVersion": "1.6",
  "metadata": {
    "tools": {"components": [{"type": "application", "group": "acme", "name": "scan", "version": "1",
                              "hashes": [{"alg": "SHA-256", "content": "aa"}],
                              "externalReferences": [{"type": "website", "url": "https://acme.example"}], "x-tool": 1}],
              "services": [{"name": "svc", "x-svc": 2}]},
    "authors": [{"name": "Ann", "email": "ann@example.org", "phone": "1", "bom-ref": "ann", "x-author": 3}]
  },
  "components": [{
    "type": "library", "name": "a", "version": "1",
    "supplier": {"bom-ref": "s", "name": "Sup", "url": ["https://s.example"],
                 "contact": [{"name": "C", "email": "c@s.example", "x-contact": 4}], "x-org": 5},
    "author": "Au", "publisher": "Pub", "copyright": "(c) Pub",
    "licenses": [{"license": {"id": "MIT", "acknowledgement": "declared"}},
                 {"expression": "MIT OR Apache-2.0", "acknowledgement": "concluded"}],
    "externalReferences": [{"url": "https://git.example/a", "comment": "c", "type": "vcs",
                            "hashes": [{"alg": "SHA-1", "content": "bb"}], "x-ref": 6}],
    "evidence": {"identity": [{"field": "purl"}], "occurrences": [{"location": "/usr/lib/a", "line": 3}]}
  }],
  "externalReferences": [{"type": "website", "url": "https://doc.example"}],
  "vulnerabilities": [{
    "id": "CVE-1", "ratings": [{"method": "CVSSv4", "score": 9.3, "vector": "CVSS:4.0/AV:N"}],
    "advisories": [{"title": "T", "url": "https://adv.example", "x-adv": 7}],
    "analysis": {"state": "in_triage", "firstIssued": "2025-01-01T00:00:00Z"},
    "affects": [{"ref": "a", "versions": [{"range": "vers:generic/<2", "status": "affected", "x-v": 8}]}]
  }]
})";

struct Written {
  std::string text;
  std::vector<sbom::format::Loss> losses;
};

Written write_as(const sbom::Document& doc, std::string_view version) {
  Written w;
  auto s = sbom::cyclonedx::write_json(doc, version, [&](std::string_view piece) { w.text += piece; },
                                       [&](const sbom::format::Loss& l) { w.losses.push_back(l); });
  REQUIRE(s);
  return w;
}

std::vector<std::string> losses_of(const Written& w) {
  std::vector<std::string> out;
  for (const auto& l : w.losses) out.push_back(l.location + " | " + l.what + " | " + l.why);
  return out;
}

}  // namespace

TEST_CASE("cyclonedx: the typed members of issue 12 are read and written back") {
  sbom::Document doc = read(kTyped);
  CHECK(doc.syntax == sbom::Syntax::CycloneDxJson);
  REQUIRE(doc.metadata.tools.size() == 2);
  CHECK(doc.metadata.tools[0].vendor == "acme");
  CHECK(doc.metadata.tools[0].hashes.size() == 1);
  CHECK(doc.metadata.tools[0].external_references[0].url == "https://acme.example");
  CHECK(doc.metadata.tools[1].service);
  CHECK(doc.metadata.authors[0].email == "ann@example.org");
  const auto& c = (*doc.components)[0];
  CHECK(c.source_location == "/components/0");
  CHECK(c.rare->supplier->urls == std::vector<std::string>{"https://s.example"});
  CHECK(c.rare->supplier->contacts[0].email == "c@s.example");
  CHECK(c.rare->author == "Au");
  CHECK(c.rare->copyright == "(c) Pub");
  CHECK(c.licenses[0].acknowledgement == "declared");
  CHECK(c.licenses[1].acknowledgement == "concluded");
  CHECK(c.rare->external_references[0].type == "vcs");
  REQUIRE(c.occurrences.size() == 1);
  CHECK(c.occurrences[0].location == "/usr/lib/a");
  CHECK(c.rare->evidence_extra.size() == 1);
  CHECK(doc.external_references[0].url == "https://doc.example");
  const auto& v = (*doc.vulnerabilities)[0];
  CHECK(v.source_location == "/vulnerabilities/0");
  CHECK(v.advisories[0].title == "T");
  CHECK(v.affects[0].versions[0].range == "vers:generic/<2");
  Written w = write_as(doc, "");
  CHECK(json_of(w.text) == json_of(kTyped));
  CHECK(w.losses.empty());
}

TEST_CASE("cyclonedx: a 1.5+ document's legacy tools array keeps its form; 1.4 gets the array form") {
  sbom::Document legacy = read(R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"tools":[{"vendor":"v","name":"n"}]}})");
  CHECK(legacy.metadata.tools_array_form);
  CHECK(write_as(legacy, "").text.find(R"("tools": [)") != std::string::npos);
  sbom::Document modern = read(kTyped);
  Written w = write_as(modern, "1.4");
  const auto out = json_of(w.text);
  const auto* tools = out.find("metadata")->find("tools");
  REQUIRE(tools->is_array());
  CHECK(tools->as_array().size() == 2);
  CHECK(tools->as_array()[0].find("vendor")->as_string() == "acme");
}

TEST_CASE("cyclonedx: the writer never emits what the target version lacks, and reports it") {
  sbom::Document doc = read(kTyped);
  Written w14 = write_as(doc, "1.4");
  const auto out = json_of(w14.text);
  CHECK(out.find("specVersion")->as_string() == "1.4");
  const auto& comp = out.find("components")->as_array()[0];
  CHECK(comp.find("evidence")->find("occurrences") == nullptr);
  CHECK(comp.find("evidence")->find("identity") != nullptr);
  CHECK(comp.find("licenses")->as_array()[0].find("license")->find("acknowledgement") == nullptr);
  const auto& vuln = out.find("vulnerabilities")->as_array()[0];
  CHECK(vuln.find("ratings")->as_array()[0].find("method")->as_string() == "other");
  CHECK(vuln.find("ratings")->as_array()[0].find("vector")->as_string() == "CVSS:4.0/AV:N");
  CHECK(vuln.find("analysis")->find("firstIssued") == nullptr);
  CHECK(losses_of(w14) == std::vector<std::string>{
      "/metadata/authors/0/bom-ref | bom-ref | CycloneDX 1.4 has no bom-ref (1.5+)",
      "/components/0/licenses/0/license/acknowledgement | licenses/acknowledgement | CycloneDX 1.4 has no licenses/acknowledgement (1.6+)",
      "/components/0/licenses/1/acknowledgement | licenses/acknowledgement | CycloneDX 1.4 has no licenses/acknowledgement (1.6+)",
      "/components/0/evidence/occurrences | evidence.occurrences | CycloneDX 1.4 has no evidence.occurrences (1.5+)",
      "/vulnerabilities/0/ratings/0/method | rating method CVSSv4 | CycloneDX 1.4 has no CVSSv4 method (1.5+): written as other",
      "/vulnerabilities/0/analysis/firstIssued | firstIssued | CycloneDX 1.4 has no firstIssued (1.5+)"});

  Written w13 = write_as(doc, "1.3");
  CHECK(json_of(w13.text).find("vulnerabilities") == nullptr);
  CHECK(losses_of(w13).back() == "/vulnerabilities/0 | vulnerability CVE-1 | CycloneDX 1.3 has no vulnerabilities (1.4+)");
}

TEST_CASE("cyclonedx: extras of another format family are not written, each one a loss") {
  sbom::Document doc = read(R"({"bomFormat":"CycloneDX","specVersion":"1.6",
    "components":[{"type":"library","name":"a","x-kept":1}],"x-root":2})");
  doc.syntax = sbom::Syntax::SpdxJson;  // as if an SPDX reader had kept these members
  doc.name = "doc";
  Written w = write_as(doc, "1.6");
  const auto out = json_of(w.text);
  CHECK(out.find("x-root") == nullptr);
  CHECK(out.find("components")->as_array()[0].find("x-kept") == nullptr);
  CHECK(out.find("components")->as_array()[0].find("name")->as_string() == "a");
  CHECK(losses_of(w) == std::vector<std::string>{
      "/components/0/x-kept | x-kept | CycloneDX has no member for it",
      " | document name 'doc' | CycloneDX documents have no name",
      "/x-root | x-root | CycloneDX has no member for it"});
}

TEST_CASE("cyclonedx: the xml: members only CycloneDX XML has are a loss in JSON, kept in the XML writer's shape") {
  sbom::Document doc = read(R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a"}]})");
  auto kept = [](std::string_view xml) {
    return sbom::json::Value(sbom::json::Object{{"after", sbom::json::Value("")}, {"in", sbom::json::Value("")},
                                                {"xml", sbom::json::Value(xml)}});
  };
  (*doc.components)[0].extra.emplace_back(
      "xml:elements", sbom::json::Value(sbom::json::Array{kept("<cryptoProperties><assetType>algorithm</assetType></cryptoProperties>"),
                                                          kept("<x:y xmlns:x=\"urn:x\"/>"), kept("<cryptoProperties/>")}));
  doc.syntax = sbom::Syntax::CycloneDxXml;  // as the XML reader leaves it
  Written w = write_as(doc, "1.6");
  CHECK(json_of(w.text).find("components")->as_array()[0].find("xml:elements") == nullptr);
  // Each element at its XPath (the position among the kept ones of its name when there are several).
  CHECK(losses_of(w) == std::vector<std::string>{
      "/components/0/cryptoProperties[1] | XML element 'cryptoProperties' kept as XML | CycloneDX JSON has no place for it",
      "/components/0/x:y | XML element 'x:y' kept as XML | CycloneDX JSON has no place for it",
      "/components/0/cryptoProperties[2] | XML element 'cryptoProperties' kept as XML | CycloneDX JSON has no place for it"});
  std::vector<sbom::format::Loss> none;
  auto shape = sbom::cyclonedx::xml_shape(doc, "1.6", [&](const sbom::format::Loss& l) { none.push_back(l); });
  CHECK(shape.find("components")->as_array()[0].find("xml:elements") != nullptr);
  CHECK(none.empty());
}

TEST_CASE("cyclonedx: a JSON document's own members named xml:elements/xml:attributes are its own: kept in JSON, lost in XML") {
  const char* text = R"({"bomFormat":"CycloneDX","specVersion":"1.6","xml:attributes":{"a=\"1\"><x":"y"},)"
                     R"("components":[{"type":"library","name":"a","xml:elements":[{"xml":"<evil/>"}]}]})";
  sbom::Document doc = read(text);
  Written w = write_as(doc, "1.6");
  CHECK(json_of(w.text) == json_of(text));
  CHECK(losses_of(w).empty());
  std::vector<std::string> lost;
  auto shape = sbom::cyclonedx::xml_shape(doc, "1.6", [&](const sbom::format::Loss& l) { lost.push_back(l.location); });
  CHECK(shape.find("xml:attributes") == nullptr);
  CHECK(shape.find("components")->as_array()[0].find("xml:elements") == nullptr);
  CHECK(lost == std::vector<std::string>{"/components/0/xml:elements", "/xml:attributes"});
}

TEST_CASE("cyclonedx: a tool component without a type is written back without one; tools we add have one") {
  const char* text = R"({"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"tools":{"components":[{"name":"x"}]}}})";
  sbom::Document doc = read(text);
  CHECK(json_of(write_as(doc, "1.5").text) == json_of(text));
  sbom::Tool& added = doc.metadata.tools.emplace_back();
  added.name = "ours";
  const auto out = json_of(write_as(doc, "1.5").text);
  const auto& tools = out.find("metadata")->find("tools")->find("components")->as_array();
  REQUIRE(tools.size() == 2);
  CHECK(tools[0].find("type") == nullptr);
  CHECK(tools[1].find("type")->as_string() == "application");
}

TEST_CASE("cyclonedx: lifecycles are typed: read, written in the spec's place, in XML too, lost before 1.5") {
  sbom::Document doc = read(R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"x-first":1,
    "lifecycles":[{"phase":"post-build"},{"name":"nightly","description":"the nightly scan","x-l":2}],
    "timestamp":"2026-01-01T00:00:00Z"}})");
  REQUIRE(doc.metadata.lifecycles.size() == 2);
  CHECK(doc.metadata.lifecycles[0].phase == "post-build");
  CHECK(doc.metadata.lifecycles[1].name == "nightly");
  CHECK(doc.metadata.lifecycles[1].description == "the nightly scan");
  CHECK(doc.metadata.extra.size() == 1);  // x-first only
  Written w = write_as(doc, "");
  CHECK(w.losses.empty());
  // CycloneDX order: timestamp, lifecycles, then the members the model does not know.
  CHECK(w.text.find(R"("timestamp")") < w.text.find(R"("lifecycles")"));
  CHECK(w.text.find(R"("lifecycles")") < w.text.find(R"("x-first")"));
  CHECK(json_of(w.text).find("metadata")->find("lifecycles")->as_array()[1].find("x-l") != nullptr);

  std::string xml;
  REQUIRE(sbom::cyclonedx::write_xml(doc, "1.6", [&](std::string_view s) { xml += s; }));
  CHECK(xml.find("<phase>post-build</phase>") != std::string::npos);
  auto back = sbom::cyclonedx::read_xml(xml, "t.xml");
  REQUIRE(back);
  REQUIRE(back->metadata.lifecycles.size() == 2);
  CHECK(back->metadata.lifecycles[0].phase == "post-build");
  CHECK(back->metadata.lifecycles[1].description == "the nightly scan");

  Written w14 = write_as(doc, "1.4");
  CHECK(json_of(w14.text).find("metadata")->find("lifecycles") == nullptr);
  CHECK(losses_of(w14) == std::vector<std::string>{"/metadata/lifecycles | lifecycles | CycloneDX 1.4 has no lifecycles (1.5+)"});
}
