// Tests for the CycloneDX XML reader and writer: the XML shape of the table (attributes, wrappers,
// repeated elements, typed values) into the JSON shape, lossless XML -> XML with extension
// elements and attributes, version gating and losses of the writer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "cyclonedx/json.h"
#include "cyclonedx/xml.h"
#include "cyclonedx/xml_shape.h"
#include "sbom/cyclonedx.h"
#include "sbom/format.h"
#include "xml_infoset.h"

using namespace sbom;

namespace {

constexpr const char* kDocument = R"(<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" xmlns:ext="urn:example:ext" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="2">
  <metadata>
    <timestamp>2026-01-01T00:00:00Z</timestamp>
    <tools>
      <components>
        <component type="application"><name>sbom-gen</name><version>0.1.0</version></component>
      </components>
    </tools>
    <component type="container" bom-ref="img"><name>alpine</name><version>3.19</version></component>
  </metadata>
  <components>
    <component type="library" bom-ref="pkg:apk/alpine/musl@1.2.4" ext:origin="layer-1">
      <supplier><name>Alpine</name><url>https://a.example</url><url>https://b.example</url></supplier>
      <name>musl</name>
      <ext:note>between known elements</ext:note>
      <version>1.2.4</version>
      <hashes><hash alg="SHA-256">abcd</hash></hashes>
      <licenses>
        <license acknowledgement="declared"><id>MIT</id><licensing><purchaseOrder>po-1</purchaseOrder></licensing></license>
        <expression acknowledgement="concluded">MIT OR Apache-2.0</expression>
      </licenses>
      <purl><![CDATA[pkg:apk/alpine/musl@1.2.4?a=1&b=2]]></purl>
      <omniborId>gitoid:blob:sha1:1</omniborId>
      <omniborId>gitoid:blob:sha1:2</omniborId>
      <swid tagId="t" name="musl" tagVersion="+3" patch="1"/>
      <modified>false</modified>
      <properties><property name="sbomkit:layer">sha256:aa &amp; &lt;bb&gt;</property></properties>
      <evidence>
        <occurrences><occurrence><location>/lib/ld-musl.so.1</location><line>.5</line></occurrence></occurrences>
      </evidence>
    </component>
  </components>
  <dependencies>
    <dependency ref="img"><dependency ref="pkg:apk/alpine/musl@1.2.4"/></dependency>
    <dependency ref="pkg:apk/alpine/musl@1.2.4"/>
  </dependencies>
  <vulnerabilities>
    <vulnerability bom-ref="v1">
      <id>CVE-2025-0001</id>
      <ratings><rating><score>9.80</score><severity>critical</severity><method>CVSSv31</method></rating></ratings>
      <cwes><cwe>79</cwe></cwes>
      <analysis><state>not_affected</state><responses><response>will_not_fix</response></responses></analysis>
      <affects><target><ref>pkg:apk/alpine/musl@1.2.4</ref><versions><version><version>1.2.4</version><status>affected</status></version></versions></target></affects>
    </vulnerability>
  </vulnerabilities>
  <formulation><formula bom-ref="f"/></formulation>
  <ext:signature>kept</ext:signature>
</bom>
)";

json::Value shape_of(std::string_view xml) {
  auto js = cyclonedx::xml_to_json(xml, "t.xml");
  REQUIRE(js.has_value());
  auto v = json::parse(*js);
  REQUIRE(v.has_value());
  return *v;
}

std::string write(const Document& doc, std::string_view version, std::vector<format::Loss>* losses = nullptr) {
  std::string out;
  // Through the format layer, which places each loss of an XML input by an XPath.
  auto st = format::write(doc, format::Target{Syntax::CycloneDxXml, std::string(version)}, [&](std::string_view s) { out += s; },
                          [&](const format::Loss& l) {
                            if (losses) losses->push_back(l);
                          });
  REQUIRE(st.has_value());
  return out;
}

Document read(std::string_view xml) {
  auto doc = cyclonedx::read_xml(xml, "t.xml");
  if (!doc) FAIL(doc.error().to_string());
  return std::move(doc).value();
}

}  // namespace

