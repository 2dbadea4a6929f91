// Tests for SPDX tag-value <-> SPDX 2 JSON shape: the mapping of each kind of tag, positions, the
// round trip, and every error path.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "spdx/spdx.h"
#include "spdx/tag_value.h"

using sbom::json::Value;

namespace {
Value ok(std::string_view text) {
  auto v = sbom::spdx::tag_value_to_json(text, "t.spdx");
  if (!v) FAIL(v.error().to_string());
  return std::move(v).value();
}
std::string err(std::string_view text) {
  auto v = sbom::spdx::tag_value_to_json(text, "t.spdx");
  REQUIRE_FALSE(v);
  return v.error().to_string();
}
// The document as text with its relationships in a fixed order: their order carries no meaning,
// and the writer puts what the document describes first.
std::string canonical(Value v) {
  if (Value* rels = v.find("relationships")) {
    auto& a = rels->as_array();
    std::sort(a.begin(), a.end(), [](const Value& x, const Value& y) {
      return sbom::json::write(x, {0, true}) < sbom::json::write(y, {0, true});
    });
  }
  return sbom::json::write(v, {2, true});
}
std::string write_tv(const Value& v, std::vector<std::string>* lost = nullptr) {
  return sbom::spdx::json_to_tag_value(v, [&](std::string ptr, std::string what) {
    if (lost) lost->push_back(ptr + ": " + what);
  });
}

constexpr std::string_view kDoc = R"(SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: demo
DocumentNamespace: https://example.com/demo
ExternalDocumentRef: DocumentRef-x https://example.com/x SHA1: d6a770ba38583ed4bb4525bd96e50461655d2759
Creator: Tool: demo-1.0
Creator: Person: Jane Doe (jane@example.com)
Created: 2024-01-01T00:00:00Z
CreatorComment: <text>two
lines</text>
Annotator: Person: Jane Doe
AnnotationDate: 2024-01-02T00:00:00Z
AnnotationType: REVIEW
SPDXREF: SPDXRef-pkg
AnnotationComment: looks fine
Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-pkg
RelationshipComment: the product

# a comment line
PackageName: pkg
SPDXID: SPDXRef-pkg
PackageVersion: 1.0
PackageDownloadLocation: NOASSERTION
FilesAnalyzed: false
PackageVerificationCode: d6a770ba38583ed4bb4525bd96e50461655d2758 (excludes: ./a, ./b)
PackageChecksum: SHA256: 11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd
PackageLicenseInfoFromFiles: MIT
PackageLicenseInfoFromFiles: Apache-2.0
ExternalRef: PACKAGE-MANAGER purl pkg:npm/pkg@1.0
ExternalRefComment: the purl
PackageCopyrightText: <text>  spaced  </text>

FileName: ./a.c
SPDXID: SPDXRef-a
FileType: SOURCE
FileChecksum: SHA1: 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12

SnippetSPDXID: SPDXRef-s
SnippetFromFileSPDXID: SPDXRef-a
SnippetByteRange: 10:20
SnippetLineRange: 1:2

LicenseID: LicenseRef-x
ExtractedText: <text>x</text>
LicenseCrossReference: https://a.example, https://b.example
)";
}  // namespace

