"""The words of the domain-event log: every verb a service may log, declared by the app that owns
it and registered here (as indicators register with the indicator engine), so the lowest layer
keeps no list of other apps' words.

An app declares its verbs as `TextChoices` (`class PlanVerb(models.TextChoices)`) and registers
them, with the labels of the extra keys it logs, in its `AppConfig.ready()`; a workflow
registers its transitions itself. `event_record` refuses a verb nobody registered, so a history
page never shows a raw `report_saved`.
"""

from django.db import models

_VERBS: dict[str, object] = {}
_FIELDS: dict[str, object] = {}


def register(verbs: type[models.TextChoices] | dict[str, object],
             fields: dict[str, object] | None = None) -> None:
    """Register verbs (TextChoices, or {verb: label}) and the labels of logged keys."""
    pairs = verbs.choices if isinstance(verbs, type) else verbs.items()
    for value, label in pairs:
        _VERBS[value] = label
    _FIELDS.update(fields or {})


def is_registered(verb: str) -> bool:
    return verb in _VERBS


def verb_label(verb: str) -> str:
    return str(_VERBS.get(verb, verb))


def field_label(key: str, model: type[models.Model] | None = None) -> str:
    """A logged key in words: the registered label, else the model field's verbose name."""
    if key in _FIELDS:
        return str(_FIELDS[key])
    if model is not None:
        try:
            return str(model._meta.get_field(key).verbose_name)
        except Exception:  # noqa: BLE001 - not a field of that model
            pass
    return key


def registered_verbs() -> dict[str, str]:
    return {verb: str(label) for verb, label in _VERBS.items()}


def has_field_label(key: str) -> bool:
    return key in _FIELDS
