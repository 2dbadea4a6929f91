module m

require (
	a.b/c v1.0.0 // indirect
)
replace a.b/c v1.0.0 => ./c
