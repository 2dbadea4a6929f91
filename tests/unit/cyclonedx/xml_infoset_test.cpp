// Tests for the infoset comparison the XML round-trip tests rely on: it must see every difference
// a round trip could introduce and none that XML does not make.
#include <catch2/catch.hpp>

#include "xml_infoset.h"

using sbom::test::xml_infoset_difference;

TEST_CASE("xml infoset: prefixes, CDATA, references, attribute order and indentation are not differences") {
  CHECK(xml_infoset_difference(R"(<a xmlns="urn:x" p="1" q="2"><b><![CDATA[x&y]]></b>  <c/></a>)",
                               "<n:a xmlns:n=\"urn:x\" q=\"2\" p=\"1\">\n  <n:b>x&amp;y</n:b>\n  <n:c></n:c>\n</n:a>") == "");
}

TEST_CASE("xml infoset: names, namespaces, attributes, text and order are") {
  CHECK(xml_infoset_difference(R"(<a xmlns="urn:x"><b/></a>)", R"(<a xmlns="urn:y"><b/></a>)") ==
        ": element {urn:x}a vs {urn:y}a");
  CHECK(xml_infoset_difference(R"(<a><b p="1"/></a>)", R"(<a><b p="2"/></a>)") ==
        "/{}a[1]/{}b: attributes {}p=\"1\" vs {}p=\"2\"");
  CHECK(xml_infoset_difference(R"(<a><b>x</b></a>)", R"(<a><b>x </b></a>)") == "/{}a[1]/{}b: text 'x' vs 'x '");
  CHECK(xml_infoset_difference(R"(<a><b/><c/></a>)", R"(<a><c/><b/></a>)") == "/{}a[1]: element {}b vs {}c");
  CHECK(xml_infoset_difference(R"(<a><b/></a>)", R"(<a><b/><b/></a>)") == "/{}a: 1 vs 2 child elements");
  CHECK(xml_infoset_difference(R"(<a xmlns:e="urn:e" e:p="1"/>)", R"(<a xmlns:e="urn:f" e:p="1"/>)") ==
        "/{}a: attributes {urn:e}p=\"1\" vs {urn:f}p=\"1\"");
}
