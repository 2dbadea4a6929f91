// Infoset comparison of two XML documents (see xml_infoset.h), on pugixml.
#include "xml_infoset.h"

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <vector>

namespace sbom::test {

namespace {

using Scope = std::vector<std::map<std::string, std::string>>;  // prefix -> URI, innermost last

std::string resolve(const Scope& scope, std::string_view qname, bool attribute) {
  auto colon = qname.find(':');
  std::string prefix = colon == std::string_view::npos ? "" : std::string(qname.substr(0, colon));
  std::string local(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
  std::string uri;
  if (!prefix.empty() || !attribute) {  // unprefixed attributes have no namespace
    uri = prefix.empty() ? "" : "?" + prefix;
    for (auto it = scope.rbegin(); it != scope.rend(); ++it)
      if (auto f = it->find(prefix); f != it->end()) {
        uri = f->second;
        break;
      }
  }
  std::string out;
  out.append("{").append(uri).append("}").append(local);
  return out;
}

struct Element {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // sorted
  std::string text;                                             // only when there are no child elements
  std::vector<pugi::xml_node> children;
};

Element describe(pugi::xml_node n, Scope& scope) {
  std::map<std::string, std::string> decls;
  for (pugi::xml_attribute a : n.attributes()) {
    std::string_view name = a.name();
    if (name == "xmlns") decls[""] = a.value();
    else if (name.starts_with("xmlns:")) decls[std::string(name.substr(6))] = a.value();
  }
  scope.push_back(std::move(decls));
  Element e;
  e.name = resolve(scope, n.name(), false);
  for (pugi::xml_attribute a : n.attributes()) {
    std::string_view name = a.name();
    if (name == "xmlns" || name.starts_with("xmlns:")) continue;
    e.attributes.emplace_back(resolve(scope, name, true), a.value());
  }
  std::sort(e.attributes.begin(), e.attributes.end());
  std::string text;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) e.children.push_back(c);
    else if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text += c.value();
  }
  if (e.children.empty()) e.text = text;
  else if (text.find_first_not_of(" \t\r\n") != std::string::npos) e.text = "(mixed) " + text;
  return e;
}

std::string compare(pugi::xml_node a, pugi::xml_node b, Scope& sa, Scope& sb, const std::string& path) {
  Element ea = describe(a, sa);
  Element eb = describe(b, sb);
  std::string here = path + "/" + ea.name;
  std::string diff;
  if (ea.name != eb.name) diff = path + ": element " + ea.name + " vs " + eb.name;
  else if (ea.attributes != eb.attributes) {
    std::string la, lb;
    for (const auto& [k, v] : ea.attributes) la += " " + k + "=\"" + v + "\"";
    for (const auto& [k, v] : eb.attributes) lb += " " + k + "=\"" + v + "\"";
    diff = here + ": attributes" + la + " vs" + lb;
  } else if (ea.text != eb.text) {
    diff = here + ": text '" + ea.text + "' vs '" + eb.text + "'";
  } else if (ea.children.size() != eb.children.size()) {
    diff = here + ": " + std::to_string(ea.children.size()) + " vs " + std::to_string(eb.children.size()) +
           " child elements";
  }
  for (std::size_t i = 0; diff.empty() && i < ea.children.size(); ++i)
    diff = compare(ea.children[i], eb.children[i], sa, sb, here + "[" + std::to_string(i + 1) + "]");
  sa.pop_back();
  sb.pop_back();
  return diff;
}

}  // namespace

std::string xml_infoset_difference(std::string_view a, std::string_view b) {
  pugi::xml_document da, db;
  unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata_single;
  if (!da.load_buffer(a.data(), a.size(), flags, pugi::encoding_utf8)) return "first document: not well-formed";
  if (!db.load_buffer(b.data(), b.size(), flags, pugi::encoding_utf8)) return "second document: not well-formed";
  Scope sa, sb;
  return compare(da.document_element(), db.document_element(), sa, sb, "");
}

}  // namespace sbom::test
