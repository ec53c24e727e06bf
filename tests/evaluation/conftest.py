"""Fixtures of the evaluation tests: the entity tests' hand-written KB."""

from tests.entities.conftest import fixture_index

__all__ = ["fixture_index"]
