// Private: base of the schemes whose every operation starts by validating its inputs with one check.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "sbom/version.h"
#include "version/text.h"

namespace sbom::version::detail {

/// Implements validate/normalize/compare over three hooks that only ever see valid versions.
class CheckedScheme : public Scheme {
 public:
  Status validate(std::string_view v) const final { return check(v); }

  Expected<std::string> normalize(std::string_view v) const final {
    Status st = check(v);
    if (!st) return std::move(st).error();
    return canonical(v);
  }

  Expected<Order> compare(std::string_view a, std::string_view b) const final {
    Status sa = check(a);
    if (!sa) return std::move(sa).error();
    Status sb = check(b);
    if (!sb) return std::move(sb).error();
    return to_order(order(a, b));
  }

 protected:
  /// Ok, or the `invalid_version` error saying what is wrong with `v`.
  virtual Status check(std::string_view v) const = 0;
  /// The canonical spelling of a valid version (a scheme may still refuse some, e.g. Composer).
  virtual Expected<std::string> canonical(std::string_view v) const = 0;
  /// Three-way order (-1, 0, 1) of two valid versions.
  virtual int order(std::string_view a, std::string_view b) const = 0;
};

}  // namespace sbom::version::detail
