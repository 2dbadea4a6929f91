// Errors as values: what went wrong, and where (file, line:column, JSON Pointer).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace sbom {

/// An error with the context needed to print `file:line:col: message`.
/// Library code never prints or exits; it returns these.
struct Error {
  std::string message;   ///< lower-case, no trailing period
  std::string file;      ///< file name as the user gave it ("-" or "<stdin>" for stdin)
  std::uint32_t line = 0;    ///< 1-based; 0 when unknown
  std::uint32_t column = 0;  ///< 1-based; 0 when unknown
  std::string pointer;   ///< RFC 6901 JSON Pointer into the document, when one applies

  Error() = default;
  explicit Error(std::string msg) : message(std::move(msg)) {}

  /// Fills in the file name if none is set yet (used when an error bubbles up
  /// from string-level code to the place that knows which file was read).
  Error& in_file(std::string_view name) {
    if (file.empty()) file = name;
    return *this;
  }

  /// `file:line:col: message`, omitting the parts that are unknown; the pointer,
  /// when set, is shown as `at /a/b` before the message.
  std::string to_string() const;
};

/// A value or an Error (std::expected is C++23; we build as C++20).
template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Expected(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  Error& error() & { return std::get<1>(v_); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

/// Success with no value.
struct Ok {};
using Status = Expected<Ok>;

}  // namespace sbom