TEST_CASE("cyclonedx xml: the table declares every wrapper's item and no member twice for one version") {
  using namespace cyclonedx::xml;
  std::size_t choice_arrays = 0;
  for (int k = static_cast<int>(Kind::Bom); k < static_cast<int>(Kind::Count_); ++k) {
    auto kind = static_cast<Kind>(k);
    auto rows = members(kind);
    CHECK(!rows.empty());
    for (const Member& m : rows) {
      if (m.shape == Shape::Wrapped || m.shape == Shape::Refs) CHECK(!m.item.empty());
      CHECK(m.since <= m.until);
      // The choices of one array (xml_shape.h): same names and versions, one item element each.
      const Member* first = &m;
      while (is_later_choice(kind, *first)) --first;
      auto run = choices(kind, *first);
      if (first == &m && run.size() > 1) ++choice_arrays;
      for (const Member& o : rows) {
        bool same_array = &o >= run.data() && &o < run.data() + run.size() && run.size() > 1;
        if (&o != &m && o.json == m.json && !same_array)
          CHECK((o.until < m.since || m.until < o.since));  // same key: disjoint versions only
        if (&o != &m && same_array) CHECK(o.item != m.item);
      }
    }
  }
  CHECK(choice_arrays == 4);  // datasets, environmentVars of an input and of an output, patents
}

TEST_CASE("cyclonedx xml: an array of two item elements (an XSD choice) reads and writes each by its own") {
  const std::string x =
      R"(<c:bom xmlns:c="http://cyclonedx.org/schema/bom/1.7" version="1"><c:components>)"
      R"(<c:component type="machine-learning-model"><c:name>m</c:name><c:modelCard><c:modelParameters><c:datasets>)"
      R"(<c:ref>d1</c:ref><c:dataset bom-ref="d2"><c:type>dataset</c:type></c:dataset><c:ref>d3</c:ref>)"
      R"(</c:datasets></c:modelParameters></c:modelCard></c:component></c:components>)"
      R"(<c:formulation><c:formula><c:workflows><c:workflow bom-ref="w"><c:uid>u</c:uid><c:taskTypes/><c:inputs>)"
      R"(<c:input><c:environmentVars><c:value>A=1</c:value><c:environmentVar name="B">2</c:environmentVar>)"
      R"(</c:environmentVars></c:input></c:inputs></c:workflow></c:workflows></c:formula></c:formulation>)"
      R"(<c:definitions><c:patents><c:patentFamily><c:familyId>F</c:familyId></c:patentFamily>)"
      R"(<c:patent><c:patentNumber>P</c:patentNumber><c:jurisdiction>US</c:jurisdiction>)"
      R"(<c:patentLegalStatus>pending</c:patentLegalStatus></c:patent></c:patents></c:definitions></c:bom>)";
  json::Value v = shape_of(x);
  const json::Value* card = v.find("components")->as_array()[0].find("modelCard");
  CHECK(json::write(*card->find("modelParameters")->find("datasets"), {0, false}) ==
        R"([{"ref":"d1"},{"bom-ref":"d2","type":"dataset"},{"ref":"d3"}])");
  const json::Value& workflow = v.find("formulation")->as_array()[0].find("workflows")->as_array()[0];
  CHECK(json::write(*workflow.find("inputs"), {0, false}) == R"([{"environmentVars":["A=1",{"name":"B","value":"2"}]}])");
  CHECK(json::write(*v.find("definitions"), {0, false}) ==
        R"({"patents":[{"familyId":"F"},{"patentNumber":"P","jurisdiction":"US","patentLegalStatus":"pending"}]})");
  std::vector<format::Loss> losses;
  std::string out = write(read(x), "", &losses);
  CHECK(losses.empty());
  CHECK(test::xml_infoset_difference(x, out) == "");
}

