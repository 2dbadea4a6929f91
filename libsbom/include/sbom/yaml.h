// YAML (1.1/1.2 core subset as used by humans in config files) into the lossless JSON value.
#pragma once

#include <string_view>

#include "sbom/error.h"
#include "sbom/json.h"

namespace sbom::yaml {

/// Parses one YAML document into a json::Value: mappings become objects (keys must be scalars),
/// sequences arrays; plain scalars are typed by the YAML core schema (null/~, true/false,
/// integers, floats; everything else a string), quoted and block scalars are strings. Every value
/// carries its line:column. Anchors/aliases are resolved (alias expansion bounded), duplicate keys
/// are an error, and more than one document is an error. Errors carry line:column.
Expected<json::Value> parse(std::string_view text, std::string_view name);

}  // namespace sbom::yaml
