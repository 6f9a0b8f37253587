"""Demo activities matching the plans' reported results: workshops, trainings (one is the
productivity-expert course), communication products, experts and award entries. Illustrative
figures, seeded; each event is recorded through the real service."""

import datetime as dt
from decimal import Decimal

from nscl.activities.choices import AwardResult, EventKind
from nscl.activities.models import AwardEntry, Event
from nscl.activities.services.events import award_record, event_create, expert_record, topics_ensure
from nscl.budget.models import BudgetLine

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Lý", "Thạch"]
NAMES = ["Văn An", "Thị Bích", "Minh Châu", "Quốc Dũng", "Thị Hà", "Hoàng Khải", "Thị Lụa",
         "Văn Mến", "Ngọc Nhi", "Thanh Phong", "Thị Quyên", "Văn Sơn"]


def _line(plan, code, year):
    return BudgetLine.objects.filter(appendix__plan=plan, code=code,
                                     appendix__start_year__lte=year,
                                     appendix__end_year__gte=year).first()


def _event(plan, actor, organiser, kind, title, day, counts, topics, line=None, cost=None,
           co=""):
    return event_create(plan=plan, actor=actor, organiser=organiser, kind=kind, title=title,
                        starts_on=day, ends_on=day + dt.timedelta(days=1 if kind ==
                                                                 EventKind.TRAINING else 0),
                        place="Hội trường Sở Khoa học và Công nghệ", co_organisers=co,
                        cost=cost, budget_line=line, topics=topics, **counts)


def load_soc_trang_activities(plan, users, units) -> int:
    if Event.objects.filter(plan=plan).exists():
        return 0
    t = topics_ensure()
    office, sk = users["vanphong.cantho"], units["cu-94-SKHCN"]
    made = []
    for year in (2022, 2023, 2024):
        made.append(_event(plan, office, sk, EventKind.WORKSHOP,
                           f"Hội thảo nâng cao năng suất chất lượng năm {year}",
                           dt.date(year, 6, 10), {"enterprises": 45, "cooperatives": 12,
                                                  "officials": 20},
                           [t["productivity"], t["standards"]], _line(plan, "2.1", year),
                           Decimal(30), "Viện Năng suất Việt Nam"))
    course = _event(plan, office, sk, EventKind.TRAINING,
                    "Khóa đào tạo chuyên gia năng suất chất lượng", dt.date(2022, 8, 15),
                    {"officials": 8, "enterprises": 10, "lecturers": 2},
                    [t["productivity"], t["lean"], t["kaizen"]], _line(plan, "3.1", 2022),
                    Decimal(120), "Viện Năng suất Việt Nam")
    made.append(course)
    for year, title, topic in ((2023, "Tập huấn ISO 22000 và HACCP", "iso22000"),
                               (2024, "Tập huấn mã số mã vạch, truy xuất nguồn gốc", "gs1"),
                               (2024, "Tập huấn 5S và Kaizen cho hợp tác xã", "5s")):
        made.append(_event(plan, office, sk, EventKind.TRAINING, title, dt.date(year, 9, 12),
                           {"enterprises": 30, "cooperatives": 15, "households": 10},
                           [t[topic]], _line(plan, "2.2", year), Decimal(40), "GS1 Việt Nam"
                           if topic == "gs1" else ""))
    commune1, commune2 = units["commune:1"], units["commune:2"]
    made.append(_event(plan, users["baocao.xa1.cantho"], commune1, EventKind.CONFERENCE,
                       f"Hội nghị phổ biến pháp luật về chất lượng sản phẩm — {commune1.name}",
                       dt.date(2025, 5, 20), {"households": 40, "officials": 5},
                       [t["standards"]]))
    made.append(_event(plan, users["baocao.xa2.cantho"], commune2, EventKind.TRAINING,
                       f"Tập huấn an toàn thực phẩm cho hộ kinh doanh — {commune2.name}",
                       dt.date(2025, 7, 8), {"households": 35}, [t["haccp"]]))
    made.append(_event(plan, office, sk, EventKind.REPORTAGE,
                       "Phóng sự: Doanh nghiệp Sóc Trăng cải tiến năng suất",
                       dt.date(2023, 11, 2), {}, [t["productivity"]]))
    for n in range(12):
        expert_record(plan=plan, actor=office, course=course,
                      full_name=f"{SURNAMES[n % 10]} {NAMES[n]}",
                      employer="Sở Khoa học và Công nghệ tỉnh Sóc Trăng" if n < 6 else
                      "Doanh nghiệp trên địa bàn tỉnh", certificate_number=f"CG-2022-{n + 1:03d}",
                      certified_on=dt.date(2022, 12, 20))
    for year, result in ((2022, AwardResult.ENTERED), (2023, AwardResult.WON),
                         (2024, AwardResult.ENTERED)):
        award_record(plan=plan, actor=office, organisation="Công ty Cổ phần Gạo Sóc Trăng",
                     year=year, result=result,
                     award_name="Giải Bạc" if result == AwardResult.WON else "")
    return len(made)


def load_tuyen_quang_activities(plan, users, units) -> int:
    if Event.objects.filter(plan=plan).exists():
        return 0
    t = topics_ensure()
    office, sk = users["vanphong.tuyenquang"], units["08-SKHCN"]
    for year, people in ((2022, 180), (2023, 210), (2024, 160)):
        _event(plan, office, sk, EventKind.TRAINING,
               f"Tập huấn năng suất chất lượng, truy xuất nguồn gốc năm {year}",
               dt.date(year, 10, 5), {"enterprises": people - 40, "officials": 40},
               [t["productivity"], t["gs1"]])
    course = _event(plan, office, sk, EventKind.TRAINING, "Đào tạo chuyên gia năng suất",
                    dt.date(2023, 6, 1), {}, [t["productivity"]])
    for n in range(6):
        expert_record(plan=plan, actor=office, course=course,
                      full_name=f"{SURNAMES[(n + 3) % 10]} {NAMES[n + 4]}",
                      employer="Sở Khoa học và Công nghệ tỉnh Tuyên Quang",
                      certificate_number=f"TQ-CG-2023-{n + 1:02d}",
                      certified_on=dt.date(2023, 12, 1))
    AwardEntry.objects.get_or_create(plan=plan, organisation="Công ty Cổ phần Chè Mỹ Lâm",
                                     year=2024, defaults={"result": AwardResult.ENTERED})
    return 4