TEST_CASE("tag-value maps each tag to its SPDX JSON member") {
  Value v = ok(kDoc);
  CHECK(v.find("spdxVersion")->as_string() == "SPDX-2.3");
  CHECK(v.find("name")->as_string() == "demo");
  auto* ext = v.find("externalDocumentRefs");
  REQUIRE(ext);
  CHECK(ext->as_array()[0].find("checksum")->find("algorithm")->as_string() == "SHA1");
  const Value* ci = v.find("creationInfo");
  REQUIRE(ci);
  CHECK(ci->find("creators")->as_array().size() == 2);
  CHECK(ci->find("comment")->as_string() == "two\nlines");
  const Value& pkg = v.find("packages")->as_array().at(0);
  CHECK(pkg.find("versionInfo")->as_string() == "1.0");
  CHECK(pkg.find("filesAnalyzed")->is_bool());
  CHECK(pkg.find("packageVerificationCode")->find("packageVerificationCodeExcludedFiles")->as_array().size() == 2);
  CHECK(pkg.find("externalRefs")->as_array()[0].find("comment")->as_string() == "the purl");
  CHECK(pkg.find("copyrightText")->as_string() == "  spaced  ");
  CHECK(pkg.find("annotations")->as_array()[0].find("comment")->as_string() == "looks fine");
  CHECK(pkg.find("licenseInfoFromFiles")->as_array().size() == 2);
  CHECK(pkg.position.line == 21);
  const Value& snip = v.find("snippets")->as_array().at(0);
  REQUIRE(snip.find("ranges")->as_array().size() == 2);
  CHECK(snip.find("ranges")->as_array()[0].find("startPointer")->find("reference")->as_string() == "SPDXRef-a");
  CHECK(snip.find("ranges")->as_array()[1].find("endPointer")->find("lineNumber")->as_number().text == "2");
  CHECK(v.find("hasExtractedLicensingInfos")->as_array()[0].find("seeAlsos")->as_array().size() == 2);
  CHECK(v.find("relationships")->as_array()[0].find("comment")->as_string() == "the product");
}

TEST_CASE("tag-value written from its JSON reads back the same") {
  Value v = ok(kDoc);
  std::vector<std::string> lost;
  std::string text = write_tv(v, &lost);
  CHECK(lost.empty());
  Value again = ok(text);
  INFO(text);
  CHECK(canonical(again) == canonical(v));
}

TEST_CASE("tag-value writer spells JSON-only lists as relationships and reports what it cannot spell") {
  auto doc = sbom::json::parse(R"({"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","documentDescribes":["SPDXRef-p"],
    "packages":[{"SPDXID":"SPDXRef-p","name":"p","hasFiles":["SPDXRef-f"],"x-custom":1}]})");
  REQUIRE(doc);
  std::vector<std::string> lost;
  std::string text = write_tv(*doc, &lost);
  CHECK(text.find("Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-p\n") != std::string::npos);
  CHECK(text.find("Relationship: SPDXRef-p CONTAINS SPDXRef-f\n") != std::string::npos);
  REQUIRE(lost.size() == 1);
  CHECK(lost[0] == "/packages/0/x-custom: member 'x-custom', which tag-value has no tag for");
}

TEST_CASE("tag-value writer leaves out an element without the member that starts its section") {
  // Its tags would otherwise be read as the previous element's (found by fuzzing).
  auto doc = sbom::json::parse(R"({"spdxVersion": "SPDX-2.3", "hasExtractedLicensingInfos": [
    {"licenseId": "LicenseRef-a", "extractedText": "x"}, {"name": "b"}]})");
  REQUIRE(doc);
  std::vector<std::string> lost;
  std::string text = write_tv(*doc, &lost);
  CHECK(text.find("LicenseName: b") == std::string::npos);
  REQUIRE(lost.size() == 1);
  CHECK(lost[0] == "/hasExtractedLicensingInfos/1: an element without licenseId, which tag-value cannot spell");
  CHECK(ok(text).find("hasExtractedLicensingInfos")->as_array().size() == 1);
}

TEST_CASE("tag-value writer leaves out an element whose starting member it cannot spell, blank line and all") {
  // A FileName holding '</text>' on two lines: its line cannot be written, so neither can the
  // file (its SPDXID would be read as the file before's); the text was left with a blank line
  // that the next pass did not write (found by fuzz_spdx_tag_value).
  auto doc = sbom::json::parse(R"({"spdxVersion": "SPDX-2.3", "files": [
    {"fileName": "./a", "SPDXID": "SPDXRef-a"},
    {"fileName": "two\nlines </text>", "SPDXID": "SPDXRef-b", "comment": "c"}]})");
  REQUIRE(doc);
  std::vector<std::string> lost;
  const std::string text = write_tv(*doc, &lost);
  CHECK(text.find("SPDXRef-b") == std::string::npos);
  CHECK(text.find("\n\n\n") == std::string::npos);
  REQUIRE(lost.size() == 1);
  CHECK(lost[0] == "/files/1: an element whose fileName tag-value cannot spell");
  const Value back = ok(text);
  CHECK(back.find("files")->as_array().size() == 1);
  CHECK(write_tv(back) == text);
}

