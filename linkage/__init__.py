"""Record linkage across lists, sources and scripts (pure library: no Django)."""
