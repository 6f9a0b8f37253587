"""Traceability's background jobs: filling a stamp roll and drawing its label sheets (PDF)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nscl.jobs.kinds import JobError, register
from nscl.organisation.scope import restrict

from . import services
from .labels import label_pdf
from .models import StampRoll


def _roll(job) -> StampRoll:
    return StampRoll.objects.select_related("product", "batch").get(pk=job.params["roll"])


def _in_scope(action: str):
    """Who may see a roll's job: its progress as the roll; its label file as the roll's files
    (those who may change the roll, never read-only roles)."""
    def may_view(user, job) -> bool:
        return restrict(StampRoll.objects.filter(pk=job.params["roll"]), user, action).exists()
    return may_view


def _back(job) -> str:
    roll = _roll(job)
    return reverse("traceability:product_detail", args=[roll.product_id]) + f"#cuon-{roll.pk}"


def _fill(job, progress):
    roll = services.roll_fill(_roll(job), progress=progress)
    if roll.issued < roll.count:  # voided while it was being filled: stopped there
        raise JobError(_("Cuộn tem đã bị hủy khi đang tạo; dừng ở %(d)s/%(n)s tem.")
                       % {"d": roll.issued, "n": roll.count})


def _labels(job, progress):
    roll = _roll(job)
    if roll.issued < roll.count:
        raise JobError(_("Cuộn tem chưa tạo xong (%(d)s/%(n)s), chưa in được nhãn.")
                       % {"d": roll.issued, "n": roll.count})
    pins = services.pins_issue(actor=None, roll=roll)  # a PIN roll's first file only
    return (label_pdf(roll, progress=progress, pins=pins), f"tem-{roll.pk}.pdf",
            "application/pdf")


register("roll_fill", label=gettext_lazy("Tạo tem cho cuộn"), run=_fill,
         may_view=_in_scope("view"), back_url=_back)
register("label_pdf", label=gettext_lazy("Tệp PDF nhãn tem"), run=_labels,
         may_view=_in_scope("change"), back_url=_back)


def label_pdf_start(*, roll: StampRoll, actor):
    """The label sheets of a filled roll: made once, kept for the next download."""
    from nscl.jobs.services import job_start

    # a roll with PINs not printed yet: a file of its own, which carries them and is not served
    # again for the next download (that one is a reprint, without PINs, kept as usual)
    first_with_pins = roll.with_pin and roll.stamps.filter(pin_hash="").exists()
    key = f"label_pdf:{roll.pk}" + (":pins" if first_with_pins else "")
    return job_start(kind="label_pdf", key=key, actor=actor, params={"roll": roll.pk},
                     total=roll.count, reuse_done=not first_with_pins)
