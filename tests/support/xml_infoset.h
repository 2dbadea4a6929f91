// Test helper: whether two XML documents carry the same information set, as far as CycloneDX
// round trips promise it: element names by namespace URI and local name, attributes (namespace
// declarations aside, prefixes resolved, order ignored), character data (CDATA sections and
// references decoded; whitespace-only text between elements ignored) and the order of elements.
// Comments and processing instructions are not compared (the reader does not keep them).
#pragma once

#include <string>
#include <string_view>

namespace sbom::test {

/// "" when `a` and `b` are infoset-equal, else the first difference, with an XPath-like location.
std::string xml_infoset_difference(std::string_view a, std::string_view b);

}  // namespace sbom::test
