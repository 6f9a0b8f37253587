""""Việc chờ tôi" collects every kind of work, by role, and each role lands on its own work."""

import datetime as dt

from nscl.reporting import services
from nscl.reporting.choices import SubmissionStatus
from nscl.reporting.models import Submission
from nscl.support.choices import CaseStatus
from nscl.support.models import SupportCase
from nscl.workflow.inbox import tasks_for


def test_a_council_member_finds_the_applications_to_score(users):
    member = users["hoidong.cantho"]
    waiting = SupportCase.objects.filter(status=CaseStatus.UNDER_REVIEW,
                                         selection_council__members__user=member) \
        .exclude(scores__member__user=member)
    titles = {t.title for t in tasks_for(member) if t.group == "Hội đồng của tôi"}
    assert waiting.exists() and titles == {f"{c.code} — {c.beneficiary.name}" for c in waiting}


def test_a_unit_finds_its_contribution_and_the_office_what_to_review(users):
    bavi = Submission.objects.get(unit__name="Xã Ba Vì")
    # past the expiry the office set (25/8/2025), Ba Vì can do nothing until it is reopened
    assert not [t for t in tasks_for(users["baocao.bavi"]) if t.group == "Báo cáo"]
    services.submission_reopen(submission=bavi, actor=users["vanphong.quangngai"],
                               until=dt.date(2099, 1, 1))
    mine = [t for t in tasks_for(users["baocao.bavi"]) if t.group == "Báo cáo"]
    assert [t.url for t in mine] == [f"/bao-cao/dong-gop/{bavi.pk}/"]
    assert mine[0].deadline == dt.date(2099, 1, 1) and mine[0].actions == ("Soạn và gửi",)
    submitted = Submission.objects.filter(status=SubmissionStatus.SUBMITTED,
                                          request__plan__province__code="51")
    review = {t.url for t in tasks_for(users["vanphong.quangngai"])
              if t.group == "Báo cáo" and "/dong-gop/" in t.url}
    assert review == {f"/bao-cao/dong-gop/{s.pk}/" for s in submitted}
    assert not [t for t in tasks_for(users["baocao.badinh"]) if t.group == "Báo cáo"]  # accepted


def test_each_role_lands_on_its_own_work(client, users):
    # the whole table, for every demo role, is in nscl/tests/test_menu.py
    for name, landing in (("hoidong.cantho", "/ho-tro/hoi-dong/cua-toi/"),
                          ("baocao.bavi", "/bao-cao/"), ("doanhnghiep.cantho", "/viec-cho-toi/"),
                          ("bo.khcn", "/bao-cao/so-sanh-tinh/")):
        client.force_login(users[name])
        assert client.get("/")["Location"] == landing, name
    client.force_login(users["hoidong.cantho"])
    page = client.get("/viec-cho-toi/").content.decode()
    assert "Hội đồng của tôi" in page and "Chấm điểm" in page
