"""numoxide.random.bit_generator: the BitGenerator base class, SeedSequence and the
seed-sequence interfaces."""

import abc

from . import BitGenerator, SeedSequence

__all__ = ["BitGenerator", "ISeedSequence", "ISpawnableSeedSequence", "SeedSequence", "SeedlessSeedSequence"]


class ISeedSequence(abc.ABC):
    """Abstract base class for seed sequences (``generate_state``)."""

    @abc.abstractmethod
    def generate_state(self, n_words, dtype="uint32"):
        raise NotImplementedError


class ISpawnableSeedSequence(ISeedSequence):
    """Abstract base class for seed sequences that can spawn."""

    @abc.abstractmethod
    def spawn(self, n_children):
        raise NotImplementedError


class SeedlessSeedSequence:
    """A seed sequence for bit generators with no way of being seeded."""

    def generate_state(self, n_words, dtype="uint32"):
        raise NotImplementedError("seedless SeedSequences cannot generate state")

    def spawn(self, n_children):
        return [self] * n_children


SeedlessSequence = SeedlessSeedSequence
ISpawnableSeedSequence.register(SeedSequence)
