// Relations between versions and the checking of vector files (`A < B` per line).
#include "sbom/version_check.h"

#include <array>
#include <utility>

namespace sbom::version {
namespace {

struct RelationName {
  std::string_view word, symbol;
  Relation relation;
};

constexpr std::array<RelationName, 5> kRelations = {{
    {"lt", "<", Relation::Less},
    {"le", "<=", Relation::LessEqual},
    {"eq", "=", Relation::Equal},
    {"ge", ">=", Relation::GreaterEqual},
    {"gt", ">", Relation::Greater},
}};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Splits off the next blank-separated word of `s`.
std::string_view next_word(std::string_view& s) {
  std::size_t i = 0;
  while (i < s.size() && is_blank(s[i])) ++i;
  std::size_t b = i;
  while (i < s.size() && !is_blank(s[i])) ++i;
  std::string_view w = s.substr(b, i - b);
  s.remove_prefix(i);
  return w;
}

// Checks one non-comment line; returns "" when it holds, else why not.
std::string check_line(const Scheme& scheme, std::string_view line) {
  std::string_view rest = line;
  std::string_view a = next_word(rest), op = next_word(rest), b = next_word(rest);
  if (b.empty() || !next_word(rest).empty()) return "malformed line (expected 'A < B', 'A = B' or 'A > B')";
  auto rel = parse_relation(op);
  if (!rel) return rel.error().message;
  auto order = scheme.compare(a, b);
  if (!order) return order.error().message;
  if (holds(*order, *rel)) return {};
  return "got '" + std::string(order_symbol(*order)) + "'";
}

}  // namespace

Expected<Relation> parse_relation(std::string_view op) {
  for (const auto& r : kRelations)
    if (op == r.word || op == r.symbol) return r.relation;
  return Error("unknown operator '" + std::string(op) + "' (expected lt, le, eq, ge, gt, <, <=, =, >= or >)");
}

std::string_view relation_symbol(Relation r) {
  for (const auto& n : kRelations)
    if (n.relation == r) return n.symbol;
  return "?";
}

bool holds(Order order, Relation r) {
  switch (r) {
    case Relation::Less: return order == Order::Less;
    case Relation::LessEqual: return order != Order::Greater;
    case Relation::Equal: return order == Order::Equal;
    case Relation::GreaterEqual: return order != Order::Less;
    case Relation::Greater: return order == Order::Greater;
  }
  return false;
}

std::string_view order_symbol(Order o) {
  return o == Order::Less ? "<" : (o == Order::Equal ? "=" : ">");
}

CheckReport check_vectors(const Scheme& scheme, std::string_view text) {
  CheckReport report;
  std::uint32_t number = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view probe = line;
    while (!probe.empty() && is_blank(probe.front())) probe.remove_prefix(1);
    if (probe.empty() || probe.front() == '#' || probe.substr(0, 2) == "//") continue;
    std::string why = check_line(scheme, line);
    if (why.empty()) {
      ++report.passed;
    } else {
      report.failures.push_back({number, std::string(line), std::move(why)});
    }
  }
  return report;
}

}  // namespace sbom::version