TEST_CASE("tag-value errors name the line") {
  CHECK(err("SPDXVersion: SPDX-2.3\nBogus: x\n") == "t.spdx:2:1: unknown tag 'Bogus'");
  CHECK(err("SPDXVersion: SPDX-2.3\nSPDXVersion: SPDX-2.2\n") ==
        "t.spdx:2:1: repeated tag for 'spdxVersion' (the first is at line 1)");
  CHECK(err("DocumentComment: <text>never closed\n\n") == "t.spdx:1:1: <text> without </text>");
  CHECK(err("DocumentComment: <text>a\n</text> tail\n") == "t.spdx:2:1: text after </text>");
  CHECK(err("PackageName: p\nPackageChecksum: SHA1\n") == "t.spdx:2:1: expected 'ALGORITHM: VALUE'");
  CHECK(err("PackageName: p\nExternalRef: SECURITY cpe23Type\n") == "t.spdx:2:1: expected 'CATEGORY TYPE LOCATOR'");
  CHECK(err("Relationship: a DESCRIBES\n") == "t.spdx:1:1: expected 'SPDXID TYPE SPDXID'");
  CHECK(err("just text\n") == "t.spdx:1:1: expected 'Tag: value'");
  CHECK(err("PackageName: p\nFilesAnalyzed: yes\n") == "t.spdx:2:1: expected true or false");
  CHECK(err("SnippetSPDXID: s\nSnippetByteRange: 1-2\n") == "t.spdx:2:1: expected 'START:END'");
  CHECK(err("Annotator: Person: x\nAnnotationType: OTHER\n") == "t.spdx:1:1: annotation without SPDXREF");
  CHECK(err("Annotator: Person: x\nSPDXREF: SPDXRef-nope\n") == "t.spdx:1:1: annotation of unknown element 'SPDXRef-nope'");
  CHECK(err("ExternalRefComment: c\n") == "t.spdx:1:1: unknown tag 'ExternalRefComment'");
  CHECK(err("PackageName: p\nExternalRefComment: c\n") == "t.spdx:2:1: ExternalRefComment without an ExternalRef");
  CHECK(err("SnippetSPDXID: s\nSnippetByteRange: 1:2\n") == "t.spdx:1:1: snippet ranges without SnippetFromFileSPDXID");
}

TEST_CASE("tag-value examples of the SPDX spec and the SPDX examples read") {
  const char* shared = std::getenv("SBOMKIT_SHARED");
  if (!shared) {
    WARN("SKIPPED: shared data not found (SBOMKIT_SHARED)");
    return;
  }
  std::string base = std::string(shared) + "/data/sbom-examples/";
  for (std::string f : {"spdx-spec-examples/support_2.3.1/SPDXTagExample-v2.3.spdx",
                        "spdx-spec-examples/support_2.3/SPDXTagExample-v2.2.spdx",
                        "spdx-examples/software/example1/spdx2.2/example1.spdx"}) {
    std::ifstream in(base + f, std::ios::binary);
    if (!in) {
      WARN("SKIPPED: " << f << " not found");
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    INFO(f);
    Value v = ok(ss.str());
    std::string text = write_tv(v);
    Value again = ok(text);
    CHECK(canonical(again) == canonical(v));
  }
}

TEST_CASE("tag-value writer reports values that would not read back as themselves") {
  // Found by fuzzing: a '(' in a verification code read back as the start of its excludes.
  auto doc = sbom::json::parse(R"({"spdxVersion": "SPDX-2.3", "packages": [{"SPDXID": "SPDXRef-a", "name": "a",
    "packageVerificationCode": {"packageVerificationCodeValue": "ab(cd"},
    "externalRefs": [{"referenceCategory": "OTHER", "referenceType": "two words", "referenceLocator": "x"}],
    "checksums": [{"algorithm": "SHA:1", "checksumValue": "ab"}]}],
    "hasExtractedLicensingInfos": [{"licenseId": "LicenseRef-x", "extractedText": "t", "seeAlsos": [" https://a.example"]}]})");
  REQUIRE(doc);
  std::vector<std::string> lost;
  std::string text = write_tv(*doc, &lost);
  CHECK(lost == std::vector<std::string>{
                    "/packages/0/packageVerificationCode: a verification code tag-value cannot spell",
                    "/packages/0/checksums/0: a value tag-value cannot spell",
                    "/packages/0/externalRefs/0: a value tag-value cannot spell",
                    "/hasExtractedLicensingInfos/0/seeAlsos/0: a URL tag-value cannot spell"});
  Value back = ok(text);
  CHECK(back.find("packages")->as_array()[0].find("checksums") == nullptr);
}