TEST_CASE("cyclonedx xml: attributes, wrappers, repeated elements and typed values map to the JSON shape") {
  json::Value v = shape_of(kDocument);
  CHECK(v.find("bomFormat")->as_string() == "CycloneDX");
  CHECK(v.find("specVersion")->as_string() == "1.6");
  CHECK(v.find("version")->is_number());
  CHECK(v.find("version")->as_number().text == "2");
  const json::Value* tools = v.find("metadata")->find("tools");
  REQUIRE(tools->is_object());
  CHECK(tools->find("components")->as_array().size() == 1);
  const json::Value& c = v.find("components")->as_array().at(0);
  CHECK(c.find("bom-ref")->as_string() == "pkg:apk/alpine/musl@1.2.4");
  CHECK(c.find("supplier")->find("url")->as_array().size() == 2);
  const json::Array& licenses = c.find("licenses")->as_array();
  REQUIRE(licenses.size() == 2);
  CHECK(licenses[0].find("license")->find("id")->as_string() == "MIT");
  CHECK(licenses[0].find("license")->find("acknowledgement")->as_string() == "declared");
  CHECK(licenses[1].find("expression")->as_string() == "MIT OR Apache-2.0");
  CHECK(licenses[1].find("acknowledgement")->as_string() == "concluded");
  CHECK(c.find("purl")->as_string() == "pkg:apk/alpine/musl@1.2.4?a=1&b=2");
  CHECK(c.find("omniborId")->as_array().size() == 2);
  CHECK(c.find("swid")->find("tagVersion")->as_number().text == "3");
  CHECK(c.find("swid")->find("patch")->as_bool());
  CHECK(!c.find("modified")->as_bool());
  CHECK(c.find("properties")->as_array()[0].find("value")->as_string() == "sha256:aa & <bb>");
  CHECK(c.find("evidence")->find("occurrences")->as_array()[0].find("line")->as_number().text == "0.5");
  const json::Array& deps = v.find("dependencies")->as_array();
  CHECK(deps[0].find("dependsOn")->as_array()[0].as_string() == "pkg:apk/alpine/musl@1.2.4");
  CHECK(!deps[1].find("dependsOn"));
  const json::Value& vuln = v.find("vulnerabilities")->as_array()[0];
  CHECK(vuln.find("ratings")->as_array()[0].find("score")->as_number().text == "9.80");
  CHECK(vuln.find("cwes")->as_array()[0].as_number().text == "79");
  CHECK(vuln.find("analysis")->find("response")->as_array()[0].as_string() == "will_not_fix");
  CHECK(vuln.find("affects")->as_array()[0].find("versions")->as_array()[0].find("status")->as_string() ==
        "affected");
  // What the JSON shape has no member for is kept as XML, with its place.
  CHECK(c.find("xml:attributes")->find("ext:origin")->as_string() == "layer-1");
  const json::Value& kept = c.find("xml:elements")->as_array().at(0);
  CHECK(kept.find("after")->as_string() == "name");
  CHECK(kept.find("xml")->as_string() == "<ext:note xmlns:ext=\"urn:example:ext\">between known elements</ext:note>");
  CHECK(v.find("xml:elements")->as_array().size() == 1);  // ext:signature
  CHECK(v.find("formulation")->as_array()[0].find("bom-ref")->as_string() == "f");  // a row of xml_shape_15.cpp
}

TEST_CASE("cyclonedx xml: XML -> model -> XML is infoset-equal, extension elements in their places") {
  Document doc = read(kDocument);
  CHECK(doc.spec_version == "1.6");
  REQUIRE(doc.components);
  CHECK((*doc.components)[0].purl == "pkg:apk/alpine/musl@1.2.4?a=1&b=2");
  std::vector<format::Loss> losses;
  std::string out = write(doc, "", &losses);
  CHECK(losses.empty());
  // Numbers and booleans come out in their canonical forms (the JSON shape holds values).
  std::string canonical = kDocument;
  for (auto [from, to] : {std::pair<std::string, std::string>{"tagVersion=\"+3\" patch=\"1\"", "tagVersion=\"3\" patch=\"true\""},
                          {"<line>.5</line>", "<line>0.5</line>"}}) {
    auto at = canonical.find(from);
    REQUIRE(at != std::string::npos);
    canonical.replace(at, from.size(), to);
  }
  CHECK(test::xml_infoset_difference(canonical, out) == "");
  CHECK(test::xml_infoset_difference(kDocument, out) != "");
  // and again: the writer's own output reads back to the same text
  CHECK(write(read(out), "") == out);
}

