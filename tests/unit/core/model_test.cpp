// The model's side block (Side<ComponentRare>): reading allocates nothing, writing allocates, copies are deep.
#include <catch2/catch.hpp>

#include "sbom/model.h"

using sbom::Component;

TEST_CASE("reading a component's unset rare members allocates nothing and reads empty") {
  Component c;
  CHECK(c.rare->author.empty());
  CHECK_FALSE(c.rare->supplier);
  CHECK(c.rare->external_references.empty());
  CHECK_FALSE(c.rare.allocated());
  const Component copy = c;
  CHECK_FALSE(copy.rare.allocated());
}

TEST_CASE("writing a rare member allocates the block; copies do not share it") {
  Component c;
  c.rare.edit().author = "Ann";
  REQUIRE(c.rare.allocated());
  Component copy = c;
  copy.rare.edit().author = "Bob";
  CHECK(c.rare->author == "Ann");
  CHECK(copy.rare->author == "Bob");
  Component assigned;
  assigned = c;
  c.rare.edit().author.clear();
  CHECK(assigned.rare->author == "Ann");
  Component moved = std::move(assigned);
  CHECK(moved.rare->author == "Ann");
}

TEST_CASE("the shared empty block stays empty however often it is read") {
  Component a, b;
  b.rare.edit().scope = "optional";
  CHECK(a.rare->scope.empty());
  CHECK(&*a.rare != &*b.rare);
}
