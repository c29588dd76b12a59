"""numoxide.random.bit_generator: the BitGenerator base class and SeedSequence."""

from . import BitGenerator, SeedSequence

__all__ = ["BitGenerator", "SeedSequence"]
