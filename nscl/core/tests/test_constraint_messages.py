"""Every database constraint speaks Vietnamese: each of the project's models' check and unique
constraints has its own message (through gettext, with English in the catalogue), and a check's
message shows next to the field it is about — the call's closing time before its opening is
said at "Hạn nộp hồ sơ", not as “Constraint … is violated.” at the top of the form."""

import re

from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise

from nscl.core.constraints import Check

VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]",
                        re.IGNORECASE)


def _constraints():
    for model in apps.get_models():
        if model.__module__.startswith("nscl."):
            for constraint in model._meta.constraints:
                yield model, constraint


def test_every_constraint_has_a_vietnamese_message_with_english():
    found = list(_constraints())
    assert len(found) >= 45
    for model, constraint in found:
        where = f"{model._meta.label}.{constraint.name}"
        message = constraint.violation_error_message
        assert message != constraint.default_violation_error_message, f"{where}: no message"
        assert isinstance(message, Promise), f"{where}: not through gettext_lazy"
        assert VIETNAMESE.search(str(message)), f"{where}: not Vietnamese: {message}"
        with translation.override("en"):
            assert not VIETNAMESE.search(str(message)), f"{where}: no English"
        if constraint.__class__.__name__ == "CheckConstraint" or isinstance(constraint, Check):
            assert isinstance(constraint, Check), f"{where}: a check without its field"
            assert constraint.field in {f.name for f in model._meta.get_fields()}, where


def test_a_call_closing_before_it_opens_is_said_next_to_its_field(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    line = soc_trang.appendices.get(code="Phụ lục II").lines.get(code="5.1")
    data = {"year": "2026", "title": "Đợt bổ sung năm 2026", "opens_at": "08:00 01/04/2026",
            "closes_at": "17:00 31/03/2026", "offer_5.1": "on", "line_5.1": line.pk,
            "norm_5.1": "50", "description": "Hỗ trợ áp dụng công cụ cải tiến",
            "required_documents": ["commitment"]}
    page = client.post(f"/ho-tro/ke-hoach/{soc_trang.pk}/dot-moi/", data)
    assert page.status_code == 200
    form = page.context["form"]
    assert form.errors["closes_at"] == ["Hạn nộp hồ sơ phải sau thời điểm mở nhận hồ sơ."]
    assert not form.non_field_errors()
    text = page.content.decode()
    assert "is violated" not in text
    assert 'value="17:00 31/03/2026"' in text and "Đợt bổ sung năm 2026" in text
