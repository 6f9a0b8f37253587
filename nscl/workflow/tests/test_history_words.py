"""Every line of every history reads in words: the verb, each field, each value (no raw keys,
no dictionaries, no ISO dates) — over the whole demo's log, written by every app."""

import re

from nscl.workflow import verbs
from nscl.workflow.models import DomainEvent

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_every_logged_verb_and_field_has_words(db):
    events = list(DomainEvent.objects.select_related("content_type"))
    assert len({e.verb for e in events}) > 20  # the demo exercises most of the app's verbs
    for event in events:
        assert verbs.is_registered(event.verb) and event.verb_label != event.verb, event.verb
        for key in set(event.before or {}) | set(event.after or {}):
            assert event.label(key) != key, f"{event.verb}: field {key!r} has no label"


def test_values_are_shown_as_officials_read_them(db):
    for event in DomainEvent.objects.select_related("content_type"):
        for label, value in event.details():
            assert not ISO.search(value), (event.verb, label, value)
            assert not value.startswith(("{", "[")), (event.verb, label, value)
        for _label, before, after in event.labelled_changes():
            for value in (before, after):
                assert not ISO.search(value) and not value.startswith(("{", "[")), (
                    event.verb, value)
