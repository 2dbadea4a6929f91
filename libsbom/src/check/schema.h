// The `schema` profile: a JSON document against the official JSON schema of its format and version.
#pragma once

#include "sbom/check.h"

namespace sbom::check {

Expected<ProfileResult> check_schema(const Input& in);

}  // namespace sbom::check
