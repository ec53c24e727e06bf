"""storyline: from a pile of noisy news reports to an event knowledge base.

The public API is `KnowledgeBase` (see `storyline.knowledge_base`):

    from storyline import KnowledgeBase

    with KnowledgeBase.open("alliance.db") as kb:
        kb.ingest(["reports/"])
        print(kb.stats()["events"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["KnowledgeBase", "Settings", "__version__"]

if TYPE_CHECKING:
    from storyline.knowledge_base import KnowledgeBase
    from storyline.settings import Settings


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `import storyline` (and every CLI command) stays quick.
    if name == "KnowledgeBase":
        from storyline.knowledge_base import KnowledgeBase

        return KnowledgeBase
    if name == "Settings":
        from storyline.settings import Settings

        return Settings
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