TEST_CASE("tag-value: packages handed one at a time write what the whole tree writes, losses in the same order") {
  // write_spdx_tag_value hands TagValueWriter each package as it is made; the document's own
  // packages (if any) stay in the tree, after them. Text and loss report must not change.
  auto doc = sbom::json::parse(R"({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
    "name": "d", "documentNamespace": "https://x.example/d", "documentDescribes": ["SPDXRef-a"],
    "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]},
    "files": [{"fileName": "./f", "SPDXID": "SPDXRef-f", "x-file": 1}],
    "packages": [
      {"SPDXID": "SPDXRef-a", "name": "a", "hasFiles": ["SPDXRef-f", "SPDXRef-c"], "x-a": 1},
      {"SPDXID": "SPDXRef-b", "name": "b", "comment": "two\nlines </text>"},
      {"SPDXID": "SPDXRef-c", "name": "c", "hasFiles": ["SPDXRef-b", "bad id"]},
      {"name": "d", "downloadLocation": "NOASSERTION"}],
    "relationships": [{"spdxElementId": "SPDXRef-a", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-b"}]})");
  REQUIRE(doc);
  std::vector<std::string> whole_lost;
  const std::string whole = write_tv(*doc, &whole_lost);
  REQUIRE(whole_lost.size() >= 5);  // x-file, x-a, the </text> comment, a package in hasFiles (twice), "bad id"
  const sbom::json::Array& packages = doc->find("packages")->as_array();
  for (std::size_t aside = 1; aside <= packages.size(); ++aside) {
    std::vector<std::string> lost;
    sbom::spdx::TagValueWriter w([&](std::string ptr, std::string what) { lost.push_back(ptr + ": " + what); });
    Value rest = *doc;
    sbom::json::Array& kept = rest.find("packages")->as_array();
    for (std::size_t i = 0; i < aside; ++i) w.package(packages[i]);
    kept.erase(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(aside));
    std::string text;
    std::size_t pieces = 0;
    w.write(rest, [&](std::string_view s) {
      text += s;
      ++pieces;
    });
    CHECK(text == whole);
    CHECK(lost == whole_lost);
    CHECK(pieces >= 2);  // the text before the packages, theirs, the rest
  }
}

TEST_CASE("tag-value annotations go to the element their SPDXREF names, the document's several times") {
  std::string text =
      "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: d\n"
      "DocumentNamespace: https://x.example/d\nCreator: Tool: t\nCreated: 2024-01-01T00:00:00Z\n";
  for (int i = 0; i < 40; ++i)
    text += "\nPackageName: p" + std::to_string(i) + "\nSPDXID: SPDXRef-p" + std::to_string(i) +
            "\nPackageDownloadLocation: NOASSERTION\n";
  // Interleaved: the document's, then each package's, the document's again (adding to the
  // document's members must not lose track of its id).
  for (int i = 39; i >= 0; --i)
    for (const std::string& target : {std::string("SPDXRef-DOCUMENT"), "SPDXRef-p" + std::to_string(i)})
      text += "\nAnnotator: Person: a\nAnnotationDate: 2024-01-01T00:00:00Z\nAnnotationType: OTHER\nSPDXREF: " + target +
              "\nAnnotationComment: on " + target + " " + std::to_string(i) + "\n";
  // A second round: each package found again after its first annotation grew its members (a
  // short id such as "SPDXRef-p1" lives inside its member, which then moves).
  for (int i = 0; i < 40; ++i)
    text += "\nAnnotator: Person: b\nAnnotationDate: 2024-01-02T00:00:00Z\nAnnotationType: REVIEW\nSPDXREF: SPDXRef-p" +
            std::to_string(i) + "\nAnnotationComment: again\n";
  Value doc = ok(text);
  REQUIRE(doc.find("annotations"));
  CHECK(doc.find("annotations")->as_array().size() == 40);
  for (const Value& p : doc.find("packages")->as_array()) {
    const std::string id = p.find("SPDXID")->as_string();
    REQUIRE(p.find("annotations"));
    REQUIRE(p.find("annotations")->as_array().size() == 2);
    const std::string comment = p.find("annotations")->as_array()[0].find("comment")->as_string();
    CHECK(comment == "on " + id + " " + id.substr(9));
    CHECK(p.find("annotations")->as_array()[1].find("comment")->as_string() == "again");
  }
  CHECK(err(text + "\nAnnotator: Person: a\nAnnotationDate: 2024-01-01T00:00:00Z\nAnnotationType: OTHER\n"
                   "SPDXREF: SPDXRef-nowhere\nAnnotationComment: x\n")
            .find("annotation of unknown element 'SPDXRef-nowhere'") != std::string::npos);
}

namespace {
// The document as tag-value, its losses into `lost` when given.
std::string tag_value_of(const sbom::Document& d, std::vector<sbom::format::Loss>* lost = nullptr) {
  std::string text;
  REQUIRE(sbom::spdx::write_spdx_tag_value(d, "", [&](std::string_view s) { text += s; },
                                           [&](const sbom::format::Loss& l) { if (lost) lost->push_back(l); }));
  return text;
}
// The text read back writes the very same text.
void check_fixed_point(const std::string& once) {
  auto again = sbom::spdx::read_spdx_tag_value(once, "t.spdx");
  REQUIRE(again);
  CHECK(tag_value_of(*again) == once);
}
}  // namespace

// Found by fuzz_spdx_json and fuzz_spdx_tag_value: SPDX JSON keeps a value as it came, but
// tag-value has no spelling for some (not a string, '</text>' in a text block). For the members the writer supplies when they are missing, the line went
// missing, so the text read back wrote the default: the round trip was not a fixed point. Now the
// default is written and the value reported.
TEST_CASE("tag-value written from a document whose own members tag-value cannot spell writes their defaults") {
  struct Case {
    std::string member;  // the JSON text of the member, replacing the plain one
    std::string pointer;
    std::string line;    // what the tag-value text says instead
  };
  const std::string bad = R"("two\nlines </text> ")";
  const std::vector<Case> cases = {
      {R"("dataLicense": [1])", "/dataLicense", "\nDataLicense: CC0-1.0\n"},
      {R"("dataLicense": )" + bad, "/dataLicense", "\nDataLicense: CC0-1.0\n"},
      {R"("SPDXID": [1])", "/SPDXID", "\nSPDXID: SPDXRef-DOCUMENT\n"},
      {R"("SPDXID": )" + bad, "/SPDXID", "\nSPDXID: SPDXRef-DOCUMENT\n"},
      {R"("name": )" + bad, "/name", "\nDocumentName: sbom\n"},
      {R"("documentNamespace": )" + bad, "/documentNamespace", "\nDocumentNamespace: https://sbomkit.invalid/spdxdocs/"},
      {R"("creationInfo": {"created": )" + bad + R"(, "creators": ["Tool: t"]})", "/creationInfo/created",
       "\nCreated: 1970-01-01T00:00:00Z\n"},
      {R"("creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": [)" + bad + "]}", "/creationInfo/creators/0",
       "\nCreator: Tool: sbomkit\n"},
  };
  for (const Case& c : cases) {
    INFO(c.member);
    std::string json = R"({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
      "name": "d", "documentNamespace": "https://x.example/d",
      "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]}})";
    const std::string key = c.member.substr(0, c.member.find(':'));
    const std::size_t at = json.find(key + ": ");
    REQUIRE(at != std::string::npos);
    const std::size_t end = key == "\"creationInfo\"" ? json.find('}', at) + 1 : json.find_first_of(",}", json.find(": ", at) + 3);
    json.replace(at, end - at, c.member);
    auto doc = sbom::spdx::read_spdx_json(json, "t.json");
    REQUIRE(doc);
    std::vector<sbom::format::Loss> lost;
    const std::string once = tag_value_of(*doc, &lost);
    CHECK(once.find(c.line) != std::string::npos);
    REQUIRE(lost.size() == 1);
    CHECK(lost[0].location == c.pointer);
    CHECK(lost[0].what == "a value tag-value cannot spell");
    check_fixed_point(once);
    // JSON still writes what it read, and reads it back the same.
    std::string as_json, json_again;
    REQUIRE(sbom::spdx::write_spdx_json(*doc, "", [&](std::string_view s) { as_json += s; }, {}));
    auto back = sbom::spdx::read_spdx_json(as_json, "t2.json");
    REQUIRE(back);
    REQUIRE(sbom::spdx::write_spdx_json(*back, "", [&](std::string_view s) { json_again += s; }, {}));
    CHECK(json_again == as_json);
  }
}

// The same for a 2.2 package's required members (found by fuzz_spdx_json: a copyrightText of
// false was left out, and the text read back got NOASSERTION).
TEST_CASE("tag-value written from a 2.2 package whose required member tag-value cannot spell writes NOASSERTION") {
  const std::string json = R"({"spdxVersion": "SPDX-2.2", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
    "name": "d", "documentNamespace": "https://x.example/d",
    "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]},
    "packages": [{"SPDXID": "SPDXRef-p", "name": "p", "downloadLocation": "NOASSERTION", "copyrightText": false,
                  "licenseConcluded": "NOASSERTION", "licenseDeclared": "NOASSERTION"}]})";
  auto doc = sbom::spdx::read_spdx_json(json, "t.json");
  REQUIRE(doc);
  std::vector<sbom::format::Loss> lost;
  const std::string once = tag_value_of(*doc, &lost);
  CHECK(once.find("\nPackageCopyrightText: NOASSERTION\n") != std::string::npos);
  REQUIRE(lost.size() == 1);
  CHECK(lost[0].location == "/packages/0/copyrightText");
  check_fixed_point(once);
}

