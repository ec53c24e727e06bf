"""storyline: from a pile of noisy news reports to an event knowledge base."""

__version__ = "0.1.0"
