// CycloneDX JSON reader and writer (spec 1.4 to 1.7) around sbom::Document, lossless.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "sbom/error.h"
#include "sbom/json.h"
#include "sbom/model.h"

namespace sbom::cyclonedx {

/// Spec versions this library reads and writes.
inline constexpr std::string_view kSpecVersions[] = {"1.4", "1.5", "1.6", "1.7"};

/// Parses CycloneDX JSON text.
Expected<Document> read_json(std::string_view text, std::string_view name);
/// Parses CycloneDX JSON from a stream (stdin, pipe or file), read whole first (json::read_all).
Expected<Document> read_json(std::FILE* f, std::string_view name);

/// The document as JSON: known members in the spec's order, then the members we do not model,
/// in input order.
json::Value to_json(const Document& doc);
/// Serialised JSON text with a final newline.
std::string write_json(const Document& doc, int indent = 2);
/// The same text handed to `sink` in pieces of about 64 KiB, for documents too big to hold twice.
void write_json(const Document& doc, const json::Sink& sink, int indent = 2);

}  // namespace sbom::cyclonedx