TEST_CASE("cyclonedx xml: the writer gates by version and reports what it drops") {
  Document doc = read(kDocument);
  std::vector<format::Loss> losses;
  std::string out = write(doc, "1.3", &losses);
  auto lost = [&](std::string_view location) {
    return std::any_of(losses.begin(), losses.end(), [&](const auto& l) { return l.location == location; });
  };
  CHECK(out.find("xmlns=\"http://cyclonedx.org/schema/bom/1.3\"") != std::string::npos);
  CHECK(out.find("<vulnerabilities") == std::string::npos);
  CHECK(lost("/bom/vulnerabilities/vulnerability[1]"));  // located in the XML read
  CHECK(lost("/bom/metadata/tools/tool[1]/type"));  // tools as components are 1.5+: the legacy tool has no type
  CHECK(out.find("<tool>") != std::string::npos);
  CHECK(lost("/bom/components/component[1]/omniborId"));  // 1.6+
  CHECK(lost("/bom/components/component[1]/licenses/license[1]/@acknowledgement"));  // 1.6+
  CHECK(lost("/bom/components/component[1]/evidence/occurrences"));  // 1.5+ (located in the XML read)
  CHECK(out.find("formulation") == std::string::npos);
  CHECK(lost("/bom/formulation"));  // 1.5+
  // The kept CycloneDX 1.6 element is not written into 1.3; the extension elements are.
  CHECK(out.find("licensing") == std::string::npos);
  CHECK(lost("/bom/components/component[1]/licenses/license[1]/xml:elements/0"));
  // Every loss of an XML input is placed by an XPath (format::write), none by a JSON Pointer.
  CHECK(std::all_of(losses.begin(), losses.end(), [](const format::Loss& l) { return l.location.starts_with("/bom"); }));
  CHECK(out.find("<ext:signature xmlns:ext=\"urn:example:ext\">kept</ext:signature>") != std::string::npos);
}

TEST_CASE("cyclonedx xml: JSON members with no XML element are losses with their location") {
  auto doc = cyclonedx::read_json(
      R"({"$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json", "bomFormat": "CycloneDX",
          "specVersion": "1.6", "components": [{"type": "library", "name": "x", "x-mine": 1,
          "cryptoProperties": {"assetType": "algorithm"}}]})",
      "t.json");
  REQUIRE(doc.has_value());
  std::vector<format::Loss> losses;
  std::string out = write(*doc, "1.6", &losses);
  REQUIRE(losses.size() == 2);
  CHECK(losses[0].location == "/components/0/x-mine");
  CHECK(losses[0].why == "no CycloneDX XML element for it in this version of sbomkit");
  CHECK(losses[1].location == "/$schema");
  CHECK(losses[1].why == "CycloneDX XML names its schema by its namespace");
  CHECK(out.find("x-mine") == std::string::npos);
  CHECK(out.find("<cryptoProperties>\n        <assetType>algorithm</assetType>\n      </cryptoProperties>") !=
        std::string::npos);
}

TEST_CASE("cyclonedx xml: a loss location escapes '~' and '/' in member names (RFC 6901)") {
  auto doc = cyclonedx::read_json(
      R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
          "components": [{"type": "library", "name": "x", "a/b": 1, "t~x": 2, "plain": 3}]})",
      "t.json");
  REQUIRE(doc.has_value());
  std::vector<format::Loss> losses;
  write(*doc, "1.6", &losses);
  REQUIRE(losses.size() == 3);
  CHECK(losses[0].location == "/components/0/a~1b");
  CHECK(losses[1].location == "/components/0/t~0x");
  CHECK(losses[2].location == "/components/0/plain");
}

TEST_CASE("cyclonedx xml: text the XML must escape reads back the same; what XML cannot hold is a loss") {
  auto doc = cyclonedx::read_json(
      R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "library",
          "bom-ref": "a\"b<c>&\nd\te\r", "name": "]]> & <x>\r\n", "description": "bell\u0007here"}]})",
      "t.json");
  REQUIRE(doc.has_value());
  std::vector<format::Loss> losses;
  std::string out = write(*doc, "1.6", &losses);
  REQUIRE(losses.size() == 1);
  CHECK(losses[0].location == "/components/0/description");
  Document back = read(out);
  const Component& c = (*back.components)[0];
  CHECK(c.bom_ref == "a\"b<c>&\nd\te\r");
  CHECK(c.name == "]]> & <x>\r\n");
  CHECK(c.rare->description == "bell\xEF\xBF\xBDhere");
}

TEST_CASE("cyclonedx xml: versions outside 1.2 to 1.7 are not written") {
  Document doc = read(kDocument);
  auto st = cyclonedx::write_xml(doc, "1.1", [](std::string_view) {}, {});
  REQUIRE(!st.has_value());
  CHECK(st.error().message == "CycloneDX 1.1 XML cannot be written (1.2 to 1.7 can)");
}

