"""The one rule for finding a topic, resource or milestone by what was typed (tracker.names)."""

from __future__ import annotations

import pytest

from tracker import names, plan, topics
from tracker.errors import TrackerError


@pytest.fixture
def titled(journal):
    """Resources 1-5: "Resource 1", "Resource 12", "Deep Learning Book", "Deep Learning Specialization", "5"."""
    for title in ("Resource 1", "Resource 12", "Deep Learning Book", "Deep Learning Specialization", "5"):
        plan.add_resource(journal, title)
    return journal


def title(row) -> str:
    return row["title"]


def test_the_exact_title_comes_first_ignoring_case(titled) -> None:
    assert title(names.require(titled, names.RESOURCE, "resource 1")) == "Resource 1"
    assert title(names.require(titled, names.RESOURCE, "RESOURCE 1", ids=True)) == "Resource 1"


def test_a_number_is_an_id_only_where_ids_are_taken_and_after_an_exact_title(titled) -> None:
    assert title(names.require(titled, names.RESOURCE, "5", ids=True)) == "5"  # the title, not id 5
    assert title(names.require(titled, names.RESOURCE, "#5", ids=True)) == "5"
    assert title(names.require(titled, names.RESOURCE, "2", ids=True)) == "Resource 12"
    assert title(names.require(titled, names.RESOURCE, "#3", ids=True)) == "Deep Learning Book"
    assert names.find(titled, names.RESOURCE, "#3") is None  # without ids: a name like any other
    assert names.find(titled, names.RESOURCE, "2") is None


def test_an_int_from_code_is_always_an_id(titled) -> None:
    assert title(names.require(titled, names.RESOURCE, 5)) == "5"
    assert title(names.require(titled, names.RESOURCE, 1)) == "Resource 1"
    with pytest.raises(TrackerError, match="no resource '#99'"):
        names.require(titled, names.RESOURCE, 99)


def test_a_unique_beginning_is_enough_and_several_are_listed(titled) -> None:
    assert title(names.require(titled, names.RESOURCE, "deep learning s")) == "Deep Learning Specialization"
    with pytest.raises(TrackerError) as err:
        names.require(titled, names.RESOURCE, "deep", ids=True)
    assert err.value.exit_code == 2
    assert err.value.line == ("resource 'deep' matches several: Deep Learning Book (#3), "
                              "Deep Learning Specialization (#4); use more of the name or the id")
    with pytest.raises(TrackerError) as err:
        names.require(titled, names.RESOURCE, "deep")
    assert err.value.line.endswith("Deep Learning Book, Deep Learning Specialization; use more of the name")


def test_a_beginning_is_not_any_part(titled) -> None:
    assert names.find(titled, names.RESOURCE, "learning") is None
    with pytest.raises(TrackerError, match=r"no resource 'learning' \(see `tracker resource list`\)"):
        names.require(titled, names.RESOURCE, "learning")


def test_exact_finds_only_whole_names(titled) -> None:
    assert names.find(titled, names.RESOURCE, "Resource", exact=True) is None
    assert names.find(titled, names.RESOURCE, "deep", exact=True) is None  # several beginnings: no complaint
    assert title(names.find(titled, names.RESOURCE, "resource 12", exact=True)) == "Resource 12"


def test_long_lists_of_matches_are_cut(journal) -> None:
    for n in range(names.LISTED_MATCHES + 2):
        topics.add_topic(journal, f"Topic {n}")
    with pytest.raises(TrackerError, match=r"Topic 4, \.\.\.; use more of the name$"):
        names.require(journal, names.TOPIC, "topic")


def test_repeated_milestone_titles_are_refused_listing_ids(journal) -> None:
    first = plan.add_milestone(journal, "Write-up", project="A")
    second = plan.add_milestone(journal, "Write-up", project="B")
    with pytest.raises(TrackerError, match=r"matches several: Write-up \(#1\), Write-up \(#2\)"):
        plan.find_milestone(journal, "write-up")
    assert plan.find_milestone(journal, f"#{second['id']}")["project"] == "B"
    assert plan.find_milestone(journal, str(first["id"]))["project"] == "A"


def test_the_services_follow_the_rule(titled) -> None:
    """ensure_* (logging, imports) take whole names; require/find_* (commands) take beginnings."""
    assert plan.ensure_resource(titled, "resource 1") == (1, False)
    new_id, created = plan.ensure_resource(titled, "Resource")
    assert created and new_id == 6
    assert plan.find_resource(titled, "5")["title"] == "5"
    topics.add_topic(titled, "Convolutional nets")
    assert topics.require_topic(titled, "conv")["name"] == "Convolutional nets"
    assert topics.ensure_topic(titled, "conv")[1] is True  # a log of "conv" is a new topic
    assert topics.find_topic(titled, "conv", exact=True)["name"] == "conv"


def test_an_overlong_number_is_a_name_not_an_overflow(titled) -> None:
    assert names.find(titled, names.RESOURCE, "9" * 40, ids=True) is None
