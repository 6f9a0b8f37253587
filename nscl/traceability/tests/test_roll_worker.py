"""A real worker process fills a big roll; killed half-way, the next worker finishes it."""

import pytest
from django.db.models import Count

from nscl.demo.loader import load_demo
from nscl.jobs.models import Job, JobStatus
from nscl.organisation.models import User
from nscl.tests.processes import kill, log_of, process, wait_for
from nscl.traceability.models import Product, StampRoll
from nscl.traceability.services import roll_create

pytestmark = pytest.mark.django_db(transaction=True)

N = 200_000


def test_a_worker_killed_while_filling_a_roll_is_taken_over_exactly(real_tasks):
    load_demo()
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    office = User.objects.get(username="vanphong.cantho")
    roll = roll_create(product=rice, count=N, actor=office)  # queued for a worker
    job = Job.objects.get(key=f"roll_fill:{roll.pk}")
    assert (job.status, roll.issued) == (JobStatus.QUEUED, 0)

    def issued() -> int:
        return StampRoll.objects.values_list("issued", flat=True).get(pk=roll.pk)

    with process("worker-1", ["worker"]) as first:
        wait_for(lambda: issued() >= 40_000, timeout=120, what="the first chunks",
                 watch=("worker-1", first))
        kill(first)  # SIGKILL in the middle: no clean-up runs
    stopped_at = issued()
    job.refresh_from_db()
    assert 0 < stopped_at < N, log_of("worker-1")
    assert job.status == JobStatus.RUNNING and job.attempts == 1
    assert roll.stamps.count() == stopped_at  # the counter and the rows agree: no gap

    with process("worker-2", ["worker"]) as second:
        wait_for(lambda: Job.objects.get(pk=job.pk).status == JobStatus.DONE, timeout=180,
                 every=0.2, what="the second worker", watch=("worker-2", second))

    roll.refresh_from_db()
    job.refresh_from_db()
    serials = roll.stamps.aggregate(rows=Count("id"), distinct=Count("serial", distinct=True))
    assert serials == {"rows": N, "distinct": N}
    assert roll.issued == N
    assert (job.done, job.total, job.percent, job.attempts) == (N, N, 100, 2)
    assert job.worker != "" and not job.error
