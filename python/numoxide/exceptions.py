"""Exceptions raised by numoxide, with NumPy's class hierarchy (``numpy.exceptions``)."""

__all__ = [
    "AxisError",
    "ComplexWarning",
    "DTypePromotionError",
    "LinAlgError",
    "ModuleDeprecationWarning",
    "RankWarning",
    "TooHardError",
    "VisibleDeprecationWarning",
]


class AxisError(ValueError, IndexError):
    """An axis argument was out of range for the array (both a ValueError and an IndexError)."""

    def __init__(self, axis, ndim=None, msg_prefix=None):
        if ndim is None and msg_prefix is None:
            # A single argument is the whole message.
            self._msg = axis
            self.axis = None
            self.ndim = None
        else:
            self._msg = msg_prefix
            self.axis = axis
            self.ndim = ndim
        super().__init__(str(self))

    def __str__(self):
        if self.axis is None and self.ndim is None:
            return str(self._msg)
        msg = f"axis {self.axis} is out of bounds for array of dimension {self.ndim}"
        if self._msg is not None:
            msg = f"{self._msg}: {msg}"
        return msg


class UFuncTypeError(TypeError):
    """A ufunc could not run with the given types."""


class _UFuncNoLoopError(UFuncTypeError):
    """No loop of the ufunc matches the input types."""


class _UFuncCastingError(UFuncTypeError):
    """A ufunc operand could not be cast under the casting rule."""


class _UFuncInputCastingError(_UFuncCastingError):
    """An input could not be cast to the loop's type."""


class _UFuncOutputCastingError(_UFuncCastingError):
    """The loop's result could not be cast to the output array's type."""


# NumPy shows its private ufunc errors under their public base's name (UFuncTypeError).
for _cls in (_UFuncNoLoopError, _UFuncCastingError, _UFuncInputCastingError, _UFuncOutputCastingError):
    _cls.__name__ = _cls.__base__.__name__
del _cls


class ComplexWarning(RuntimeWarning):
    """Casting a complex value to a real type discards the imaginary part."""


class DTypePromotionError(TypeError):
    """No common dtype exists for the given dtypes."""


class LinAlgError(ValueError):
    """A linear-algebra routine failed (singular matrix, no convergence, ...)."""


class ModuleDeprecationWarning(DeprecationWarning):
    """A module is deprecated."""


class RankWarning(RuntimeWarning):
    """A polynomial fit is poorly conditioned."""


class TooHardError(RuntimeError):
    """``max_work`` was exceeded."""


class VisibleDeprecationWarning(UserWarning):
    """A deprecation shown to users by default."""
