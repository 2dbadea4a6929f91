// Private: factories of the catalogers (one per source file).
#pragma once

#include <memory>

#include "sbom/catalog.h"

namespace sbom::catalog {

std::unique_ptr<Cataloger> make_dpkg_cataloger();
std::unique_ptr<Cataloger> make_apk_cataloger();
std::unique_ptr<Cataloger> make_rpm_cataloger();
std::unique_ptr<Cataloger> make_python_cataloger();
std::unique_ptr<Cataloger> make_npm_cataloger();
std::unique_ptr<Cataloger> make_golang_cataloger();
std::unique_ptr<Cataloger> make_java_cataloger(const ArchiveLimits& limits);
std::unique_ptr<Cataloger> make_ruby_cataloger();
std::unique_ptr<Cataloger> make_php_cataloger();
std::unique_ptr<Cataloger> make_dotnet_cataloger();
std::unique_ptr<Cataloger> make_rust_cataloger();
std::unique_ptr<Cataloger> make_runtime_cataloger();

}  // namespace sbom::catalog
