// SPDX 2.x tag-value <-> SPDX 2 JSON shape. One table says which tag spells which JSON member of
// which element, and both directions read it, so a tag is declared once.
#include "tag_value.h"

#include "core/text_blocks.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sbom::spdx {

namespace {

// A snippet range's number in tag-value, as the reader takes it: digits only, within 64 bits, into
// its JSON spelling (`out`: no leading zeros; JSON has none). The writer spells only a number that
// reads back as itself.
bool range_number(std::string_view s, std::string& out) {
  unsigned long long n = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size()) return false;
  out = std::to_string(n);
  return true;
}

using json::Value;

enum class Section : std::uint8_t { Document, Creation, Package, File, Snippet, License, Annotation, Review };

enum class Shape : std::uint8_t {
  Text,         // one string
  List,         // each occurrence appends a string
  Bool,         // true / false
  Checksum,     // "ALG: VALUE" appended to an array of {algorithm, checksumValue}
  ExternalRef,  // "CATEGORY TYPE LOCATOR" appended to externalRefs
  ExternalRefComment,
  VerificationCode,  // "VALUE (excludes: a, b)"
  ByteRange,         // "START:END" appended to ranges
  LineRange,
  SeeAlso,           // comma-separated URLs appended to seeAlsos
  ExternalDocumentRef,  // "DocumentRef-ID URI ALG: VALUE"
  AnnotationTarget,     // SPDXREF: the element an annotation belongs to (not a JSON member)
};

struct Tag {
  Section section;
  std::string_view tag;
  std::string_view key;
  Shape shape;
};

// The first tag of each section after the document's starts a new element of that section.
// Within a section the order is the order the writer uses.
constexpr std::array kTags{
    Tag{Section::Document, "SPDXVersion", "spdxVersion", Shape::Text},
    Tag{Section::Document, "DataLicense", "dataLicense", Shape::Text},
    Tag{Section::Document, "SPDXID", "SPDXID", Shape::Text},
    Tag{Section::Document, "DocumentName", "name", Shape::Text},
    Tag{Section::Document, "DocumentNamespace", "documentNamespace", Shape::Text},
    Tag{Section::Document, "ExternalDocumentRef", "externalDocumentRefs", Shape::ExternalDocumentRef},
    Tag{Section::Document, "DocumentComment", "comment", Shape::Text},
    Tag{Section::Creation, "Creator", "creators", Shape::List},
    Tag{Section::Creation, "Created", "created", Shape::Text},
    Tag{Section::Creation, "CreatorComment", "comment", Shape::Text},
    Tag{Section::Creation, "LicenseListVersion", "licenseListVersion", Shape::Text},
    Tag{Section::Package, "PackageName", "name", Shape::Text},
    Tag{Section::Package, "SPDXID", "SPDXID", Shape::Text},
    Tag{Section::Package, "PackageVersion", "versionInfo", Shape::Text},
    Tag{Section::Package, "PackageFileName", "packageFileName", Shape::Text},
    Tag{Section::Package, "PackageSupplier", "supplier", Shape::Text},
    Tag{Section::Package, "PackageOriginator", "originator", Shape::Text},
    Tag{Section::Package, "PackageDownloadLocation", "downloadLocation", Shape::Text},
    Tag{Section::Package, "FilesAnalyzed", "filesAnalyzed", Shape::Bool},
    Tag{Section::Package, "PackageVerificationCode", "packageVerificationCode", Shape::VerificationCode},
    Tag{Section::Package, "PackageChecksum", "checksums", Shape::Checksum},
    Tag{Section::Package, "PackageHomePage", "homepage", Shape::Text},
    Tag{Section::Package, "PackageSourceInfo", "sourceInfo", Shape::Text},
    Tag{Section::Package, "PrimaryPackagePurpose", "primaryPackagePurpose", Shape::Text},
    Tag{Section::Package, "BuiltDate", "builtDate", Shape::Text},
    Tag{Section::Package, "ReleaseDate", "releaseDate", Shape::Text},
    Tag{Section::Package, "ValidUntilDate", "validUntilDate", Shape::Text},
    Tag{Section::Package, "PackageLicenseConcluded", "licenseConcluded", Shape::Text},
    Tag{Section::Package, "PackageLicenseInfoFromFiles", "licenseInfoFromFiles", Shape::List},
    Tag{Section::Package, "PackageLicenseDeclared", "licenseDeclared", Shape::Text},
    Tag{Section::Package, "PackageLicenseComments", "licenseComments", Shape::Text},
    Tag{Section::Package, "PackageCopyrightText", "copyrightText", Shape::Text},
    Tag{Section::Package, "PackageSummary", "summary", Shape::Text},
    Tag{Section::Package, "PackageDescription", "description", Shape::Text},
    Tag{Section::Package, "PackageComment", "comment", Shape::Text},
    Tag{Section::Package, "PackageAttributionText", "attributionTexts", Shape::List},
    Tag{Section::Package, "ExternalRef", "externalRefs", Shape::ExternalRef},
    Tag{Section::Package, "ExternalRefComment", "externalRefs", Shape::ExternalRefComment},
    Tag{Section::File, "FileName", "fileName", Shape::Text},
    Tag{Section::File, "SPDXID", "SPDXID", Shape::Text},
    Tag{Section::File, "FileType", "fileTypes", Shape::List},
    Tag{Section::File, "FileChecksum", "checksums", Shape::Checksum},
    Tag{Section::File, "LicenseConcluded", "licenseConcluded", Shape::Text},
    Tag{Section::File, "LicenseInfoInFile", "licenseInfoInFiles", Shape::List},
    Tag{Section::File, "LicenseComments", "licenseComments", Shape::Text},
    Tag{Section::File, "FileCopyrightText", "copyrightText", Shape::Text},
    Tag{Section::File, "FileComment", "comment", Shape::Text},
    Tag{Section::File, "FileNotice", "noticeText", Shape::Text},
    Tag{Section::File, "FileContributor", "fileContributors", Shape::List},
    Tag{Section::File, "FileAttributionText", "attributionTexts", Shape::List},
    Tag{Section::Snippet, "SnippetSPDXID", "SPDXID", Shape::Text},
    Tag{Section::Snippet, "SnippetFromFileSPDXID", "snippetFromFile", Shape::Text},
    Tag{Section::Snippet, "SnippetByteRange", "ranges", Shape::ByteRange},
    Tag{Section::Snippet, "SnippetLineRange", "ranges", Shape::LineRange},
    Tag{Section::Snippet, "SnippetLicenseConcluded", "licenseConcluded", Shape::Text},
    Tag{Section::Snippet, "LicenseInfoInSnippet", "licenseInfoInSnippets", Shape::List},
    Tag{Section::Snippet, "SnippetLicenseComments", "licenseComments", Shape::Text},
    Tag{Section::Snippet, "SnippetCopyrightText", "copyrightText", Shape::Text},
    Tag{Section::Snippet, "SnippetComment", "comment", Shape::Text},
    Tag{Section::Snippet, "SnippetName", "name", Shape::Text},
    Tag{Section::Snippet, "SnippetAttributionText", "attributionTexts", Shape::List},
    Tag{Section::License, "LicenseID", "licenseId", Shape::Text},
    Tag{Section::License, "ExtractedText", "extractedText", Shape::Text},
    Tag{Section::License, "LicenseName", "name", Shape::Text},
    Tag{Section::License, "LicenseCrossReference", "seeAlsos", Shape::SeeAlso},
    Tag{Section::License, "LicenseComment", "comment", Shape::Text},
    Tag{Section::Annotation, "Annotator", "annotator", Shape::Text},
    Tag{Section::Annotation, "AnnotationDate", "annotationDate", Shape::Text},
    Tag{Section::Annotation, "AnnotationType", "annotationType", Shape::Text},
    Tag{Section::Annotation, "SPDXREF", "", Shape::AnnotationTarget},
    Tag{Section::Annotation, "AnnotationComment", "comment", Shape::Text},
    Tag{Section::Review, "Reviewer", "reviewer", Shape::Text},
    Tag{Section::Review, "ReviewDate", "reviewDate", Shape::Text},
    Tag{Section::Review, "ReviewComment", "comment", Shape::Text},
};