TEST_CASE("cyclonedx xml: a prefixed CycloneDX namespace reads like the default one") {
  json::Value v = shape_of(
      R"(<c:bom xmlns:c="http://cyclonedx.org/schema/bom/1.4" version="1"><c:components>)"
      R"(<c:component type="library"><c:name>x</c:name></c:component></c:components></c:bom>)");
  CHECK(v.find("components")->as_array()[0].find("name")->as_string() == "x");
}

TEST_CASE("cyclonedx xml: legacy tools and 1.2 documents") {
  json::Value v = shape_of(
      R"(<bom xmlns="http://cyclonedx.org/schema/bom/1.2" version="1"><metadata><tools><tool><vendor>v</vendor>)"
      R"(<name>n</name></tool></tools></metadata></bom>)");
  CHECK(v.find("metadata")->find("tools")->as_array()[0].find("vendor")->as_string() == "v");
}

// The reader's tree keeps an element's first text as the element's value, not as a child node
// (pugixml's parse_embed_pcdata): text in pieces, text only of whitespace, text before, between
// and after elements kept as XML, and a 1.5 tools element holding only whitespace read as they
// do with a node per text.
TEST_CASE("cyclonedx xml: text in pieces, whitespace-only text and text around kept elements") {
  json::Value v = shape_of(
      R"(<bom xmlns="http://cyclonedx.org/schema/bom/1.5" xmlns:x="urn:x" version="1">)"
      R"(<metadata><tools> </tools></metadata><components><component type="library">)"
      R"(<group>&amp;<![CDATA[&]]></group><name>a<![CDATA[b]]>c</name><version><![CDATA[b]]>c</version>)"
      R"(<description> </description><licenses><license><id>MIT</id>)"
      R"(<licensing>a &amp; b<x:foo a="1&lt;">c&lt;&#x41;</x:foo>tail<![CDATA[<raw>]]></licensing>)"
      R"(</license></licenses></component></components></bom>)");
  CHECK(v.find("metadata")->find("tools")->is_object());
  const json::Value& c = v.find("components")->as_array().at(0);
  CHECK(c.find("group")->as_string() == "&&");
  CHECK(c.find("name")->as_string() == "abc");
  CHECK(c.find("version")->as_string() == "bc");
  CHECK(c.find("description")->as_string() == " ");
  const json::Value& kept =
      c.find("licenses")->as_array().at(0).find("license")->find("xml:elements")->as_array().at(0);
  CHECK(kept.find("xml")->as_string() ==
        R"(<licensing xmlns:x="urn:x">a &amp; b<x:foo a="1&lt;">c&lt;A</x:foo>tail<![CDATA[<raw>]]></licensing>)");
  auto js = cyclonedx::xml_to_json(
      R"(<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library">junk)"
      R"(<name>x</name></component></components></bom>)",
      "t.xml");
  REQUIRE(!js);
  CHECK(js.error().to_string() == "t.xml:1:88: text inside 'component', which holds elements only");
}

TEST_CASE("cyclonedx xml: read through the format layer; what only XML has is a loss in JSON") {
  auto doc = format::read(kDocument, "t.xml");
  REQUIRE(doc.has_value());
  CHECK(doc->syntax == Syntax::CycloneDxXml);
  std::string json_out;
  std::vector<format::Loss> losses;
  auto st = format::write(*doc, format::Target{Syntax::CycloneDxJson, "1.6"}, [&](std::string_view s) { json_out += s; },
                          [&](const format::Loss& l) { losses.push_back(l); });
  REQUIRE(st.has_value());
  CHECK(json_out.find("xml:") == std::string::npos);
  // Each element kept as XML is a loss at its XPath.
  std::vector<std::string> kept;
  for (const auto& l : losses)
    if (l.why == "CycloneDX JSON has no place for it") kept.push_back(l.location);
  CHECK(kept == std::vector<std::string>{"/bom/components/component[1]/licensing",  // a license's: at its component
                                         "/bom/components/component[1]/ext:note", "/bom/ext:signature"});
  CHECK(std::count_if(losses.begin(), losses.end(), [](const format::Loss& l) { return l.location.ends_with("/@*"); }) == 2);
  std::string xml_out;
  st = format::write(*doc, format::Target{Syntax::CycloneDxXml, ""}, [&](std::string_view s) { xml_out += s; }, {});
  REQUIRE(st.has_value());
  CHECK(xml_out.find("xmlns=\"http://cyclonedx.org/schema/bom/1.6\"") != std::string::npos);
}

