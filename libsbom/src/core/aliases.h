// Vulnerability aliases: which ids are one vulnerability, and the id it is shown by. The one rule
// for sbom-match (records affecting a component) and sbom-diff (findings across releases).
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace sbom {

/// The id an alias group is shown by: its CVE when the group names exactly one; otherwise the
/// smallest of its `primary` ids (those an advisory or a finding was published under, not only
/// named as an alias), or the smallest id when none is primary.
///
/// Why: one CVE is the name users search for. Several CVEs (a distro advisory fixing many) make
/// any one of them a guess that hides the others, so the advisory's own id is shown, and the
/// others are listed as aliases. A primary id is one the user has seen as a record or in a
/// document; an alias alone may be named by nothing the user has.
std::string preferred_id(const std::set<std::string>& ids, const std::set<std::string>& primary);

/// Alias groups: ids joined when one names another, transitively. add() every id with its
/// aliases, then finish(); after it, lookups are read-only (safe from several threads).
class AliasGroups {
 public:
  /// `id` is primary (an advisory's or a finding's own id); `aliases` are the ids it names.
  void add(const std::string& id, const std::vector<std::string>& aliases);
  void finish();

  /// The group of an id given to add() (as id or alias).
  std::size_t group_of(const std::string& id) const { return group_.at(id); }
  std::size_t size() const { return groups_.size(); }
  /// preferred_id() of the group.
  const std::string& preferred(std::size_t group) const { return groups_[group].preferred; }
  /// Every id of the group, sorted.
  const std::vector<std::string>& members(std::size_t group) const { return groups_[group].members; }

 private:
  std::string root(const std::string& id);

  struct Group {
    std::string preferred;
    std::vector<std::string> members;
  };
  std::unordered_map<std::string, std::string> parent_;
  std::set<std::string> primary_;
  std::vector<Group> groups_;  // in the order of their smallest id
  std::unordered_map<std::string, std::size_t> group_;
};

}  // namespace sbom
