"""Evaluation of storyline's stages against annotated data sets."""