TEST_CASE("cyclonedx xml: objects read from XML are placed by JSON Pointers, reported by XPaths") {
  Document doc = read(
      R"(<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><metadata><component type="application"><name>m</name>)"
      R"(</component></metadata><components><component type="library"><name>a</name></component>)"
      R"(<component type="library"><name>b</name><components><component type="file"><name>c</name></component>)"
      R"(</components></component></components><vulnerabilities><vulnerability><id>X</id></vulnerability>)"
      R"(</vulnerabilities></bom>)");
  // As from JSON: the reader places objects in the JSON shape it saw.
  CHECK(doc.metadata.component->source_location == "/metadata/component");
  CHECK((*doc.components)[1].source_location == "/components/1");
  CHECK((*doc.components)[1].components[0].source_location == "/components/1/components/0");
  CHECK((*doc.vulnerabilities)[0].source_location == "/vulnerabilities/0");
  // Where they are in the XML read: the format layer's answer, which write() and sbom-check give.
  auto at = [&](std::string_view pointer) { return format::input_location(doc, pointer); };
  CHECK(at(doc.metadata.component->source_location) == "/bom/metadata/component");
  CHECK(at((*doc.components)[1].source_location) == "/bom/components/component[2]");
  CHECK(at((*doc.components)[1].components[0].source_location) == "/bom/components/component[2]/components/component[1]");
  CHECK(at((*doc.vulnerabilities)[0].source_location) == "/bom/vulnerabilities/vulnerability[1]");
  CHECK(at("") == "/bom");
  CHECK(at("/components/11/components/10") == "/bom/components/component[12]/components/component[11]");
  // Below an object: attributes, an element's text, licenses, reference lists, both forms of tools.
  CHECK(at("/components/0/bom-ref") == "/bom/components/component[1]/@bom-ref");
  CHECK(at("/components/0/hashes/1/content") == "/bom/components/component[1]/hashes/hash[2]/text()");
  CHECK(at("/components/0/hashes/1/alg") == "/bom/components/component[1]/hashes/hash[2]/@alg");
  CHECK(at("/components/0/licenses/0/license/url") == "/bom/components/component[1]/licenses/license[1]/url");
  CHECK(at("/components/0/licenses/1/expression") == "/bom/components/component[1]/licenses/expression[2]");
  CHECK(at("/dependencies/2/dependsOn/0") == "/bom/dependencies/dependency[3]/dependency[1]/@ref");
  CHECK(at("/metadata/tools/0/vendor") == "/bom/metadata/tools/tool[1]/vendor");
  CHECK(at("/metadata/tools/components/1/name") == "/bom/metadata/tools/components/component[2]/name");
  CHECK(at("/vulnerabilities/0/affects/0/ref") == "/bom/vulnerabilities/vulnerability[1]/affects/target[1]/ref");
  // What the table does not map is appended as it is.
  CHECK(at("/components/0/evidence/occurrences") == "/bom/components/component[1]/evidence/occurrences");
  CHECK(at("/components/0/x~1y") == "/bom/components/component[1]/x/y");
  // Another syntax's locations are its reader's own, unchanged.
  Document json_doc;
  json_doc.syntax = Syntax::CycloneDxJson;
  CHECK(format::input_location(json_doc, "/components/0/bom-ref") == "/components/0/bom-ref");
}

TEST_CASE("cyclonedx xml: what is kept as XML inside a mapped construct is a loss at its XPath in JSON") {
  const std::string x =
      R"(<bom xmlns="http://cyclonedx.org/schema/bom/1.7" xmlns:e="urn:e" version="1"><components>)"
      R"(<component type="machine-learning-model"><name>m</name><modelCard><modelParameters><task>t</task>)"
      R"(<e:x>1</e:x></modelParameters></modelCard></component></components><definitions><patents><patent>)"
      R"(<patentNumber>P</patentNumber><jurisdiction>US</jurisdiction><patentLegalStatus>granted</patentLegalStatus>)"
      R"(<patentAssignee><organization><name>o</name></organization></patentAssignee></patent></patents></definitions></bom>)";
  Document doc = read(x);
  std::string json_out;
  std::vector<format::Loss> losses;
  auto st = format::write(doc, format::Target{Syntax::CycloneDxJson, ""}, [&](std::string_view s) { json_out += s; },
                          [&](const format::Loss& l) { losses.push_back(l); });
  REQUIRE(st.has_value());
  CHECK(json_out.find("xml:") == std::string::npos);
  CHECK(json_out.find("\"task\": \"t\"") != std::string::npos);
  REQUIRE(losses.size() == 3);
  CHECK(losses[0].location == "/bom/components/component[1]/modelCard/modelParameters/e:x");
  CHECK(losses[1].location == "/bom/definitions/patents/patent[1]/patentAssignee");
  CHECK(losses[2].location == "/bom/@*");  // xmlns:e, an attribute of another namespace
  // XML -> XML keeps both
  CHECK(test::xml_infoset_difference(x, write(doc, "")) == "");
}

