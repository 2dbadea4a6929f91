// Vulnerability aliases: grouping and the preferred id (aliases.h says which rule and why).
#include "core/aliases.h"

#include <algorithm>

namespace sbom {

std::string preferred_id(const std::set<std::string>& ids, const std::set<std::string>& primary) {
  const std::string* cve = nullptr;
  int cves = 0;
  for (const std::string& id : ids)
    if (id.rfind("CVE-", 0) == 0) {
      cve = &id;
      ++cves;
    }
  if (cves == 1) return *cve;
  for (const std::string& id : ids)
    if (primary.count(id) != 0) return id;
  return ids.empty() ? std::string() : *ids.begin();
}

std::string AliasGroups::root(const std::string& id) {
  auto it = parent_.find(id);
  if (it == parent_.end()) {
    parent_.emplace(id, id);
    return id;
  }
  if (it->second == id) return id;
  std::string r = root(it->second);
  parent_[id] = r;
  return r;
}

void AliasGroups::add(const std::string& id, const std::vector<std::string>& aliases) {
  primary_.insert(id);
  std::string r = root(id);
  for (const std::string& a : aliases) {
    std::string ra = root(a);
    if (ra != r) parent_[ra] = r;
  }
}

void AliasGroups::finish() {
  std::vector<std::string> ids;
  ids.reserve(parent_.size());
  for (const auto& [id, p] : parent_) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  std::unordered_map<std::string, std::size_t> group_of_root;
  std::vector<std::set<std::string>> sets;
  for (const std::string& id : ids) {
    auto [it, fresh] = group_of_root.emplace(root(id), groups_.size());
    if (fresh) {
      groups_.emplace_back();
      sets.emplace_back();
    }
    groups_[it->second].members.push_back(id);
    sets[it->second].insert(id);
    group_.emplace(id, it->second);
  }
  for (std::size_t g = 0; g < groups_.size(); ++g) groups_[g].preferred = preferred_id(sets[g], primary_);
}

}  // namespace sbom
