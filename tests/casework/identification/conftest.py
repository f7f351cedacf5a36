from tests.identification_world import forensic, world  # noqa: F401 - fixtures