TEST_CASE("cyclonedx xml: a JSON document's own xml: members inside a construct are never written as XML") {
  auto doc = cyclonedx::read_json(
      R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "library", "name": "x",
          "modelCard": {"modelParameters": {"task": "t", "xml:elements": [{"xml": "<evil/>"}]}}}]})",
      "t.json");
  REQUIRE(doc.has_value());
  std::vector<format::Loss> losses;
  std::string out = write(*doc, "1.6", &losses);
  CHECK(out.find("evil") == std::string::npos);
  CHECK(out.find("<task>t</task>") != std::string::npos);
  REQUIRE(losses.size() == 1);
  CHECK(losses[0].location == "/components/0/modelCard/modelParameters/xml:elements");
}

TEST_CASE("XML writer: list items written as they are made give the bytes and losses of the whole tree walked") {
  // write_xml takes each item of the bom's lists from the JSON writer as it is made (xml_shape's
  // ItemFn) and writes it aside; json_to_xml of the whole xml_shape tree is the reference. From
  // JSON (with members XML cannot carry inside items, and versions without vulnerabilities) and
  // from XML (kept elements of other namespaces between the lists).
  auto json = format::read(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": "urn:uuid:1", "version": 1,
    "metadata": {"component": {"type": "application", "bom-ref": "app", "name": "app"}},
    "components": [{"type": "library", "bom-ref": "a", "name": "a", "x-custom": 1, "hashes": [{"alg": "SHA-256", "content": "ab"}]},
                   {"type": "library", "bom-ref": "b", "name": "b & <c>", "properties": [{"name": "p", "value": "v\u0001"}]}],
    "dependencies": [{"ref": "app", "dependsOn": ["a"]}, {"ref": "a"}],
    "vulnerabilities": [{"id": "CVE-1", "x-v": true, "affects": [{"ref": "a"}]}, {"id": "CVE-2"}],
    "x-top": "t"})", "t.cdx.json");
  REQUIRE(json);
  auto xml = format::read(kDocument, "t.cdx.xml");
  REQUIRE(xml);
  for (const Document* d : {&*json, &*xml}) {
    for (std::string_view version : {"1.6", "1.3", "1.7"}) {
      std::vector<std::string> tree_lost, lost;
      auto shape = cyclonedx::xml_shape(*d, version, [&](const format::Loss& l) { tree_lost.push_back(l.location + " " + l.what); });
      std::string whole, pieces;
      cyclonedx::json_to_xml(shape, static_cast<unsigned>(version[2] - '0'), [&](std::string_view s) { whole += s; },
                             [&](const format::Loss& l) { tree_lost.push_back(l.location + " " + l.what); });
      REQUIRE(cyclonedx::write_xml(*d, version, [&](std::string_view s) { pieces += s; },
                                   [&](const format::Loss& l) { lost.push_back(l.location + " " + l.what); }));
      CHECK(pieces == whole);
      CHECK(lost == tree_lost);
    }
  }
  // The items are taken out of the tree the XML writer walks: only its skeleton is left.
  std::vector<std::string> offered;
  const cyclonedx::ItemFn take = [&](std::string_view key, std::size_t i, const json::Value&) {
    offered.push_back(std::string(key) + "/" + std::to_string(i));
    return key == "components";
  };
  auto shape = cyclonedx::xml_shape(*json, "1.6", {}, &take);
  CHECK(offered == std::vector<std::string>{"components/0", "components/1", "dependencies/0", "dependencies/1",
                                            "vulnerabilities/0", "vulnerabilities/1"});
  CHECK(shape.find("components")->as_array().empty());
  CHECK(shape.find("vulnerabilities")->as_array().size() == 2);
}