// The JSON array each kind of element lives in.
std::string_view array_of(Section s) {
  switch (s) {
    case Section::Package: return "packages";
    case Section::File: return "files";
    case Section::Snippet: return "snippets";
    case Section::License: return "hasExtractedLicensingInfos";
    case Section::Review: return "revieweds";
    default: return "";
  }
}

// Tags by name, and whether each starts its section: looked up once per line, so not a scan.
// The writer's view: each section's tags in table order (a section's members are matched
// against its own tags only, not the whole table, once per element).
struct TagIndex {
  std::unordered_map<std::string_view, std::vector<const Tag*>> by_name;
  std::array<bool, kTags.size()> starter{};
  std::array<std::vector<const Tag*>, static_cast<std::size_t>(Section::Review) + 1> by_section;
};

const TagIndex& tag_index() {
  static const TagIndex index = [] {
    TagIndex i;
    Section previous = Section::Document;
    for (std::size_t k = 0; k < kTags.size(); ++k) {
      const Tag& t = kTags[k];
      i.by_name[t.tag].push_back(&t);
      i.by_section[static_cast<std::size_t>(t.section)].push_back(&t);
      i.starter[k] = t.section != previous && t.section != Section::Document && t.section != Section::Creation;
      previous = t.section;
    }
    return i;
  }();
  return index;
}

const Tag* find_tag(Section s, std::string_view tag) {
  const TagIndex& i = tag_index();
  auto it = i.by_name.find(tag);
  if (it == i.by_name.end()) return nullptr;
  for (const Tag* t : it->second)
    if (t->section == s) return t;
  return nullptr;
}

// The tag that starts a new element of its section (PackageName, FileName, ...), or nullptr.
const Tag* find_starter(std::string_view tag) {
  const TagIndex& i = tag_index();
  auto it = i.by_name.find(tag);
  if (it == i.by_name.end()) return nullptr;
  for (const Tag* t : it->second)
    if (i.starter[static_cast<std::size_t>(t - kTags.data())]) return t;
  return nullptr;
}