// Found by fuzz_spdx_json: a checksum kept as it came (a member beyond algorithm and value) went
// after the typed ones; tag-value drops that member, so read back it was typed and moved ahead.
TEST_CASE("tag-value puts the checksums that read back typed first") {
  const std::string json = R"({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
    "name": "d", "documentNamespace": "https://x.example/d",
    "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]},
    "packages": [{"SPDXID": "SPDXRef-p", "name": "p", "downloadLocation": "NOASSERTION", "checksums": [
      {"algorithm": "MD0", "checksumValue": "00"},
      {"algorithm": "SHA1", "checksumValue": "85ed0817af83a24ad8da68c2b5094de69833983c"},
      {"algorithm": "SHA256", "checksumValue": "11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd", "x": 1}]}]})";
  auto doc = sbom::spdx::read_spdx_json(json, "t.json");
  REQUIRE(doc);
  const std::string once = tag_value_of(*doc);
  const std::size_t sha1 = once.find("PackageChecksum: SHA1:"), sha256 = once.find("PackageChecksum: SHA256:"),
                    md0 = once.find("PackageChecksum: MD0:");
  REQUIRE(sha1 != std::string::npos);
  REQUIRE(sha256 != std::string::npos);
  REQUIRE(md0 != std::string::npos);
  CHECK(sha1 < sha256);
  CHECK(sha256 < md0);
  check_fixed_point(once);
}

