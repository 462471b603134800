"""The part of ``phonenumbers`` detection uses (parse, validate), without the rest of the package.

``import phonenumbers`` runs the package's ``__init__``, which imports the whole library
first: the as-you-type formatter, the matcher that finds numbers in free text, the
short-number tables. Detection only parses and validates, all in ``phonenumberutil``,
and the rest was a fifth of a cold ``curlport import`` that rates one sample number.

So the package's module is made without running its ``__init__``, and ``phonenumberutil``
is imported into it. The ``__init__`` runs later, into the same module, on the first
look-up of a name only it defines: any ``import phonenumbers`` in the same process
still gets the whole package, and the same ``phonenumberutil`` detection uses.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from types import ModuleType
from typing import Any

#: One package module, even when the web server's threads rate their first numbers at once.
_LOCK = threading.RLock()


def phonenumberutil() -> ModuleType:
    """``phonenumbers.phonenumberutil``, importing no more of the package than it needs."""
    with _LOCK:
        if "phonenumbers" not in sys.modules:
            spec = importlib.util.find_spec("phonenumbers")
            if spec is None or spec.loader is None:
                raise ModuleNotFoundError("No module named 'phonenumbers'", name="phonenumbers")
            package = importlib.util.module_from_spec(spec)
            package.__class__ = _UntilUsed
            sys.modules["phonenumbers"] = package
        return importlib.import_module("phonenumbers.phonenumberutil")


class _UntilUsed(ModuleType):
    """The ``phonenumbers`` package until a name its ``__init__`` defines is looked up: then the ``__init__`` runs
    into this module (its submodules already imported are reused) and the module is the plain package."""

    def __getattr__(self, name: str) -> Any:
        with _LOCK:
            if type(self) is _UntilUsed:
                _run_init(self)
        try:
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(f"module 'phonenumbers' has no attribute {name!r}") from None


def _run_init(package: ModuleType) -> None:
    package.__class__ = ModuleType  # first: a look-up while the __init__ runs fails as it would in a plain import
    assert package.__spec__ is not None and package.__spec__.loader is not None
    package.__spec__.loader.exec_module(package)
