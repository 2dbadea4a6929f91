// Our own JSON schemas (schemas/*.schema.json) enforced by the files themselves. The policy and
// exceptions readers validate what they read against the schema compiled into the library, so
// what a file may hold is written once, in the schema that editors and other tools read too; the
// readers then only map valid values to the model and check what a schema cannot say (a date that
// does not exist, a version constraint its ecosystem cannot parse).
//
// Why our own validator rather than RapidJSON's: Debian's RapidJSON (1.1) implements draft 4 and
// silently ignores later keywords (const, propertyNames, $defs), it validates RapidJSON documents
// (ours are sbom::json trees, with YAML's positions for exceptions files), and its errors name no
// line. Ours knows exactly the keywords our schemas use — type, enum, const, properties, required,
// additionalProperties, propertyNames, items, minItems, minLength, minimum, maximum, pattern (RE2),
// oneOf and $ref into #/$defs — and refuses a schema that uses any other, so a keyword added to a
// schema can never be ignored in silence (tests/unit/schema checks every schema of ours loads).
// Messages say what was expected and what was found; a `pattern` is worded by the `description`
// beside it when there is one (write such descriptions as what is expected: "FORMAT or FORMAT=FILE ...").
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "sbom/error.h"
#include "sbom/json.h"

namespace re2 {
class RE2;
}

namespace sbom::schema {

/// The text of our schema `name` ("policy", "exceptions") as compiled in; empty for another name.
std::string_view embedded(std::string_view name);

class Schema {
 public:
  /// The schema in `text` (named `name` in errors): every keyword known, every pattern compiled,
  /// every $ref resolvable.
  static Expected<Schema> parse(std::string_view text, std::string_view name);
  /// Our schema `name`, compiled in (embedded()); an error names a schema that is not ours.
  static Expected<Schema> ours(std::string_view name);

  Schema(Schema&&) noexcept;
  Schema& operator=(Schema&&) noexcept;
  ~Schema();

  /// Ok when `v` is valid, else the first place it is not, in document order: the file `file`,
  /// the value's line:column and JSON Pointer, and what the schema expected there.
  Status validate(const json::Value& v, std::string_view file) const;

 private:
  Schema();
  Status check_schema(const json::Value& s, const std::string& at);
  Status check(const json::Value& s, const json::Value& v, const std::string& ptr, std::string_view file) const;
  Status check_object(const json::Value& s, const json::Value& v, const std::string& ptr, std::string_view file) const;
  const json::Value& resolve(const json::Value& s) const;

  std::string name_;
  json::Value root_;
  std::map<std::string, std::unique_ptr<re2::RE2>, std::less<>> patterns_;
};

}  // namespace sbom::schema