// Found by fuzz_spdx_json: the root (metadata.component) was the one package a DESCRIBES
// relationship names even when documentDescribes named another; tag-value spells that list as
// relationships, so read back the document described two packages, had no root, and the packages
// were written in another order. The root is now the one package both say together.
TEST_CASE("SPDX 2 root: DESCRIBES relationships and documentDescribes count together") {
  auto json = [](const std::string& listed) {
    return R"({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
      "name": "d", "documentNamespace": "https://x.example/d",
      "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]},
      "documentDescribes": [)" + listed + R"(],
      "packages": [{"SPDXID": "SPDXRef-b", "name": "b", "downloadLocation": "NOASSERTION"},
                   {"SPDXID": "SPDXRef-a", "name": "a", "downloadLocation": "NOASSERTION"},
                   {"SPDXID": "SPDXRef-c", "name": "c", "downloadLocation": "NOASSERTION"}],
      "relationships": [{"spdxElementId": "SPDXRef-DOCUMENT", "relatedSpdxElement": "SPDXRef-a", "relationshipType": "DESCRIBES"},
                        {"spdxElementId": "SPDXRef-b", "relatedSpdxElement": "SPDXRef-a", "relationshipType": "CONTAINS"}]})";
  };
  SECTION("another package listed: no root, a nested in b") {
    auto doc = sbom::spdx::read_spdx_json(json(R"("SPDXRef-c")"), "t.json");
    REQUIRE(doc);
    CHECK(!doc->metadata.component);
    REQUIRE(doc->components);
    REQUIRE(doc->components->size() == 2);
    CHECK((*doc->components)[0].name == "b");
    REQUIRE((*doc->components)[0].components.size() == 1);
    CHECK((*doc->components)[0].components[0].name == "a");
    check_fixed_point(tag_value_of(*doc));
  }
  SECTION("the same package listed: it is the root") {
    auto doc = sbom::spdx::read_spdx_json(json(R"("SPDXRef-a")"), "t.json");
    REQUIRE(doc);
    REQUIRE(doc->metadata.component);
    CHECK(doc->metadata.component->name == "a");
    check_fixed_point(tag_value_of(*doc));
  }
}

