"""The synthetic demo dataset: a deterministic, seeded, fictional population."""