// Whether `s` holds one of the bytes of `set`: one memchr pass over `s` per byte of the set
// (find_first_of searches the set once per byte of `s`, and the writer asks this of every value).
bool has_any_of(std::string_view s, std::string_view set) {
  return std::any_of(set.begin(), set.end(), [&](char c) { return s.find(c) != std::string_view::npos; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits off the first whitespace-separated word.
// A value needs a <text> block when it spans lines, has space at either end or itself begins
// with <text>; then it cannot hold </text>.
bool needs_text_block(std::string_view value) {
  return has_any_of(value, "\r\n") || value != trim(value) || value.substr(0, 6) == "<text>";
}

std::string_view next_word(std::string_view& s) {
  s = trim(s);
  std::size_t end = s.find_first_of(" \t");
  std::string_view w = s.substr(0, end);
  s = end == std::string_view::npos ? std::string_view{} : trim(s.substr(end));
  return w;
}

Value at_line(Value v, std::uint32_t line) {
  v.position = {line, 1};
  return v;
}

// A member of a JSON object by key, or nullptr (first occurrence; our objects have no duplicates).
Value* member(json::Object& o, std::string_view key) {
  for (auto& m : o)
    if (m.first == key) return &m.second;
  return nullptr;
}

Value& array_member(json::Object& o, std::string_view key, std::uint32_t line) {
  if (Value* v = member(o, key)) return *v;
  o.emplace_back(std::string(key), at_line(Value(json::Array{}), line));
  return o.back().second;
}

struct Element {
  Section section;
  json::Object object;
  std::uint32_t line;
  std::string target;  // annotations: SPDXREF
};

class TagReader {
 public:
  TagReader(std::string_view text, std::string_view name) : text_(text), name_(name) {}

  Expected<Value> run() {
    std::size_t pos = 0;
    std::uint32_t line = 0;
    while (pos < text_.size()) {
      std::size_t eol = text_.find('\n', pos);
      if (eol == std::string_view::npos) eol = text_.size();
      std::string_view raw = text_.substr(pos, eol - pos);
      ++line;
      pos = eol + 1;
      std::string_view l = trim(raw);
      if (l.empty() || l.front() == '#') continue;
      std::size_t colon = l.find(':');
      std::string_view tag = l.substr(0, colon);
      if (colon == std::string_view::npos || tag.empty() ||
          !std::all_of(tag.begin(), tag.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
        return error(line, "expected 'Tag: value'");
      std::string_view rest = trim(l.substr(colon + 1));
      std::string value;
      std::uint32_t tag_line = line;
      if (rest.substr(0, 6) == "<text>") {
        // The text runs from after <text> to the next </text>, across lines if need be.
        std::size_t start = static_cast<std::size_t>(rest.data() - text_.data()) + 6;
        std::size_t close = text_.find("</text>", start);
        if (close == std::string_view::npos) return error(line, "<text> without </text>");
        value.assign(text_.substr(start, close - start));
        line += static_cast<std::uint32_t>(std::count(value.begin(), value.end(), '\n'));
        std::size_t after = close + 7;
        std::size_t end = text_.find('\n', after);
        if (end == std::string_view::npos) end = text_.size();
        if (!trim(text_.substr(after, end - after)).empty()) return error(line, "text after </text>");
        pos = end + 1;
      } else {
        value.assign(rest);
      }
      if (auto s = take(tag, std::move(value), tag_line); !s) return s.error();
    }
    return finish();
  }

 private:
  Error error(std::uint32_t line, std::string msg) const {
    Error e(std::move(msg));
    e.file = name_;
    e.line = line;
    e.column = 1;
    return e;
  }

  json::Object& creation(std::uint32_t line) {
    Value* ci = member(doc_, "creationInfo");
    if (!ci) {
      doc_.emplace_back("creationInfo", at_line(Value(json::Object{}), line));
      ci = &doc_.back().second;
    }
    return ci->as_object();
  }

  Status take(std::string_view tag, std::string value, std::uint32_t line) {
    if (tag == "Relationship") return relationship(value, line);
    if (tag == "RelationshipComment") {
      if (relationships_.empty()) return error(line, "RelationshipComment without a Relationship");
      return set(relationships_.back().as_object(), "comment", Value(std::move(value)), line);
    }
    // A tag of the current block, else of the element an annotation or review follows, else the document's.
    const Tag* t = find_starter(tag);
    if (t) {
      elements_.push_back(Element{t->section, {}, line, {}});
      if (t->section != Section::Annotation && t->section != Section::Review) last_element_ = elements_.size() - 1;
      current_ = elements_.size() - 1;
    } else {
      if (current_ != kNone) t = find_tag(elements_[current_].section, tag);
      if (!t && last_element_ != kNone) t = find_tag(elements_[last_element_].section, tag);
      if (t && current_ != kNone && t->section != elements_[current_].section) current_ = last_element_;
      if (!t) {
        t = find_tag(Section::Document, tag);
        if (!t) t = find_tag(Section::Creation, tag);
        if (!t) return error(line, "unknown tag '" + std::string(tag) + "'");
      }
    }
    json::Object& o = t->section == Section::Document ? doc_
                      : t->section == Section::Creation ? creation(line)
                                                        : elements_[current_].object;
    return apply(*t, o, std::move(value), line);
  }

  Status set(json::Object& o, std::string_view key, Value v, std::uint32_t line) {
    if (Value* old = member(o, key))
      return error(line, "repeated tag for '" + std::string(key) + "' (the first is at line " +
                             std::to_string(old->position.line) + ")");
    o.emplace_back(std::string(key), at_line(std::move(v), line));
    return Ok{};
  }

  static void push(json::Object& o, std::string_view key, Value v, std::uint32_t line) {
    array_member(o, key, line).as_array().push_back(at_line(std::move(v), line));
  }

  Expected<Value> checksum(std::string_view text, std::uint32_t line) const {
    std::size_t colon = text.find(':');
    std::string_view alg = trim(text.substr(0, colon));
    std::string_view val = colon == std::string_view::npos ? std::string_view{} : trim(text.substr(colon + 1));
    if (alg.empty() || val.empty()) return error(line, "expected 'ALGORITHM: VALUE'");
    return Value(json::Object{{"algorithm", at_line(Value(alg), line)}, {"checksumValue", at_line(Value(val), line)}});
  }

  Status apply(const Tag& t, json::Object& o, std::string value, std::uint32_t line) {
    switch (t.shape) {
      case Shape::Text: return set(o, t.key, Value(std::move(value)), line);
      case Shape::List: push(o, t.key, Value(std::move(value)), line); return Ok{};
      case Shape::Bool:
        if (value != "true" && value != "false") return error(line, "expected true or false");
        return set(o, t.key, Value(value == "true"), line);
      case Shape::Checksum: {
        auto c = checksum(value, line);
        if (!c) return c.error();
        push(o, t.key, std::move(*c), line);
        return Ok{};
      }
      case Shape::ExternalRef: {
        std::string_view rest = value;
        std::string_view cat = next_word(rest);
        std::string_view type = next_word(rest);
        if (rest.empty()) return error(line, "expected 'CATEGORY TYPE LOCATOR'");
        push(o, t.key,
             Value(json::Object{{"referenceCategory", at_line(Value(cat), line)},
                                {"referenceType", at_line(Value(type), line)},
                                {"referenceLocator", at_line(Value(rest), line)}}),
             line);
        return Ok{};
      }
      case Shape::ExternalRefComment: {
        Value* refs = member(o, t.key);
        if (!refs || refs->as_array().empty()) return error(line, "ExternalRefComment without an ExternalRef");
        return set(refs->as_array().back().as_object(), "comment", Value(std::move(value)), line);
      }
      case Shape::VerificationCode: {
        std::string_view v = value;
        std::size_t open = v.find('(');
        json::Object code{{"packageVerificationCodeValue", at_line(Value(trim(v.substr(0, open))), line)}};
        if (open != std::string_view::npos) {
          std::size_t close = v.rfind(')');
          if (close == std::string_view::npos || close < open || !trim(v.substr(close + 1)).empty())
            return error(line, "expected 'VALUE (excludes: FILE, ...)'");
          std::string_view inner = trim(v.substr(open + 1, close - open - 1));
          if (inner.substr(0, 9) == "excludes:") inner = trim(inner.substr(9));
          json::Array files;
          while (!inner.empty()) {
            std::size_t comma = inner.find(',');
            files.push_back(at_line(Value(trim(inner.substr(0, comma))), line));
            inner = comma == std::string_view::npos ? std::string_view{} : trim(inner.substr(comma + 1));
          }
          code.emplace_back("packageVerificationCodeExcludedFiles", at_line(Value(std::move(files)), line));
        }
        return set(o, t.key, Value(std::move(code)), line);
      }
      case Shape::ByteRange:
      case Shape::LineRange: {
        std::string_view v = value;
        std::size_t colon = v.find(':');
        std::string_view a = trim(v.substr(0, colon));
        std::string_view b = colon == std::string_view::npos ? std::string_view{} : trim(v.substr(colon + 1));
        // As JSON numbers: "062" is 62 (JSON has no leading zeros).
        std::string start, end;
        if (!range_number(a, start) || !range_number(b, end)) return error(line, "expected 'START:END'");
        std::string_view unit = t.shape == Shape::ByteRange ? "offset" : "lineNumber";
        // The reference (snippetFromFile) is filled in when the snippet is complete.
        auto pointer = [&](std::string_view n) {
          return at_line(Value(json::Object{{std::string(unit), at_line(Value(json::Number{std::string(n)}), line)}}),
                         line);
        };
        push(o, t.key, Value(json::Object{{"startPointer", pointer(start)}, {"endPointer", pointer(end)}}), line);
        return Ok{};
      }
      case Shape::SeeAlso: {
        std::string_view v = value;
        while (!v.empty()) {
          std::size_t comma = v.find(',');
          push(o, t.key, Value(trim(v.substr(0, comma))), line);
          v = comma == std::string_view::npos ? std::string_view{} : trim(v.substr(comma + 1));
        }
        return Ok{};
      }
      case Shape::ExternalDocumentRef: {
        std::string_view rest = value;
        std::string_view id = next_word(rest);
        std::string_view uri = next_word(rest);
        auto c = checksum(rest, line);
        if (id.empty() || uri.empty() || !c) return error(line, "expected 'DocumentRef-ID URI ALGORITHM: VALUE'");
        push(o, t.key,
             Value(json::Object{{"externalDocumentId", at_line(Value(id), line)},
                                {"spdxDocument", at_line(Value(uri), line)},
                                {"checksum", at_line(std::move(*c), line)}}),
             line);
        return Ok{};
      }
      case Shape::AnnotationTarget: {
        Element& e = elements_[current_];
        if (!e.target.empty()) return error(line, "repeated tag for 'SPDXREF'");
        if (value.empty()) return error(line, "empty SPDXREF");
        e.target = std::move(value);
        return Ok{};
      }
    }
    return Ok{};
  }

  Status relationship(std::string_view value, std::uint32_t line) {
    std::string_view rest = value;
    std::string_view a = next_word(rest);
    std::string_view type = next_word(rest);
    std::string_view b = next_word(rest);
    if (b.empty() || !rest.empty()) return error(line, "expected 'SPDXID TYPE SPDXID'");
    relationships_.push_back(at_line(Value(json::Object{{"spdxElementId", at_line(Value(a), line)},
                                                        {"relationshipType", at_line(Value(type), line)},
                                                        {"relatedSpdxElement", at_line(Value(b), line)}}),
                                     line));
    return Ok{};
  }

  Expected<Value> finish() {
    std::vector<Element*> annotations;
    for (Element& e : elements_) {
      if (e.section == Section::Annotation) {
        if (e.target.empty()) return error(e.line, "annotation without SPDXREF");
        annotations.push_back(&e);
        continue;
      }
      if (e.section == Section::Snippet) {
        if (Value* ranges = member(e.object, "ranges")) {
          Value* file = member(e.object, "snippetFromFile");
          if (!file) return error(e.line, "snippet ranges without SnippetFromFileSPDXID");
          for (Value& r : ranges->as_array())
            for (auto& p : r.as_object()) p.second.as_object().emplace_back("reference", *file);
        }
      }
    }
    // Annotations belong to the element their SPDXREF names (the document's go to the top level):
    // found through an index of the elements' ids, the first of an id as before (a document
    // annotates its every package, one annotation per property: a scan per annotation was
    // quadratic, minutes for 100,000 packages).
    if (!annotations.empty()) {
      // Keys are copies: adding an element's annotations may move its members, and a short id
      // lives inside its member (the small-string buffer), so a view of it would dangle.
      std::unordered_map<std::string, json::Object*> by_id;
      by_id.reserve(elements_.size());
      for (Element& e : elements_) {
        if (e.section == Section::Annotation || e.section == Section::Review) continue;
        if (Value* id = member(e.object, "SPDXID"); id && id->is_string()) by_id.emplace(id->as_string(), &e.object);
      }
      // A copy: adding the document's annotations to doc_ may move its members.
      const Value* id_member = member(doc_, "SPDXID");
      const std::optional<std::string> doc_id =
          id_member && id_member->is_string() ? std::optional<std::string>(id_member->as_string()) : std::nullopt;
      for (Element* a : annotations) {
        json::Object* owner = nullptr;
        if (doc_id && *doc_id == a->target) {
          owner = &doc_;
        } else if (auto it = by_id.find(a->target); it != by_id.end()) {
          owner = it->second;
        }
        if (!owner) return error(a->line, "annotation of unknown element '" + a->target + "'");
        push(*owner, "annotations", Value(std::move(a->object)), a->line);
      }
    }
    for (Section s : {Section::Package, Section::File, Section::Snippet, Section::License, Section::Review})
      for (Element& e : elements_)
        if (e.section == s) push(doc_, array_of(s), Value(std::move(e.object)), e.line);
    if (!relationships_.empty())
      doc_.emplace_back("relationships", at_line(Value(std::move(relationships_)), relationships_line()));
    Value out(std::move(doc_));
    out.position = {1, 1};
    return out;
  }

  std::uint32_t relationships_line() const { return relationships_.empty() ? 1 : relationships_.front().position.line; }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::string_view text_;
  std::string_view name_;
  json::Object doc_;
  std::vector<Element> elements_;
  json::Array relationships_;
  std::size_t current_ = kNone;
  std::size_t last_element_ = kNone;
};

// ---- Writing ---------------------------------------------------------------------------------

class TagWriter {
 public:
  explicit TagWriter(TagLostFn lost) : lost_(std::move(lost)) {}

  // A package before run() (TagValueWriter): its section goes to packages_, not out_, and what it
  // loses waits in deferred_; run() puts both in the packages' place.
  void package(const Value& p) {
    std::string ptr = "/packages/" + std::to_string(packaged_.size());
    const Value* id = p.find("SPDXID");
    const Value* files = p.find("hasFiles");
    packaged_.push_back({word(id) ? id->as_string() : std::string(), files ? *files : Value()});
    out_.swap(packages_.tail());
    deferring_ = true;
    element(Section::Package, p, ptr);
    deferring_ = false;
    out_.swap(packages_.tail());
    packages_.seal();
  }

  void run(const Value& doc, const json::Sink& sink) {
    sink_ = &sink;
    if (doc.is_object()) sections(doc);
    if (!out_.empty()) sink(out_);
  }

 private:
  void sections(const Value& doc) {
    const json::Object& d = doc.as_object();
    section(Section::Document, d, "", {"creationInfo", "annotations", "packages", "files", "snippets",
                                       "hasExtractedLicensingInfos", "relationships", "revieweds",
                                       "documentDescribes"});
    if (const Value* ci = doc.find("creationInfo"); ci && ci->is_object())
      section(Section::Creation, ci->as_object(), "/creationInfo", {});
    annotations(doc, "", doc.find("SPDXID"));
    elements(doc, "revieweds", Section::Review);
    relationships(doc);
    // Files first: in tag-value a file after a package is read by some tools as part of it.
    elements(doc, "files", Section::File);
    elements(doc, "packages", Section::Package);
    elements(doc, "snippets", Section::Snippet);
    elements(doc, "hasExtractedLicensingInfos", Section::License);
  }

  void lose(std::string pointer, std::string what) {
    if (deferring_) deferred_.emplace_back(std::move(pointer), std::move(what));
    else lost_(std::move(pointer), std::move(what));
  }

  static bool spellable(const Value* v) { return tag_value_text(v); }

  void line(std::string_view tag, std::string_view value, const std::string& pointer) {
    bool text = needs_text_block(value);
    if (text && value.find("</text>") != std::string_view::npos) {
      lose(pointer, "a value holding '</text>', which tag-value cannot spell");
      return;
    }
    out_ += tag;
    out_ += ": ";
    if (text) out_ += "<text>";
    out_ += value;
    if (text) out_ += "</text>";
    out_ += '\n';
  }

  static std::string key_pointer(const std::string& base, std::string_view key) {
    return base + "/" + json::pointer_token(key);
  }

  // Writes the members of `o` that section `s` has tags for, in table order; reports the rest
  // except those named in `handled`.
  void section(Section s, const json::Object& o, const std::string& base, std::initializer_list<std::string_view> handled) {
    const std::vector<const Tag*>& tags = tag_index().by_section[static_cast<std::size_t>(s)];
    for (const Tag* t : tags) {
      // Ranges are two tags over one member: elements() writes them.
      if (t->shape == Shape::AnnotationTarget || t->shape == Shape::ExternalRefComment || t->shape == Shape::ByteRange ||
          t->shape == Shape::LineRange)
        continue;
      for (const auto& [key, v] : o) {
        if (key != t->key) continue;
        std::string ptr = key_pointer(base, key);
        write_member(*t, v, ptr);
      }
    }
    for (std::size_t i = 0; i < o.size(); ++i) {
      const std::string& key = o[i].first;
      bool known = std::find(handled.begin(), handled.end(), key) != handled.end() ||
                   std::any_of(tags.begin(), tags.end(), [&](const Tag* t) {
                     return t->key == key && t->shape != Shape::AnnotationTarget;
                   });
      if (!known) lose(key_pointer(base, key), "member '" + key + "', which tag-value has no tag for");
    }
  }

  // Calls f(item, pointer) for each object of the array `v`; anything else is reported.
  template <typename F> void each_object(const Value& v, const std::string& ptr, F&& f) {
    if (!v.is_array()) { lose(ptr, "a non-array value"); return; }
    for (std::size_t i = 0; i < v.as_array().size(); ++i) {
      std::string p = ptr + "/" + std::to_string(i);
      if (v.as_array()[i].is_object()) f(v.as_array()[i], p);
      else lose(p, "a value tag-value cannot spell");
    }
  }

  // The string at `path` (keys separated by '/') under `v`, or nullptr.
  static const std::string* str(const Value& v, std::string_view path) {
    const Value* at = &v;
    while (at && !path.empty()) {
      std::size_t slash = path.find('/');
      at = at->find(path.substr(0, slash));
      path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    }
    return at && at->is_string() ? &at->as_string() : nullptr;
  }

  // Writes "tag: a<sep>b..." from the strings at `paths`, or reports the item when one is missing.
  // Returns whether the line was written (false: reported lost).
  bool joined(std::string_view tag, const Value& x, std::initializer_list<std::pair<std::string_view, std::string_view>> paths,
              const std::string& ptr) {
    // Each part must read back as itself: not empty, one line, no space at either end, no space
    // inside a part a space ends, no ':' inside a part a ':' ends.
    std::string text;
    for (const auto& [path, sep] : paths) {
      const std::string* s = str(x, path);
      bool ok = s && !s->empty() && !has_any_of(*s, "\r\n") && *s == trim(*s) &&
                !(sep == " " && has_any_of(*s, " \t")) &&
                !(sep == ": " && s->find(':') != std::string::npos);
      if (!ok) { lose(ptr, "a value tag-value cannot spell"); return false; }
      text += *s;
      text += sep;
    }
    line(tag, text, ptr);
    return true;
  }

  void write_member(const Tag& t, const Value& v, const std::string& ptr) {
    switch (t.shape) {
      case Shape::Text:
        if (v.is_string()) line(t.tag, v.as_string(), ptr);
        else lose(ptr, "a non-string value");
        return;
      case Shape::List:
      case Shape::SeeAlso:
        if (!v.is_array()) { lose(ptr, "a non-array value"); return; }
        for (std::size_t i = 0; i < v.as_array().size(); ++i) {
          const Value& x = v.as_array()[i];
          std::string p = ptr + "/" + std::to_string(i);
          if (!x.is_string()) lose(p, "a non-string value");
          else if (t.shape == Shape::SeeAlso && (x.as_string().empty() || x.as_string() != trim(x.as_string()) ||
                                                 has_any_of(x.as_string(), ",\r\n")))
            lose(p, "a URL tag-value cannot spell");
          else line(t.tag, x.as_string(), p);
        }
        return;
      case Shape::Bool:
        if (v.is_bool()) line(t.tag, v.as_bool() ? "true" : "false", ptr);
        else lose(ptr, "a non-boolean value");
        return;
      case Shape::Checksum:
        each_object(v, ptr, [&](const Value& x, const std::string& p) {
          joined(t.tag, x, {{"algorithm", ": "}, {"checksumValue", ""}}, p);
        });
        return;
      case Shape::ExternalRef:
        each_object(v, ptr, [&](const Value& x, const std::string& p) {
          // The comment belongs to the ExternalRef line before it: without that line it is lost too
          // (reported with the reference), or it would read back as another reference's comment.
          if (joined(t.tag, x, {{"referenceCategory", " "}, {"referenceType", " "}, {"referenceLocator", ""}}, p))
            if (const std::string* cm = str(x, "comment")) line("ExternalRefComment", *cm, p);
        });
        return;
      case Shape::ExternalDocumentRef:
        each_object(v, ptr, [&](const Value& x, const std::string& p) {
          joined(t.tag, x,
                 {{"externalDocumentId", " "}, {"spdxDocument", " "}, {"checksum/algorithm", ": "},
                  {"checksum/checksumValue", ""}},
                 p);
        });
        return;
      case Shape::VerificationCode: {
        // The value and each excluded file must read back as themselves.
        auto spellable = [](const Value* x) {
          return x && x->is_string() && !x->as_string().empty() && x->as_string() == trim(x->as_string()) &&
                 !has_any_of(x->as_string(), "(),\r\n");
        };
        const Value* val = v.find("packageVerificationCodeValue");
        const Value* ex = v.find("packageVerificationCodeExcludedFiles");
        bool ok = spellable(val) && (!ex || (ex->is_array() && std::all_of(ex->as_array().begin(), ex->as_array().end(),
                                                                            [&](const Value& f) { return spellable(&f); })));
        if (!ok) { lose(ptr, "a verification code tag-value cannot spell"); return; }
        std::string text = val->as_string();
        if (ex && !ex->as_array().empty()) {
          text += " (excludes: ";
          for (std::size_t i = 0; i < ex->as_array().size(); ++i) text += (i ? ", " : "") + ex->as_array()[i].as_string();
          text += ')';
        }
        line(t.tag, text, ptr);
        return;
      }
      case Shape::ByteRange:
      case Shape::LineRange: {
        if (!v.is_array()) return;
        std::string_view unit = t.shape == Shape::ByteRange ? "offset" : "lineNumber";
        for (std::size_t i = 0; i < v.as_array().size(); ++i) {
          const Value& r = v.as_array()[i];
          const Value* a = r.find("startPointer");
          const Value* b = r.find("endPointer");
          const Value* an = a ? a->find(unit) : nullptr;
          const Value* bn = b ? b->find(unit) : nullptr;
          if (range_number(an) && range_number(bn))
            line(t.tag, an->as_number().text + ":" + bn->as_number().text, ptr + "/" + std::to_string(i));
          else if (t.shape == Shape::ByteRange && !(a && b && range_number(a->find("lineNumber")) && range_number(b->find("lineNumber"))))
            lose(ptr + "/" + std::to_string(i), "a snippet range tag-value cannot spell");  // once, neither tag spells it
        }
        return;
      }
      case Shape::ExternalRefComment:
      case Shape::AnnotationTarget: return;
    }
  }

  // A range's number as tag-value spells it: written only when the reader reads it back as itself
  // (range_number: a negative, fractional or exponent number would not read, one past 64 bits
  // would not either, and "062" would read as 62).
  static bool range_number(const Value* n) {
    std::string read;
    return n && n->is_number() && spdx::range_number(n->as_number().text, read) && read == n->as_number().text;
  }

  void annotations(const Value& element, const std::string& base, const Value* id) {
    const Value* list = element.find("annotations");
    if (!list) return;
    if (!list->is_array() || !id || !id->is_string()) {
      lose(base + "/annotations", "annotations of an element without an SPDXID");
      return;
    }
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
      const Value& a = list->as_array()[i];
      std::string ptr = base + "/annotations/" + std::to_string(i);
      if (!startable(Section::Annotation, a, ptr)) continue;
      out_ += '\n';
      section(Section::Annotation, a.as_object(), ptr, {});
      line("SPDXREF", id->as_string(), ptr);
    }
  }

  // Whether `e` has the member whose tag starts its section (PackageName, FileName, ...), as a
  // value tag-value spells: without that line the element's tags would be read as the previous
  // element's, so it is left out (a blank line and its other tags too).
  bool startable(Section s, const Value& e, const std::string& ptr) {
    const Tag* first = std::find_if(kTags.begin(), kTags.end(), [&](const Tag& t) { return t.section == s; });
    const Value* v = e.is_object() ? e.find(first->key) : nullptr;
    if (spellable(v)) return true;
    lose(ptr, v && v->is_string() ? "an element whose " + std::string(first->key) + " tag-value cannot spell"
                                  : "an element without " + std::string(first->key) + ", which tag-value cannot spell");
    return false;
  }

  void elements(const Value& doc, std::string_view key, Section s) {
    const Value* list = doc.find(key);
    if (!list || !list->is_array()) return;
    std::size_t first = 0;  // the packages written before run() come first
    if (s == Section::Package && !packaged_.empty()) {
      first = packaged_.size();
      if (!out_.empty()) (*sink_)(out_);
      out_.clear();
      packages_.drain([&](const std::string& t) { (*sink_)(t); });
      for (auto& [pointer, what] : deferred_) lost_(std::move(pointer), std::move(what));
      deferred_.clear();
    }
    for (std::size_t i = 0; i < list->as_array().size(); ++i)
      element(s, list->as_array()[i], "/" + std::string(key) + "/" + std::to_string(first + i));
  }

  void element(Section s, const Value& e, const std::string& ptr) {
    if (!startable(s, e, ptr)) return;
    out_ += '\n';
    if (s == Section::Snippet) {
      section(s, e.as_object(), ptr, {"annotations", "ranges"});
      // Ranges read back only after the file they are in (SnippetFromFileSPDXID).
      if (const Value* r = e.find("ranges"); r && !spellable(e.find("snippetFromFile"))) {
        lose(ptr + "/ranges", "snippet ranges without a snippetFromFile tag-value can spell");
      } else if (r) {
        write_member(*find_tag(s, "SnippetByteRange"), *r, ptr + "/ranges");
        write_member(*find_tag(s, "SnippetLineRange"), *r, ptr + "/ranges");
      }
    } else {
      section(s, e.as_object(), ptr, {"annotations", "hasFiles"});
    }
    annotations(e, ptr, e.find("SPDXID"));
  }

  // Through line(): a first id that begins with "<text>" would read as a text block, so the
  // line is then written as one (and reads back as the same three words).
  bool relationship_line(const std::string& a, const std::string& type, const std::string& b, const std::string& ptr) {
    std::string text = a;
    text += ' ';
    text += type;
    text += ' ';
    text += b;
    if (text.starts_with("<text>") && text.find("</text>") != std::string::npos) {
      lose(ptr, "a relationship tag-value cannot spell");
      return false;
    }
    line("Relationship", text, ptr);
    return true;
  }

  // One word of a Relationship line: not empty, no whitespace.
  static bool word(const Value* v) { return tag_value_word(v); }

  // Relationships, plus the ones JSON spells as lists (documentDescribes, a package's hasFiles),
  // each written once, in relationship_before() order.
  void relationships(const Value& doc) {
    using Triple = std::array<std::string, 3>;
    struct Entry {
      Value rel;
      std::string ptr;  // of an explicit relationship; empty for an implied one
    };
    std::vector<Entry> all;
    std::vector<Triple> written;
    if (const Value* rels = doc.find("relationships"); rels && rels->is_array()) {
      for (std::size_t i = 0; i < rels->as_array().size(); ++i) {
        const Value& r = rels->as_array()[i];
        const Value* a = r.find("spdxElementId");
        const Value* t = r.find("relationshipType");
        const Value* b = r.find("relatedSpdxElement");
        if (!word(a) || !word(t) || !word(b)) {
          lose("/relationships/" + std::to_string(i), "a relationship tag-value cannot spell");
          continue;
        }
        all.push_back({r, "/relationships/" + std::to_string(i)});
        written.push_back({a->as_string(), t->as_string(), b->as_string()});
      }
    }
    auto implied = [&](const Value* list, const std::string& from, std::string_view type, const std::string& ptr) {
      if (!list || !list->is_array()) return;
      for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const Value& x = list->as_array()[i];
        if (!word(&x)) { lose(ptr + "/" + std::to_string(i), "an element id tag-value cannot spell"); continue; }
        Triple rel{from, std::string(type), x.as_string()};
        if (std::find(written.begin(), written.end(), rel) != written.end()) continue;
        written.push_back(rel);
        all.push_back({Value(json::Object{{"spdxElementId", Value(rel[0])}, {"relationshipType", Value(rel[1])},
                                          {"relatedSpdxElement", Value(rel[2])}}),
                       {}});
      }
    };
    const Value* doc_id = doc.find("SPDXID");
    std::string doc_ref = word(doc_id) ? doc_id->as_string() : "SPDXRef-DOCUMENT";
    implied(doc.find("documentDescribes"), doc_ref, "DESCRIBES", "/documentDescribes");
    if (const Value* pkgs = doc.find("packages"); pkgs && pkgs->is_array()) {
      // Each package's id (when a word: else empty) and hasFiles, those written before run() first.
      std::vector<std::pair<std::string_view, const Value*>> each;
      auto with_files = [](const std::pair<std::string_view, const Value*>& p) {
        return !p.first.empty() && p.second && p.second->is_array();
      };
      each.reserve(packaged_.size() + pkgs->as_array().size());
      for (const Packaged& p : packaged_) each.emplace_back(p.id, p.files.is_null() ? nullptr : &p.files);
      for (const Value& p : pkgs->as_array()) {
        const Value* id = p.find("SPDXID");
        each.emplace_back(word(id) ? std::string_view(id->as_string()) : std::string_view(), p.find("hasFiles"));
      }
      if (std::any_of(each.begin(), each.end(), with_files)) {
        // hasFiles names files; a package there would come back as a nested package, so it is a loss.
        std::unordered_set<std::string_view> packages;
        for (const auto& p : each)
          if (!p.first.empty()) packages.insert(p.first);
        for (std::size_t i = 0; i < each.size(); ++i) {
          if (!with_files(each[i])) continue;
          const json::Array& files = each[i].second->as_array();
          json::Array kept;
          for (std::size_t k = 0; k < files.size(); ++k) {
            const Value& f = files[k];
            if (f.is_string() && packages.count(f.as_string()))
              lose("/packages/" + std::to_string(i) + "/hasFiles/" + std::to_string(k), "a package in hasFiles");
            else kept.push_back(f);
          }
          Value list(std::move(kept));
          implied(&list, std::string(each[i].first), "CONTAINS", "/packages/" + std::to_string(i) + "/hasFiles");
        }
      }
    }
    std::stable_sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) { return relationship_before(a.rel, b.rel); });
    if (!all.empty()) out_ += '\n';
    for (const Entry& e : all) {
      if (!relationship_line(e.rel.find("spdxElementId")->as_string(), e.rel.find("relationshipType")->as_string(),
                             e.rel.find("relatedSpdxElement")->as_string(), e.ptr.empty() ? "/relationships" : e.ptr))
        continue;
      for (const auto& m : e.rel.as_object()) {
        if (m.first == "comment" && m.second.is_string()) line("RelationshipComment", m.second.as_string(), e.ptr + "/comment");
        else if (m.first != "spdxElementId" && m.first != "relationshipType" && m.first != "relatedSpdxElement")
          lose(e.ptr + "/" + json::pointer_token(m.first), "member '" + m.first + "', which tag-value has no tag for");
      }
    }
  }

  struct Packaged {
    std::string id;  // empty when not a word
    Value files;     // hasFiles; null when absent
  };

  TagLostFn lost_;
  std::string out_;
  const json::Sink* sink_ = nullptr;  // run()'s
  std::vector<Packaged> packaged_;    // the packages written before run()
  detail::TextBlocks packages_;       // their text
  std::vector<std::pair<std::string, std::string>> deferred_;  // what they lost
  bool deferring_ = false;
};

}  // namespace

