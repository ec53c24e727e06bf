"""`storyline eval events`: event and story figures on ECB+ and MEANTIME.

A plain click command; the CLI group registers it. It parses arguments and
prints; `storyline.evaluation.events` computes.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from storyline.errors import StorylineError

_DEFAULT_DATA = Path("..") / "shared" / "data"


@click.command("events")
@click.option(
    "--data",
    "data",
    type=click.Path(file_okay=False, path_type=Path),
    default=_DEFAULT_DATA,
    show_default=True,
    help="The folder holding ecbplus_dev/ and meantime_en/.",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the model's parses here between runs (results do not change).",
)
@click.option(
    "--tune", is_flag=True, help="Also print the threshold grids on the ECB+ training topics."
)
@click.option("--skip-meantime", is_flag=True, help="Only ECB+.")
@click.option("--as-json", is_flag=True, help="Print one JSON object instead of tables.")
@click.option(
    "--model", default="en_core_web_md", show_default=True, help="spaCy model to parse with."
)
def eval_events(
    data: Path, cache: Path | None, tune: bool, skip_meantime: bool, as_json: bool, model: str
) -> None:
    """Story clustering and cross-document event coreference on ECB+; event mentions on MEANTIME."""
    from storyline.evaluation import events as evaluate
    from storyline.nlp.encoder import load_encoder
    from storyline.nlp.model import load_model

    if not (data / "ecbplus_dev").is_dir():
        raise click.ClickException(f"no ECB+ under {data} (expected {data / 'ecbplus_dev'})")
    try:
        nlp = load_model(model)
    except StorylineError as error:
        raise click.ClickException(str(error)) from error
    ecb = evaluate.load_ecb_corpus(data, nlp, cache)
    stories, pooled, coref = evaluate.evaluate_ecb(ecb)
    out: dict[str, Any] = {
        "stories": [asdict(s) for s in stories],
        "stories_pooled": [asdict(p) for p in pooled],
        "coreference": [_coref_row(c) for c in coref],
        "event_mentions": [
            _mention_row(evaluate.mention_figures(ecb.subset(topics), "ECB+", name))
            for name, topics in (("train", evaluate.ECB_TRAIN), ("dev", evaluate.ECB_DEV))
        ],
    }
    if tune:
        out["tune_story_threshold"] = evaluate.tune_story_threshold(
            ecb, [0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.15]
        )
        out["tune_merge_threshold"] = evaluate.tune_merge_threshold(
            ecb, [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
        )
        out["tune_learned_threshold"] = evaluate.tune_merge_threshold(
            ecb, [0.4, 0.45, 0.5, 0.55, 0.6, 0.65], scorer="learned"
        )
        if load_encoder() is not None:
            out["tune_encoder_threshold"] = evaluate.tune_merge_threshold(
                ecb, [0.4, 0.45, 0.5, 0.55, 0.6, 0.65], scorer="learned", encoder=True
            )
    if not skip_meantime and (data / "meantime_en").is_dir():
        meantime = evaluate.load_meantime_corpus(data, nlp, cache)
        mt_coref, detection = evaluate.evaluate_meantime(meantime)
        out["coreference"] += [_coref_row(c) for c in mt_coref]
        out["event_mentions"].append(
            _mention_row(evaluate.mention_figures(meantime, "MEANTIME", "all"))
        )
        out["meantime_mentions"] = {
            k: {"precision": v.precision, "recall": v.recall, "f1": v.f1}
            for k, v in detection.items()
        }
    if as_json:
        click.echo(json.dumps(out, indent=2))
    else:
        _print_tables(out)


def _coref_row(figures: Any) -> dict[str, Any]:
    scores = figures.scores
    detection = figures.detection
    return {
        "corpus": figures.corpus,
        "split": figures.split,
        "setting": figures.setting,
        "scorer": figures.scorer if figures.setting != "same lemma" else "",
        "mentions": figures.mentions,
        "detection_precision": detection.precision if detection else None,
        "detection_recall": detection.recall if detection else None,
        "muc_f1": scores.muc.f1,
        "b3_f1": scores.b_cubed.f1,
        "ceafe_f1": scores.ceaf_e.f1,
        "conll_f1": scores.conll,
    }


def _mention_row(figures: Any) -> dict[str, Any]:
    row = asdict(figures)
    row["events_per_1000_words"] = figures.events_per_thousand_words
    return row


def _pct(value: float | None) -> str:
    return "  -  " if value is None else f"{100 * value:5.1f}"


def _print_tables(out: dict[str, Any]) -> None:
    click.echo("Story clustering (ECB+, within each topic; B3 and ARI)")
    click.echo(
        "split  topics  reports  macro P  macro R  macro F1  macro ARI  overall F1  overall ARI"
    )
    for s in out["stories"]:
        click.echo(
            f"{s['split']:<6} {s['topics']:>6} {s['documents']:>8}  {_pct(s['macro']['precision'])}"
            f"    {_pct(s['macro']['recall'])}    {_pct(s['macro_f1'])}     {_pct(s['macro_ari'])}"
            f"       {_pct(_f1(s['overall']))}"
            f"       {_pct(s['overall_ari'])}"
        )
    click.echo("")
    click.echo("Story clustering (ECB+, a split's reports as one pile, no topic given; B3 and ARI)")
    click.echo("split  setting             reports  stories  groups   B3 P   B3 R  B3 F1    ARI")
    for p in out["stories_pooled"]:
        click.echo(
            f"{p['split']:<6} {p['setting']:<18} {p['documents']:>8} {p['stories']:>8}"
            f" {p['groups']:>7}  {_pct(p['score']['precision'])}  {_pct(p['score']['recall'])}"
            f"  {_pct(_f1(p['score']))}  {_pct(p['ari'])}"
        )
    click.echo("")
    click.echo("Cross-document event coreference (CoNLL F1 = mean of MUC, B3, CEAF-e F1)")
    click.echo(
        "corpus    split  setting         scorer   mentions  det P  det R   MUC    B3  CEAFe  CoNLL"
    )
    for c in out["coreference"]:
        click.echo(
            f"{c['corpus']:<9} {c['split']:<6} {c['setting']:<15} {c['scorer']:<8}"
            f" {c['mentions']:>8}"
            f"  {_pct(c['detection_precision'])}  {_pct(c['detection_recall'])}"
            f" {_pct(c['muc_f1'])} {_pct(c['b3_f1'])} {_pct(c['ceafe_f1'])}  {_pct(c['conll_f1'])}"
        )
    click.echo("")
    click.echo(
        "Event mentions against the gold mentions (overlap; in annotated sentences):"
        " every trigger, and those of report events kept as events"
    )
    click.echo(
        "corpus    split    words  mentions  events  per 1k words   all P  all R"
        "  events P  events R"
    )
    for m in out["event_mentions"]:
        every, kept = m["all_triggers"], m["event_triggers"]
        click.echo(
            f"{m['corpus']:<9} {m['split']:<6} {m['words']:>7} {m['mentions']:>9}"
            f" {m['events']:>7} {m['events_per_1000_words']:>13.1f}"
            f"  {_pct(every['precision'])}  {_pct(every['recall'])}"
            f"     {_pct(kept['precision'])}     {_pct(kept['recall'])}"
        )
    if "meantime_mentions" in out:
        click.echo("")
        click.echo("MEANTIME event mentions (triggers)")
        for kind, v in out["meantime_mentions"].items():
            click.echo(
                f"{kind:<8} P {_pct(v['precision'])}  R {_pct(v['recall'])}  F1 {_pct(v['f1'])}"
            )
    tunes = ("story", "merge", "learned", "encoder")
    for name in (f"tune_{kind}_threshold" for kind in tunes):
        if name in out:
            click.echo("")
            click.echo(f"{name} (ECB+ training topics)")
            for row in out[name]:
                click.echo("  " + "  ".join(f"{v:.3f}" for v in row))


def _f1(score: dict[str, float]) -> float:
    total = score["precision"] + score["recall"]
    return 2 * score["precision"] * score["recall"] / total if total else 0.0
