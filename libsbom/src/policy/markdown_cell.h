// The text of a Markdown table cell, once for the gate's summary (policy::append_markdown_cell)
// and the reports' listings (report/out.h): markup characters escaped, line breaks (CR, LF) as spaces.
#pragma once

#include <array>
#include <string_view>

namespace sbom::policy::detail {

/// Hands `s` as a cell's text to append(piece): runs that need nothing as views into `s`.
template <typename Append>
void escape_markdown_cell(std::string_view s, Append&& append) {
  static constexpr std::array<bool, 256> kSpecial = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : std::string_view("|\\`*_<>\n\r")) t[c] = true;
    return t;
  }();
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!kSpecial[static_cast<unsigned char>(c)]) continue;
    if (i > run) append(s.substr(run, i - run));
    run = i + 1;
    if (c == '\n' || c == '\r') {
      append(std::string_view(" "));
    } else {
      const char escaped[2] = {'\\', c};
      append(std::string_view(escaped, sizeof escaped));
    }
  }
  if (s.size() > run) append(s.substr(run));
}

}  // namespace sbom::policy::detail
