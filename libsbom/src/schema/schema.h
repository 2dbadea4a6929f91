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
//
// A reader either stops at the first violation (`validate`: the policy file) or takes every one
// (`violations`: the exceptions file, whose reader sorts them into a broken file and findings for
// lint by keyword and place). Both walk the value in the same order, so the first of `violations`
// is the error `validate` returns.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sbom/error.h"
#include "sbom/json.h"

namespace re2 {
class RE2;
}

namespace sbom::schema {

/// The text of our schema `name` ("policy", "exceptions") as compiled in; empty for another name.
std::string_view embedded(std::string_view name);

/// One place where a value breaks the schema.
struct Violation {
  std::string keyword;  ///< the keyword broken: "type", "required", "enum", "pattern", "additionalProperties", ...
  std::string pointer;  ///< JSON Pointer of the value ("" for the document; the object for `required`)
  json::Position position;  ///< the value's line:column
  std::string message;  ///< what was expected there and what was found
  /// The violation as an error in `file` (FILE:LINE:COL: at POINTER: MESSAGE).
  Error error(std::string_view file) const;
};

struct ValidateOptions {
  /// A number where the schema wants a string (and not a number) is taken as its text: YAML types
  /// a plain scalar such as `ticket: 12345`, which its author wrote as text.
  bool numbers_as_text = false;
};

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
  Status validate(const json::Value& v, std::string_view file, const ValidateOptions& options = {}) const;

  /// Every place `v` is not valid, in document order (a value's own violation before those of its
  /// members; every missing required member; at most one of type, const, enum, minLength, pattern,
  /// minimum and maximum per value, as a value that has the wrong type has no length to judge).
  std::vector<Violation> violations(const json::Value& v, const ValidateOptions& options = {}) const;

 private:
  // A schema object's keywords, found once when the schema is read. Looking each keyword up in its
  // schema object for every value validated (and a JSON Pointer made for every value) made
  // `sbom-exceptions lint` on 20,000 entries take 1.27x the hand-written loader's time; 1.10x now.
  struct Node {
    const json::Value* ref = nullptr;  // the definition a $ref names
    const json::Value* one_of = nullptr;
    const json::Value* type = nullptr;
    const json::Value* constant = nullptr;
    const json::Value* options = nullptr;  // enum
    const json::Value* min_length = nullptr;
    const json::Value* pattern = nullptr;
    const re2::RE2* re = nullptr;          // the pattern, compiled
    const json::Value* description = nullptr;
    const json::Value* minimum = nullptr;
    const json::Value* maximum = nullptr;
    const json::Value* min_items = nullptr;
    const json::Value* items = nullptr;
    const json::Value* required = nullptr;
    const json::Value* properties = nullptr;
    const json::Value* additional = nullptr;
    const json::Value* names = nullptr;  // propertyNames
  };
  // Where a value is: its JSON Pointer is made only for a violation.
  struct Path {
    const Path* up = nullptr;  // none: the document itself
    std::string_view key;      // a member's name, or
    std::size_t index = 0;     // an item's index
    bool item = false;
    std::string pointer() const;
  };

  Schema();
  Status check_schema(const json::Value& s, const std::string& at);
  void index(const json::Value& s);
  const Node* node(const json::Value& s) const;
  void check(const json::Value& s, const json::Value& v, const Path& at, const ValidateOptions& o, std::vector<Violation>& out) const;
  void check_object(const Node& n, const json::Value& v, const Path& at, const ValidateOptions& o, std::vector<Violation>& out) const;
  const json::Value& resolve(const json::Value& s) const;

  std::string name_;
  std::unique_ptr<json::Value> root_;  // on the heap: nodes_ points into it, and a Schema moves
  std::map<std::string, std::unique_ptr<re2::RE2>, std::less<>> patterns_;
  std::unordered_map<const json::Value*, Node> nodes_;
};

}  // namespace sbom::schema
