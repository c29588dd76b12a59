"""Mirror of ``numpy.testing._private``: some suites import helpers from its ``utils``."""
