// The XML reader's hand-over to the model reader: a document in CycloneDX JSON shape as a flat
// list of events (begin and end of objects and arrays, keys, strings, numbers, booleans) instead of
// JSON text (private to libsbom).
//
// Why: the XML walk (xml.cpp) decides the JSON shape from the table of xml_shape.h, and the one
// model reader (json.cpp) maps that shape onto the model; in between, writing JSON text and parsing
// it back cost a third of reading XML (quoting and escaping every string, then scanning it again)
// and a copy as large as the document. An event is two words; a string that is a piece of the
// parsed XML buffer (nearly all of them: pugixml terminates text in place) is a view of it, so only
// decoded text (references) and numbers are copied, into an arena. The walk has already checked
// everything the JSON validator would (nesting, UTF-8, no member twice), so the cursor over the
// events has no error paths, like json::detail::Cursor over validated text.
//
// The items of a document's top-level arrays (components, vulnerabilities, dependencies, ...: all
// of a large document) are not walked ahead: the walk leaves a Deferred event naming the item, and
// the cursor has the item walked when the reader gets to it (ItemWalker). So the events of one
// item exist at a time, still hot in the cache when they are read, and memory holds the XML tree
// and the model but no second copy of the document.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/json.h"

namespace sbom::cyclonedx {

class Events {
 public:
  enum class Type : std::uint8_t {
    BeginObject, EndObject, BeginArray, EndArray, Key, String, Number, True, False,
    Deferred,  ///< an array item to walk when it is read: `item` and `tag` say which (ItemWalker)
    Resume,    ///< after a deferred item's events: back to the events after its Deferred
  };

  struct Event {
    const char* text;
    std::uint64_t size_and_type;  // size (or a Deferred's tag) << 8 | type: two words per event
    Type type() const { return static_cast<Type>(size_and_type & 0xFF); }
    std::string_view view() const { return {text, static_cast<std::size_t>(size_and_type >> 8)}; }
    const void* item() const { return text; }
    std::uint64_t tag() const { return size_and_type >> 8; }
  };

  /// Strings inside `stable` (which must outlive the events) are kept as views, the rest copied.
  /// `expected` events are reserved.
  Events(std::string_view stable, std::size_t expected);

  // What the XML walk writes: the calls of json::Emitter it makes. A key must outlive the events
  // (the table's names, string literals, names in the XML buffer): keys are never copied.
  void begin_object() { push(Type::BeginObject, {}); }
  void end_object() { push(Type::EndObject, {}); }
  void begin_array() { push(Type::BeginArray, {}); }
  void end_array() { push(Type::EndArray, {}); }
  void key(std::string_view k) { push(Type::Key, k); }
  void string(std::string_view s) { push(Type::String, stable(s) ? s : copy(s)); }
  void number(const json::Number& n) { push(Type::Number, copy(n.text)); }
  void boolean(bool b) { push(b ? Type::True : Type::False, {}); }
  void member(std::string_view k, std::string_view s) {
    key(k);
    string(s);
  }
  /// An array item whose events an ItemWalker makes later; `item` and `tag` are the walker's.
  void deferred(const void* item, std::uint64_t tag) {
    events_.push_back({static_cast<const char*>(item), tag << 8 | static_cast<std::uint8_t>(Type::Deferred)});
  }
  /// Ends a deferred item's events.
  void resume() { push(Type::Resume, {}); }
  /// Empty again, keeping the memory (for the next deferred item).
  void clear();

  const Event* begin() const { return events_.data(); }
  std::size_t size() const { return events_.size(); }

 private:
  void push(Type t, std::string_view s) {
    events_.push_back({s.data(), static_cast<std::uint64_t>(s.size()) << 8 | static_cast<std::uint8_t>(t)});
  }
  bool stable(std::string_view s) const {
    return std::less_equal<>()(stable_.data(), s.data()) &&
           std::less_equal<>()(s.data() + s.size(), stable_.data() + stable_.size());
  }
  std::string_view copy(std::string_view s);

  std::string_view stable_;
  std::vector<Event> events_;
  struct Block {
    std::unique_ptr<char[]> text;
    std::size_t size;
  };
  std::vector<Block> arena_;  // copied text, never moved; clear() keeps the first block
  char* free_ = nullptr;
  std::size_t left_ = 0;
};

/// Makes the events of a Deferred item: returns them, ended by a Resume event, valid until the
/// next call.
class ItemWalker {
 public:
  virtual const Events& walk(const Events::Event& deferred) = 0;

 protected:
  ~ItemWalker() = default;
};

/// A pull cursor over Events with json::detail::Cursor's interface, for the model reader. There
/// are no positions (the XML reader places errors by XPath and JSON Pointer instead).
class EventCursor {
 public:
  EventCursor(const Events& events, ItemWalker& walker) : p_(events.begin()), walker_(walker) {}

  json::Value::Kind peek() const {
    switch (p_->type()) {
      case Events::Type::BeginObject: return json::Value::Kind::Object;
      case Events::Type::BeginArray: return json::Value::Kind::Array;
      case Events::Type::Number: return json::Value::Kind::Number;
      case Events::Type::True:
      case Events::Type::False: return json::Value::Kind::Bool;
      default: return json::Value::Kind::String;
    }
  }
  json::Position position() const { return {}; }

  void begin_object() { ++p_; }
  bool next_key(std::string_view& key, std::string& /*buf*/) {
    if (p_->type() == Events::Type::EndObject) {
      ++p_;
      return false;
    }
    key = (p_++)->view();
    return true;
  }
  void begin_array() { ++p_; }
  bool next_element() {
    if (p_->type() == Events::Type::Resume) p_ = resume_;  // the deferred item before was read
    if (p_->type() == Events::Type::EndArray) {
      ++p_;
      return false;
    }
    if (p_->type() == Events::Type::Deferred) {  // only array items are deferred
      resume_ = p_ + 1;
      p_ = walker_.walk(*p_).begin();
    }
    return true;
  }

  bool at_empty_string() const { return p_->view().empty(); }
  std::string read_string() { return std::string((p_++)->view()); }
  void read_string_into(std::string& out) { out.assign((p_++)->view()); }
  json::Number read_number() { return json::Number{std::string((p_++)->view())}; }
  bool read_bool() { return (p_++)->type() == Events::Type::True; }

  /// The next value as a json::Value (positions 0:0). `last_wins` has nothing to do: the XML walk
  /// never writes a key twice into one object (a repeated element or attribute is an error there).
  json::Value read_value(bool last_wins);

 private:
  const Events::Event* p_;
  const Events::Event* resume_ = nullptr;  // deferred items do not nest: one place to go back to
  ItemWalker& walker_;
};

}  // namespace sbom::cyclonedx
