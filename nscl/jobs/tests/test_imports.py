"""Large registry and attendance files are imported by a job: all or nothing, each bad row
named on the job's page in Vietnamese, the same file sent twice while waiting is one job."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from nscl.activities.choices import EventKind
from nscl.activities.models import Attendance
from nscl.activities.services.events import event_create
from nscl.enterprises.models import Beneficiary
from nscl.enterprises.services import COLUMNS
from nscl.jobs.models import Job, JobStatus
from nscl.organisation.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(header, rows) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("tep.xlsx", out.getvalue(), content_type=XLSX)


@pytest.fixture
def as_jobs(settings):
    settings.NSCL_IMPORT_INLINE_BYTES = 0  # every file is "large"


def test_a_large_registry_file_is_a_job_all_or_nothing(client, users, as_jobs):
    client.force_login(users["vanphong.cantho"])
    commune = Unit.objects.filter(kind="commune", parent__code="92").order_by("code")[3]
    header = [label for _, label in COLUMNS]
    good = ["Công ty TNHH Nước Mắm Cái Răng", "Doanh nghiệp", "0100109106", "", commune.name,
            "Số 7", "Thực phẩm", "Nhỏ", 14, "Nước mắm", 0, 0, "0"]
    bad = ["Hộ Ông Sáu", "Hộ kinh doanh", "", "", "Xã Không Có", "Số 8", "", "", "x", "", 0, 0, 0]
    before = Beneficiary.objects.count()
    page = client.post("/doanh-nghiep/nhap/", {"file": _xlsx(header, [good, bad])},
                       follow=True)
    job = page.context["job"]
    html = page.content.decode()
    assert job.kind == "registry_import" and job.status == JobStatus.FAILED
    assert "Chưa nhập dòng nào" in html and "Dòng 3:" in html and "Xã Không Có" in html
    assert Beneficiary.objects.count() == before  # nothing written
    page = client.post("/doanh-nghiep/nhap/", {"file": _xlsx(header, [good])}, follow=True)
    job = page.context["job"]
    assert job.status == JobStatus.DONE and (job.done, job.total, job.percent) == (1, 1, 100)
    assert Beneficiary.objects.count() == before + 1
    assert not default_storage.exists(job.params["upload"])  # the upload is not kept
    client.force_login(users["vanphong.tuyenquang"])  # another province does not see it
    assert client.get(f"/viec-nen/{job.pk}/").status_code == 404


def test_a_large_attendance_sheet_is_a_job(client, users, soc_trang, as_jobs):
    office = users["vanphong.cantho"]
    event = event_create(plan=soc_trang, actor=office, organiser=office.unit,
                         kind=EventKind.TRAINING, title="Tập huấn 5S",
                         starts_on=dt.date(2026, 5, 4), ends_on=dt.date(2026, 5, 4))
    client.force_login(office)
    sheet = _xlsx(["Họ và tên", "Đơn vị công tác", "Đối tượng", "Điện thoại"],
                  [["Trần Thị Mai", "HTX Mỹ Xuyên", "Hợp tác xã", "0912000111"],
                   ["Lê Văn Bảy", "Công ty Gạo Sóc Trăng", "Doanh nghiệp", "0912000222"]])
    page = client.post(f"/hoat-dong/{event.pk}/danh-sach/", {"file": sheet}, follow=True)
    job = page.context["job"]
    assert job.kind == "attendance_import" and job.status == JobStatus.DONE, job.error
    assert Attendance.objects.filter(event=event).count() == 2
    assert Job.objects.filter(kind="attendance_import").count() == 1
