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


@pytest.mark.django_db
def test_a_part_filled_roll_can_be_finished_from_its_page_or_voided(client, users, settings):
    """What `nscl stamps issue` killed half-way left: a roll that could be neither finished,
    activated nor voided. Now the page offers "Tạo tiếp", and voiding is allowed."""
    from nscl.traceability.services import roll_fill

    office = users["vanphong.cantho"]
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")

    def part_filled(count):
        roll = roll_create(product=rice, count=count, actor=office, fill=False)

        def crash(done, total):
            raise KeyboardInterrupt  # the command stopped after its first chunk
        with pytest.raises(KeyboardInterrupt):
            roll_fill(roll, progress=crash)
        roll.refresh_from_db()
        assert 0 < roll.issued < count
        return roll

    first, second = part_filled(45_000), part_filled(30_000)
    client.force_login(office)
    page = client.get(f"/truy-xuat/san-pham/{rice.pk}/").content.decode()
    assert page.count("Tạo tiếp") >= 2
    client.post(f"/truy-xuat/cuon/{first.pk}/tao-tiep/")
    first.refresh_from_db()
    assert first.issued == 45_000 == first.stamps.values("serial").distinct().count()
    asked = client.post(f"/truy-xuat/cuon/{second.pk}/trang-thai/", {"status": "void"})
    assert "Xác nhận: Hủy cuộn tem" in asked.content.decode()  # irreversible: asked first
    client.post(f"/truy-xuat/cuon/{second.pk}/trang-thai/", {"status": "void", "xac_nhan": "1"})
    second.refresh_from_db()
    assert second.status == "void" and second.issued < 30_000
    client.post(f"/truy-xuat/cuon/{second.pk}/tao-tiep/")  # a voided roll is not filled again
    second.refresh_from_db()
    assert second.issued < 30_000
    assert client.post(f"/truy-xuat/cuon/{first.pk}/trang-thai/",
                       {"status": "active"}).status_code == 302
    first.refresh_from_db()
    assert first.status == "active"
