"""The one edit-clash mechanism: lock, compare, count."""

from __future__ import annotations

import pytest
from django.db import transaction

from tandem.core.concurrency import EditConflict, bump, compare, lock_and_compare
from tandem.core.exceptions import ApplicationError
from tandem.organisations.models import Organisation


def test_the_version_the_person_saw_lets_the_save_through(funder_org: Organisation) -> None:
    with transaction.atomic():
        row = lock_and_compare(
            Organisation.objects.all(), pk=funder_org.pk, expected_version=funder_org.version, what="it"
        )
    assert row.pk == funder_org.pk


def test_a_later_save_is_a_conflict_carrying_what_is_saved_now(funder_org: Organisation) -> None:
    Organisation.objects.filter(pk=funder_org.pk).update(version=5, about="Saved by someone else.")
    with pytest.raises(EditConflict) as caught, transaction.atomic():
        lock_and_compare(Organisation.objects.all(), pk=funder_org.pk, expected_version=1, what="the details")
    conflict = caught.value
    assert conflict.version == 5
    assert conflict.saved.about == "Saved by someone else."
    assert not conflict.removed
    assert conflict.message == "Someone else changed the details while you were editing"


def test_what_the_conflict_carries_can_be_read_again(funder_org: Organisation) -> None:
    with pytest.raises(EditConflict) as caught, transaction.atomic():
        lock_and_compare(
            Organisation.objects.all(),
            pk=funder_org.pk,
            expected_version=funder_org.version + 1,
            what="it",
            saved=lambda row: {"name": row.name},
        )
    assert caught.value.saved == {"name": funder_org.name}


def test_a_form_that_did_not_say_its_version_is_never_saved_unseen(funder_org: Organisation) -> None:
    with pytest.raises(EditConflict) as caught, transaction.atomic():
        lock_and_compare(Organisation.objects.all(), pk=funder_org.pk, expected_version=None, what="it")
    assert caught.value.version == funder_org.version


@pytest.mark.django_db
def test_a_removed_row_says_so_and_keeps_what_was_typed() -> None:
    with pytest.raises(EditConflict) as caught, transaction.atomic():
        lock_and_compare(Organisation.objects.all(), pk=-1, expected_version=1, what="this outcome")
    assert caught.value.removed
    assert caught.value.version is None
    assert caught.value.message == (
        "Someone else removed this outcome while you were editing. Nothing you typed has been lost"
    )


def test_compare_works_on_a_plain_count() -> None:
    compare(current_version=3, expected_version=3, what="it", saved="now")
    with pytest.raises(EditConflict) as caught:
        compare(current_version=4, expected_version=3, what="it", saved="now")
    assert (caught.value.saved, caught.value.version) == ("now", 4)


def test_a_conflict_unhandled_by_a_view_is_still_a_message_not_an_error_page() -> None:
    assert issubclass(EditConflict, ApplicationError)


def test_bump_counts_one_more_save_and_names_the_field(funder_org: Organisation) -> None:
    before = funder_org.version
    assert bump(funder_org) == "version"
    assert funder_org.version == before + 1
