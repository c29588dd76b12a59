"""Print options: ``set_printoptions``, ``get_printoptions`` and ``printoptions``."""

__all__ = []
