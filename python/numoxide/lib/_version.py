"""NumpyVersion: compare version strings of NumPy (and numoxide) the way NumPy does."""

import functools
import re

__all__ = ["NumpyVersion"]

_RELEASE = re.compile(r"\d+\.\d+\.\d+")
_PRE = re.compile(r"a\d|b\d|rc\d")


@functools.total_ordering
class NumpyVersion:
    """A parsed 'X.Y.Z' version string with an optional pre-release tag ('a1', 'b2',
    'rc1') and development marker ('.dev0+...'). Ordered as NumPy orders versions: by
    release numbers, then a final release above its pre-releases (tags compared as
    text), then a development build below the same version without one."""

    __module__ = "numoxide.lib"

    def __init__(self, vstring):
        self.vstring = vstring
        release = _RELEASE.match(vstring)
        if release is None:
            raise ValueError("Not a valid numpy version string")
        self.version = release.group()
        self.major, self.minor, self.bugfix = map(int, self.version.split("."))
        rest = vstring[release.end() :]
        if not rest:
            self.pre_release = "final"
        else:
            tag = _PRE.match(rest)
            self.pre_release = tag.group() if tag else ""
        # (Any character before "dev", as NumPy matches it.)
        self.is_devversion = bool(re.search(r".dev", vstring))

    def _key(self):
        final = self.pre_release == "final"
        return (
            self.major,
            self.minor,
            self.bugfix,
            final,
            "" if final else self.pre_release,
            not self.is_devversion,
        )

    @staticmethod
    def _other(other):
        if isinstance(other, str):
            return NumpyVersion(other)
        if isinstance(other, NumpyVersion):
            return other
        raise ValueError("Invalid object to compare with NumpyVersion.")

    def __eq__(self, other):
        return self._key() == self._other(other)._key()

    def __lt__(self, other):
        return self._key() < self._other(other)._key()

    __hash__ = None

    def __repr__(self):
        return f"NumpyVersion({self.vstring})"