// Found by fuzz_spdx_json: a snippet range's numbers were written as JSON had them, but the reader
// reads digits only, so a negative offset made text that did not read back. A range tag-value
// cannot spell is reported (once) and left out; the others are written.
TEST_CASE("tag-value writes only the snippet ranges it can read back") {
  const std::vector<std::string> bad = {"-310", "1.5", "1e2", "18446744073709551616"};
  for (const std::string& n : bad) {
    const std::string json = R"({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "d",
      "documentNamespace": "https://x.example/d", "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]},
      "files": [{"SPDXID": "SPDXRef-f", "fileName": "./f.c", "checksums": [{"algorithm": "SHA1", "checksumValue": "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"}]}],
      "snippets": [{"SPDXID": "SPDXRef-s", "snippetFromFile": "SPDXRef-f", "name": "s",
        "ranges": [{"startPointer": {"offset": )" + n + R"(, "reference": "SPDXRef-f"}, "endPointer": {"offset": 420, "reference": "SPDXRef-f"}},
                   {"startPointer": {"lineNumber": 5, "reference": "SPDXRef-f"}, "endPointer": {"lineNumber": )" + n + R"(, "reference": "SPDXRef-f"}},
                   {"startPointer": {"lineNumber": 5, "reference": "SPDXRef-f"}, "endPointer": {"lineNumber": 23, "reference": "SPDXRef-f"}}]}]})";
    INFO(n);
    auto doc = sbom::spdx::read_spdx_json(json, "t.json");
    REQUIRE(doc);
    std::vector<sbom::format::Loss> lost;
    const std::string once = tag_value_of(*doc, &lost);
    CHECK(once.find("SnippetByteRange") == std::string::npos);
    CHECK(once.find("SnippetLineRange: 5:23\n") != std::string::npos);
    std::vector<std::string> where;
    for (const auto& l : lost)
      if (l.what == "a snippet range tag-value cannot spell") where.push_back(l.location);
    CHECK(where == std::vector<std::string>{"/snippets/0/ranges/0", "/snippets/0/ranges/1"});
    check_fixed_point(once);
  }
}

