"""Evaluation of storyline's stages against annotated data sets.

All evaluation code lives here; the stage packages hold runtime code only and
never import this package. One module per capability:

- `catxml`: the one reader of CAT XML (ECB+, MEANTIME), text with offsets;
- `metrics`: MUC, B³, CEAF-e, CoNLL F1 and ARI, shared by the evaluations;
- `meantime`, `time`: MEANTIME's TIMEX3s and the TempEval-3 figures (`storyline eval time`);
- `entities`: linking and clustering on MEANTIME, the name-variant set (`eval entities`);
- `corpora`, `events`: ECB+ and MEANTIME events, stories and coreference (`eval events`);
- `web_pages`: web-page extraction against trafilatura (`eval web`);
- `mutations`, `robustness`: the robustness corpus and its run (`benchmarks/robustness.py`).
"""
