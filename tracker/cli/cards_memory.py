"""`tracker cards optimize` and `tracker cards evaluate`: FSRS fitted to the learner's reviews."""

import typer

from tracker.cli.context import state
from tracker.cli.options import AsJson
from tracker.cli.output import print_json, say


def register(cards_app: typer.Typer) -> None:
    cards_app.command("optimize")(cards_optimize)
    cards_app.command("evaluate")(cards_evaluate)


def cards_optimize(ctx: typer.Context) -> None:
    """Fit FSRS to your own reviews and reschedule every card with the fitted parameters.

    Too little history keeps the defaults (and says so); with a little, only the first 4
    parameters (how long a new card is remembered) are fitted. `tracker cards evaluate` shows
    what fitting buys.
    """
    # fsrs-rs-python and fsrs: only here
    from tracker.cards import memory

    with state(ctx).open() as journal:
        result = memory.optimize(journal)
    say(result.message[0].upper() + result.message[1:] + ".")
    if result.fitted:
        say("Parameters: " + ", ".join(f"{w:.4g}" for w in result.parameters))


def cards_evaluate(ctx: typer.Context, as_json: AsJson = False) -> None:
    """Log loss and RMSE(bins) of FSRS's default and fitted parameters on your later reviews.

    Fitted on the first 80% of your reviews by time and scored on the rest (lower is better), so
    the numbers say how well each predicts reviews it has not seen.
    """
    from tracker.cards import memory

    with state(ctx).read() as journal:
        result = memory.evaluate(journal)
    if as_json:
        print_json(result)
        return
    say(f"Fitted ({result['scope']}) on {result['fitted_on_reviews']} reviews, scored on the "
        f"{result['evaluated_on_reviews']} since {result['split_at']}:")
    say(f"{'parameters':<10} {'log loss':>9} {'RMSE(bins)':>11}")
    for name in ("default", "fitted"):
        say(f"{name:<10} {result[name]['log_loss']:>9.4f} {result[name]['rmse_bins']:>11.4f}")
    force = result["in_force"]
    say(f"In force: fitted on {force['fitted_on']} ({force['reviews']} reviews)." if force
        else "In force: the defaults (run `tracker cards optimize` to fit).")