bool relationship_before(const json::Value& a, const json::Value& b) {
  auto key = [](const Value& r) {
    auto s = [&](std::string_view k) -> std::string_view {
      const Value* v = r.is_object() ? r.find(k) : nullptr;
      return v && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
    };
    // Targets are ordered for DESCRIBES only: a dependency list keeps its order.
    std::string_view type = s("relationshipType");
    bool describes = type == "DESCRIBES";
    return std::make_tuple(!describes, s("spdxElementId"), type, describes ? s("relatedSpdxElement") : std::string_view());
  };
  return key(a) < key(b);
}

bool tag_value_text(std::string_view s) { return !(needs_text_block(s) && s.find("</text>") != std::string_view::npos); }
bool tag_value_text(const json::Value* v) { return v && v->is_string() && tag_value_text(v->as_string()); }

bool tag_value_word(const json::Value* v) {
  return v && v->is_string() && !v->as_string().empty() && !has_any_of(v->as_string(), " \t\r\n");
}

Expected<json::Value> tag_value_to_json(std::string_view text, std::string_view name) {
  return TagReader(text, name).run();
}

std::string json_to_tag_value(const json::Value& doc, const TagLostFn& lost) {
  std::string text;
  TagWriter(lost).run(doc, [&](std::string_view s) { text.append(s); });
  return text;
}

struct TagValueWriter::Impl : TagWriter {
  using TagWriter::TagWriter;
};

TagValueWriter::TagValueWriter(TagLostFn lost) : impl_(std::make_unique<Impl>(std::move(lost))) {}
TagValueWriter::~TagValueWriter() = default;
void TagValueWriter::package(const json::Value& p) { impl_->package(p); }
void TagValueWriter::write(const json::Value& doc, const json::Sink& sink) { impl_->run(doc, sink); }

}  // namespace sbom::spdx
