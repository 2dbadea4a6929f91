// Hex (Erlang/Elixir) versions: SemVer 2.0.0 as Elixir's Version module reads it.
#include "version/schemes.h"
#include "version/semver_family.h"

namespace sbom::version {

const Scheme& hex_scheme() {
  static const detail::SemverFamily scheme(detail::SemverRules{.name = "hex"});
  return scheme;
}

}  // namespace sbom::version