// Found by fuzz_spdx_json: in a 2.2 document, a BLAKE2b-384 checksum kept as it came (a member
// beyond algorithm and value) was written first in tag-value as one that reads back typed; read
// back it was typed, but 2.2 has no BLAKE2b-384, so the next write lost it. The reader keeps the
// checksums of algorithms the document's version does not have as they came, and the writer's
// test of what reads back typed is the reader's (typed_checksum).
TEST_CASE("a 2.2 document's checksums of algorithms 2.2 does not have are kept as they came") {
  const std::string json = R"({"spdxVersion": "SPDX-2.2", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "d",
    "documentNamespace": "https://x.example/d", "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]},
    "packages": [{"SPDXID": "SPDXRef-p", "name": "p", "downloadLocation": "NOASSERTION", "licenseConcluded": "NOASSERTION",
      "licenseDeclared": "NOASSERTION", "copyrightText": "NOASSERTION", "checksums": [
      {"algorithm": "SHA3-256", "checksumValue": "00aa"},
      {"algorithm": "MD0", "checksumValue": "624c1abb3664f4b35547e7c73864ad24"},
      {"algorithm": "SHA1", "checksumValue": "85ed0817af83a24ad8da68c2b5094de69833983c"},
      {"algorithm": "BLAKE2b-384", "checksumValue": "aaab", "x": 1}]}]})";
  auto doc = sbom::spdx::read_spdx_json(json, "t.json");
  REQUIRE(doc);
  REQUIRE(doc->components);
  const sbom::Component& p = (*doc->components)[0];
  REQUIRE(p.hashes.size() == 1);
  CHECK(p.hashes[0].alg == "SHA-1");
  const std::string once = tag_value_of(*doc);
  const std::size_t sha1 = once.find("PackageChecksum: SHA1:"), md0 = once.find("PackageChecksum: MD0:"),
                    sha3 = once.find("PackageChecksum: SHA3-256:"), blake = once.find("PackageChecksum: BLAKE2b-384:");
  REQUIRE(sha1 != std::string::npos);
  REQUIRE(md0 != std::string::npos);
  REQUIRE(sha3 != std::string::npos);
  REQUIRE(blake != std::string::npos);
  CHECK(sha1 < md0);
  CHECK(md0 < sha3);  // SHA3-256 was typed when read, then kept after the kept ones (2.2)
  CHECK(md0 < blake);
  check_fixed_point(once);
  // The same document as 2.3: both are typed (the second member of the BLAKE entry keeps it as it came).
  std::string json23 = json;
  json23.replace(json23.find("SPDX-2.2"), 8, "SPDX-2.3");
  auto doc23 = sbom::spdx::read_spdx_json(json23, "t.json");
  REQUIRE(doc23);
  CHECK((*doc23->components)[0].hashes.size() == 2);
}

// Found by fuzz_spdx_tag_value: a document whose SPDXID tag-value cannot spell gets
// SPDXRef-DOCUMENT written in its place, so a relationship that named SPDXRef-DOCUMENT (nothing, in
// that document) became the document's DESCRIBES the second time, and the packages moved. SPDX 2.3
// clause 6.3 gives that id to the document: in a document whose SPDXID is another, a relationship
// naming it is refused.
TEST_CASE("a relationship naming SPDXRef-DOCUMENT in a document whose SPDXID is another is refused") {
  auto json = [](const std::string& id_member) {
    return R"({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", )" + id_member + R"( "name": "d",
      "documentNamespace": "https://x.example/d", "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]},
      "packages": [{"SPDXID": "SPDXRef-p", "name": "p", "downloadLocation": "NOASSERTION"}],
      "relationships": [{"spdxElementId": "SPDXRef-p", "relatedSpdxElement": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBED_BY"}]})";
  };
  auto refused = sbom::spdx::read_spdx_json(json(R"("SPDXID": "SPDXRef-DOC2",)"), "t.json");
  REQUIRE(!refused);
  CHECK(refused.error().to_string().find("t.json:4:") == 0);
  CHECK(refused.error().to_string().find("at /relationships/0/relatedSpdxElement: a relationship names SPDXRef-DOCUMENT") !=
        std::string::npos);
  CHECK(!sbom::spdx::read_spdx_json(json(R"("SPDXID": ["SPDXRef-DOCUMENT"],)"), "t.json"));  // not a string: written as the default
  CHECK(sbom::spdx::read_spdx_json(json(R"("SPDXID": "SPDXRef-DOCUMENT",)"), "t.json"));
  CHECK(sbom::spdx::read_spdx_json(json(""), "t.json"));  // no SPDXID: the document's is the default
  const std::string tv = "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-other\nDocumentName: d\n"
                         "DocumentNamespace: https://x.example/d\nCreator: Tool: t\nCreated: 2024-01-01T00:00:00Z\n"
                         "Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-p\n\nPackageName: p\nSPDXID: SPDXRef-p\n"
                         "PackageDownloadLocation: NOASSERTION\n";
  auto tv_refused = sbom::spdx::read_spdx_tag_value(tv, "t.spdx");
  REQUIRE(!tv_refused);
  CHECK(tv_refused.error().to_string().find("t.spdx:8:") == 0);
}
