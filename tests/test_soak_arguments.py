"""tools/soak hands the child that runs the kiosk the soak the operator asked for."""

from tools import soak


def test_a_short_soak_reaches_its_child_as_asked() -> None:
    asked = soak.parse_arguments(
        ["--days", "2", "--warm-up-days", "1", "--visits-per-day", "4", "--analytics"]
    )
    child = soak.parse_arguments(soak.child_arguments(asked))
    assert child.child
    assert (child.days, child.warm_up_days, child.visits_per_day, child.analytics) == (2, 1, 4, True)
    assert (child.exhibit, child.seed) == (asked.exhibit, asked.seed)
