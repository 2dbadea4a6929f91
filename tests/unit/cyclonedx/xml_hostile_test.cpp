// Tests for the CycloneDX XML reader on hostile and broken input: every one is refused with one
// message and its position; nothing is expanded, included or recursed into without bound.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "cyclonedx/xml.h"
#include "sbom/json.h"

using namespace sbom;

namespace {

std::string error_of(std::string_view xml) {
  auto doc = cyclonedx::read_xml(xml, "t.xml");
  REQUIRE(!doc.has_value());
  return doc.error().to_string();
}

const std::string kOpen = R"(<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">)";

}  // namespace

TEST_CASE("cyclonedx xml hostile: a DTD is refused before any entity is read") {
  // the "billion laughs": never expanded
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [\n <!ENTITY a \"aaaaaaaaaa\">\n"
                       " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n" +
                       kOpen + "<components><component type=\"library\"><name>&c;</name></component></components></bom>";
  CHECK(error_of(laughs) ==
        "t.xml:2:1: document type declaration (DTD) refused: entities and external subsets are never read");
  // an external entity
  std::string xxe = "<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + kOpen + "<components><component "
                    "type=\"library\"><name>&x;</name></component></components></bom>";
  CHECK(error_of(xxe) ==
        "t.xml:1:1: document type declaration (DTD) refused: entities and external subsets are never read");
  CHECK(error_of("<!DOCTYPE bom SYSTEM \"http://example.com/x.dtd\">" + kOpen + "</bom>").find("DTD) refused") !=
        std::string::npos);
}

TEST_CASE("cyclonedx xml hostile: entity references other than the predefined ones are refused where they are") {
  CHECK(error_of(kOpen + "<components>\n<component type=\"library\"><name>a&x;</name></component></components></bom>") ==
        "t.xml:2:34: entity reference '&x;' refused (entities are never expanded; only &lt; &gt; &amp; &apos; &quot; "
        "and character references are read)");
  CHECK(error_of(kOpen + "<components><component type=\"library\" bom-ref=\"&y;\"><name>a</name></component>"
                         "</components></bom>")
            .find("entity reference '&y;' refused") != std::string::npos);
  // in an element kept as XML too
  CHECK(error_of(kOpen + "<formulation><formula><ext:x xmlns:ext=\"urn:x\">&z;</ext:x></formula></formulation></bom>")
            .find("'&z;' refused") != std::string::npos);
  CHECK(error_of(kOpen + "<components><component type=\"library\"><name>&#0;</name></component></components></bom>")
            .find("invalid character reference '&#0;'") != std::string::npos);
  CHECK(error_of(kOpen + "<components><component type=\"library\"><name>a & b</name></component></components></bom>")
            .find("'&' that does not start a reference") != std::string::npos);
}

TEST_CASE("cyclonedx xml hostile: XInclude is refused, never processed") {
  CHECK(error_of(R"(<bom xmlns="http://cyclonedx.org/schema/bom/1.6" xmlns:xi="http://www.w3.org/2001/XInclude">)"
                 R"(<xi:include href="/etc/passwd"/></bom>)") == "t.xml:1:50: XInclude refused (nothing is included)");
  CHECK(error_of(kOpen + R"(<formulation><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="x"/></formulation></bom>)")
            .find("XInclude refused") != std::string::npos);
}

TEST_CASE("cyclonedx xml hostile: a million nested elements are an error, not a stack overflow") {
  std::string deep = kOpen + "<components><component type=\"library\"><name>x</name><components>";
  for (int i = 0; i < 1000000; ++i) deep += "<component>";
  std::string msg = error_of(deep);  // unclosed: pugixml reports it without recursing
  CHECK(msg.find("t.xml:") == 0);
  std::string closed = kOpen + "<formulation>";
  for (int i = 0; i < 1000000; ++i) closed += "<a>";
  for (int i = 0; i < 1000000; ++i) closed += "</a>";
  closed += "</formulation></bom>";
  CHECK(error_of(closed).find("elements nested deeper than 512 levels") != std::string::npos);
  std::string known = kOpen;
  for (int i = 0; i < 600; ++i) known += "<components><component type=\"library\"><name>x</name>";
  for (int i = 0; i < 600; ++i) known += "</component></components>";
  known += "</bom>";
  CHECK(error_of(known).find("elements nested deeper than 512 levels") != std::string::npos);
}

TEST_CASE("cyclonedx xml hostile: what is not CycloneDX XML 1.2 to 1.7 in UTF-8 is named") {
  CHECK(error_of(R"(<bom xmlns="http://cyclonedx.org/schema/bom/1.1" version="1"/>)") ==
        "t.xml:1:1: CycloneDX 1.1 XML is not supported (1.2 to 1.7 are read)");
  CHECK(error_of(R"(<bom xmlns="http://cyclonedx.org/schema/bom/2.0"/>)") ==
        "t.xml:1:1: CycloneDX 2.0 XML is not supported (1.2 to 1.7 are read)");
  CHECK(error_of("<?xml version=\"1.0\"?>\n<Document xmlns=\"http://spdx.org/spdxdocs\"/>") ==
        "t.xml:2:1: not a CycloneDX XML document (the root element is 'Document' in namespace "
        "'http://spdx.org/spdxdocs')");
  CHECK(error_of("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + kOpen + "</bom>") ==
        "t.xml:1:1: XML in encoding 'ISO-8859-1' (only UTF-8 is read)");
  CHECK(error_of(kOpen + "<components><component type=\"library\"><name>\xE9</name></component></components></bom>") ==
        "t.xml: not UTF-8 text (CycloneDX XML is read as UTF-8)");
  CHECK(error_of(kOpen + "</bom><bom/>").find("a second root element") != std::string::npos);
  CHECK(error_of("").find("malformed XML: no document element found") != std::string::npos);
}

TEST_CASE("cyclonedx xml hostile: characters XML does not allow are refused where they are") {
  // found by the fuzz target: pugixml takes a raw U+001C, which would then be written as a
  // reference that no reader (ours included) takes
  for (std::size_t pad = 0; pad < 9; ++pad) {
    std::string doc = kOpen + std::string(pad, ' ') + "<definitions>\x1Cstandards</definitions></bom>";
    CHECK(error_of(doc) == "t.xml:1:" + std::to_string(kOpen.size() + pad + 14) + ": a character XML does not allow (byte 0x1c)");
  }
  CHECK(error_of(kOpen + "<components><component type=\"library\"><name>\xEF\xBF\xBF</name></component></components></bom>")
            .find("a character XML does not allow (byte 0xef)") != std::string::npos);
  CHECK(error_of(kOpen + std::string("\0</bom>", 7)).find("byte 0x00") != std::string::npos);
}

TEST_CASE("cyclonedx xml hostile: a refused character is found after tabs and allowed 0xEF characters, at any offset") {
  // The check looks at sixteen bytes at a time and closely only at control characters and 0xEF
  // lead bytes: allowed ones (tab, U+F000, U+FFFD) must not stop it, nor hide one that follows.
  for (std::size_t pad = 0; pad < 40; ++pad) {
    std::string spaces;
    for (std::size_t i = 0; i < pad; ++i) spaces += i % 3 == 0 ? '\t' : ' ';
    std::string doc = kOpen + spaces + "<definitions>\xEF\x80\x80\xEF\xBF\xBD\x1Fstandards</definitions></bom>";
    CHECK(error_of(doc) == "t.xml:1:" + std::to_string(kOpen.size() + pad + 16) + ": a character XML does not allow (byte 0x1f)");
    doc = kOpen + spaces + "<definitions>\t\xEF\x80\x80\xEF\xBF\xBE</definitions></bom>";
    CHECK(error_of(doc) == "t.xml:1:" + std::to_string(kOpen.size() + pad + 16) + ": a character XML does not allow (byte 0xef)");
  }
}

TEST_CASE("cyclonedx xml hostile: malformed XML and wrong content give the line and column") {
  CHECK(error_of(kOpen + "\n<components>\n  <component type=\"library\"><name>x</nam></component>") ==
        "t.xml:3:38: malformed XML: start-end tags mismatch");
  CHECK(error_of(kOpen + "\n<vulnerabilities><vulnerability><ratings><rating><score>high</score></rating></ratings>"
                         "</vulnerability></vulnerabilities></bom>") ==
        "t.xml:2:50: score: 'high' is not a number");
  CHECK(error_of(kOpen + "<components><component type=\"library\"><name>x</name><modified>yes</modified>"
                         "</component></components></bom>")
            .find("modified: 'yes' is not a boolean") != std::string::npos);
  CHECK(error_of(kOpen + "<components><component type=\"library\"><name>x<b/></name></component></components></bom>")
            .find("element 'b' inside 'name', which holds text only") != std::string::npos);
  CHECK(error_of(kOpen + "<components>text</components></bom>")
            .find("text inside 'components', which holds elements only") != std::string::npos);
  CHECK(error_of(kOpen + "<dependencies><dependency ref=\"a\"><dependency/></dependency></dependencies></bom>")
            .find("'dependency' without a 'ref' attribute") != std::string::npos);
}

TEST_CASE("cyclonedx xml hostile: a member given twice is refused at the second, naming the first") {
  CHECK(error_of(kOpen + "\n<components>\n<component type=\"library\">\n<name>a</name>\n<name>b</name>\n"
                         "</component></components></bom>") == "t.xml:5:1: repeated element 'name' (the first is at 4:1)");
  CHECK(error_of(kOpen + "<components><component type=\"library\" type=\"file\"><name>a</name></component>"
                         "</components></bom>")
            .find("repeated attribute 'type' (the first is at 1:85)") != std::string::npos);
  CHECK(error_of(kOpen + "<components><component type=\"library\" e:x=\"1\" e:x=\"2\" xmlns:e=\"urn:e\"><name>a</name>"
                         "</component></components></bom>")
            .find("repeated attribute 'e:x'") != std::string::npos);
  // repeated elements of a list must come in one run
  CHECK(error_of(kOpen + "<components><component type=\"library\"><supplier><url>a</url><name>n</name><url>b</url>"
                         "</supplier><name>a</name></component></components></bom>")
            .find("repeated element 'url'") != std::string::npos);
  CHECK(error_of(kOpen + "<components/><components/></bom>").find("repeated element 'components'") != std::string::npos);
}

// The reader copies the text and checks it in one pass (xml_chars::copy_checked); what it accepts must
// be exactly what the two checks it stands for accept (json::valid_utf8, then
// xml_chars::forbidden_character), and the copy must be the text. Each case starts from XML text and
// puts bytes in at places that land in and across the sixteen-byte blocks of the fast path.
TEST_CASE("cyclonedx xml: the checked copy accepts exactly what the UTF-8 and XML character checks accept") {
  const std::string base = kOpen +
                           "<components><component type=\"library\"><name>n\xC3\xA9 \xE2\x82\xAC x</name>\n"
                           "\t<version>1.0\r\n</version></component></components></bom>\n";
  const std::vector<std::string> pieces = {
      std::string(1, '\0'), "\x01", "\x08", "\x0B", "\x0C", "\x1F", "\x7F", "\t", "\n", "\r",
      "\x80", "\xBF", "\xC0\xAF", "\xC2", "\xC2\xA0", "\xDF\xBF", "\xE0\x80\x80", "\xE0\xA0\x80",
      "\xED\xA0\x80", "\xED\x9F\xBF", "\xEF\xBB\xBF", "\xEF\xBF\xBD", "\xEF\xBF\xBE", "\xEF\xBF\xBF",
      "\xEF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "\xFF"};
  std::size_t cases = 0, accepted = 0;
  auto check = [&](const std::string& text) {
    std::string copy(text.size(), '?');
    const bool ok = cyclonedx::xml_chars::copy_checked(text, copy.data());
    const bool expected = json::valid_utf8(text) && cyclonedx::xml_chars::forbidden_character(text) == text.size();
    INFO("text of " << text.size() << " bytes");
    REQUIRE(ok == expected);
    if (ok) {
      REQUIRE(copy == text);
      ++accepted;
    }
    ++cases;
  };
  check("");
  check(base);
  for (std::size_t at = 0; at <= 40; ++at)
    for (const std::string& p : pieces) {
      std::string t = base;
      t.insert(at, p);
      check(t);
      check(t.substr(0, at + p.size()));      // the piece at the very end (the tail path)
      check(t.substr(0, at + p.size() - 1));  // cut inside the piece
      std::string twice = t;
      twice.insert(std::min(twice.size(), at + 17), p);  // a second one, a block later
      check(twice);
    }
  CHECK(cases > 4000);
  CHECK(accepted > 500);
  CHECK(accepted < cases);
}
