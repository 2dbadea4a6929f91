// Tests for the warning sink (sbom/diagnostics.h): the text a tool prints, and replay in order.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sbom/diagnostics.h"

TEST_CASE("a diagnostic reads as its position and message; a skipped record says so first") {
  sbom::Error e("missing 'id'");
  e.file = "osv/a.json";
  e.pointer = "/affected/0";
  CHECK(sbom::Diagnostic{sbom::Diagnostic::Kind::kWarning, e}.to_string() == "osv/a.json: at /affected/0: missing 'id'");
  CHECK(sbom::Diagnostic{sbom::Diagnostic::Kind::kInvalidRecord, e}.to_string() ==
        "skipped invalid record: osv/a.json: at /affected/0: missing 'id'");
}

TEST_CASE("a sink hands each warning on; a default one drops them") {
  std::vector<std::string> got;
  const sbom::Diagnostics sink([&](const sbom::Diagnostic& d) { got.push_back(d.to_string()); });
  CHECK(static_cast<bool>(sink));
  sink.warn("plain");
  sink.warn_at("status", 12, "not a 'Field: value' line");
  CHECK(got == std::vector<std::string>{"plain", "status:12: not a 'Field: value' line"});
  const sbom::Diagnostics none;
  CHECK_FALSE(static_cast<bool>(none));
  none.warn("dropped");  // no handler: nothing happens
}

TEST_CASE("a list keeps warnings in order and replays them into another sink") {
  sbom::DiagnosticList first, second;
  second.sink().warn("b");
  first.sink().warn(sbom::Error("a"), sbom::Diagnostic::Kind::kInvalidRecord);
  first.sink().warn("a2");
  CHECK(first.items().size() == 2);
  std::vector<std::string> out;
  const sbom::Diagnostics to([&](const sbom::Diagnostic& d) { out.push_back(d.to_string()); });
  first.replay(to);
  second.replay(to);
  CHECK(out == std::vector<std::string>{"skipped invalid record: a", "a2", "b"});
}
