"""Jobs as users meet them: a failure in Vietnamese with a retry, a plain word when no worker
runs, one job per thing however often it is asked for, the schedule firing once per slot."""

import datetime as dt

import pytest
from django.utils import timezone

from nscl.jobs import schedule
from nscl.jobs.models import Job, JobStatus, ScheduleRun, WorkerBeat
from nscl.jobs.services import job_claim, job_start, jobs_recover, worker_beat
from nscl.reporting.models import ReportingRequest
from nscl.traceability.models import Product
from nscl.traceability.services import roll_create


@pytest.fixture
def report(db):
    return ReportingRequest.objects.get(number="567", symbol="SKHCN-TĐC").report


def test_a_failed_pdf_says_why_in_vietnamese_and_the_retry_makes_it(client, users, report,
                                                                    settings):
    client.force_login(users["vanphong.quangngai"])
    settings.NSCL_PDF_TIMEOUT = 0  # LibreOffice cannot make it in no time: the job fails
    page = client.get(f"/bao-cao/bao-cao/{report.pk}/tai.pdf", follow=True)
    job = page.context["job"]
    html = page.content.decode()
    assert job.status == JobStatus.FAILED and "Bị lỗi" in html
    assert "không chuyển xong sang PDF trong 0 giây" in html and "Traceback" not in html
    assert 'id="job-retry"' in html
    settings.NSCL_PDF_TIMEOUT = 120
    again = client.post(f"/viec-nen/{job.pk}/thu-lai/", follow=True)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2 and job.error == ""
    assert 'id="job-download"' in again.content.decode()


def test_a_pdf_asked_for_while_no_worker_runs_says_so(client, users, report, real_tasks):
    client.force_login(users["vanphong.quangngai"])
    WorkerBeat.objects.all().delete()
    page = client.get(f"/bao-cao/bao-cao/{report.pk}/tai.pdf", follow=True)
    job = page.context["job"]
    assert job.status == JobStatus.QUEUED and job.task_id  # waiting in the real queue
    assert "Hiện không có tiến trình chạy nền (worker) nào hoạt động" in page.content.decode()
    # asking again does not queue a second one
    assert client.get(f"/bao-cao/bao-cao/{report.pk}/tai.pdf", follow=True).context["job"] == job
    worker_beat("other-host:1", "django_tasks_db.backend.DatabaseBackend")
    progress = client.get(f"/viec-nen/{job.pk}/tien-do/").content.decode()
    assert "không có tiến trình" not in progress and "hx-trigger" in progress


def test_one_active_job_per_key_and_a_claim_won_once(db, users):
    office = users["vanphong.cantho"]
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    roll = roll_create(product=rice, count=10, actor=office, fill=False)
    with pytest.MonkeyPatch.context() as no_queue:  # nothing runs it: stays queued
        no_queue.setattr("nscl.jobs.services._enqueue", lambda job_id: None)
        first = job_start(kind="roll_fill", key=f"roll_fill:{roll.pk}", params={"roll": roll.pk})
        second = job_start(kind="roll_fill", key=f"roll_fill:{roll.pk}",
                           params={"roll": roll.pk})
    assert first.pk == second.pk and Job.objects.filter(key=f"roll_fill:{roll.pk}").count() == 1
    claimed = job_claim(first.pk)
    assert claimed.status == JobStatus.RUNNING and claimed.attempts == 1
    assert job_claim(first.pk) is None  # its worker is alive (heartbeat fresh): not taken over


def test_a_silent_worker_is_taken_over_and_the_roll_finished(db, users, settings):
    settings.NSCL_JOB_STALE_SECONDS = 60
    office = users["vanphong.cantho"]
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    roll = roll_create(product=rice, count=25_000, actor=office, fill=False)
    with pytest.MonkeyPatch.context() as no_queue:
        no_queue.setattr("nscl.jobs.services._enqueue", lambda job_id: None)
        job = job_start(kind="roll_fill", key=f"roll_fill:{roll.pk}", params={"roll": roll.pk},
                        total=roll.count)
    Job.objects.filter(pk=job.pk).update(  # a worker on another machine took it, then went quiet
        status=JobStatus.RUNNING, worker="elsewhere:42", attempts=1,
        heartbeat_at=timezone.now() - dt.timedelta(minutes=5))
    assert jobs_recover() >= 1  # queued again: the immediate backend runs it now
    job.refresh_from_db()
    roll.refresh_from_db()
    assert (job.status, job.attempts, job.percent) == (JobStatus.DONE, 2, 100)
    assert roll.issued == 25_000 == roll.stamps.values("serial").distinct().count()


def test_the_schedule_fires_each_entry_once_per_slot(db, monkeypatch):
    ran = []
    monkeypatch.setattr(schedule, "run_entry", lambda name: ran.append(name))
    morning = timezone.make_aware(dt.datetime(2026, 3, 2, 6, 30))
    first = schedule.fire_due(morning, "w1")
    second = schedule.fire_due(morning + dt.timedelta(minutes=5), "w2")  # another worker
    assert set(first) == {"support_reminders", "reporting_reminders", "scanlog_maintenance"}
    assert second == [] and ScheduleRun.objects.count() == 3 and sorted(ran) == sorted(first)
    early = timezone.make_aware(dt.datetime(2026, 3, 3, 2, 0))
    assert schedule.fire_due(early, "w1") == []  # before any entry's hour the next day
    assert schedule.fire_due(early + dt.timedelta(hours=4, minutes=15), "w1") == [
        "support_reminders", "reporting_reminders", "scanlog_maintenance"]


def test_health_checks_answer_without_login(client, db):
    assert client.get("/suc-khoe/web").json() == {"ok": True}
    assert client.get("/suc-khoe/db").json() == {"ok": True, "database": "ok", "cache": "ok"}
    worker = client.get("/suc-khoe/worker")  # tasks run in the caller here: always served
    assert worker.status_code == 200 and worker.json()["backend"] == "ImmediateBackend"


def test_health_says_when_no_worker_is_alive(client, db, real_tasks):
    WorkerBeat.objects.all().delete()
    answer = client.get("/suc-khoe/worker")
    assert answer.status_code == 503 and answer.json()["workers"] == 0
    worker_beat("vm:1", "django_tasks_db.backend.DatabaseBackend")
    assert client.get("/suc-khoe/worker").status_code == 200


def test_load_demo_refuses_production_settings(settings):
    from django.core.management import CommandError, call_command

    settings.NSCL_PRODUCTION = True
    with pytest.raises(CommandError, match="Không nạp dữ liệu minh họa"):
        call_command("load_demo")


def test_production_settings_require_a_public_resolver_address(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, DJANGO_SETTINGS_MODULE="nscl.settings.production",
               SECRET_KEY="x" * 60, ALLOWED_HOSTS="nscl.example.gov.vn")
    env.pop("NSCL_RESOLVER_BASE", None)
    for base, expected in ((None, "NSCL_RESOLVER_BASE"),
                           ("http://127.0.0.1:8000", "labels need the public address"),
                           ("https://truyxuat.example.gov.vn", None)):
        if base:
            env["NSCL_RESOLVER_BASE"] = base
        code = ("import django; django.setup(); from django.conf import settings; "
                "print(settings.NSCL_RESOLVER_BASE)")
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, timeout=60)
        if expected:
            assert run.returncode != 0 and expected in run.stderr, base
        else:
            assert run.returncode == 0 and run.stdout.strip() == base
