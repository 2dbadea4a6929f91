// Private: the singleton of every version scheme, one per file in this directory.
#pragma once

#include "sbom/version.h"

namespace sbom::version {

const Scheme& dpkg_scheme();
const Scheme& rpm_scheme();
const Scheme& apk_scheme();
const Scheme& semver_scheme();
const Scheme& npm_scheme();
const Scheme& go_scheme();
const Scheme& cargo_scheme();
const Scheme& nuget_scheme();
const Scheme& hex_scheme();
const Scheme& pub_scheme();
const Scheme& swift_scheme();
// implemented by verB:
const Scheme& pep440_scheme();
const Scheme& maven_scheme();
const Scheme& rubygems_scheme();
const Scheme& composer_scheme();
const Scheme& cran_scheme();
const Scheme& hackage_scheme();

}  // namespace sbom::version
