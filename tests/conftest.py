"""Shared fixtures: the two modules under comparison and hypothesis profiles."""

import os

import numoxide
import numpy
import pytest
from hypothesis import HealthCheck, settings

# The default profile is derandomized so that a CI run checks a fixed, reproducible set
# of examples; `HYPOTHESIS_PROFILE=explore` draws fresh ones (and `thorough`, more).
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "explore",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def np():
    """The oracle."""
    return numpy


@pytest.fixture
def nx():
    """The module under test."""
    return numoxide
