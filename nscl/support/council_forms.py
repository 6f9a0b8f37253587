"""The forms a council member fills: the conflict-of-interest declaration, the score by
criteria, the chair's reopening of a score, the secretary's minutes, the office's reopening."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nscl.core.forms import VietnameseDateField


class DeclarationForm(forms.Form):
    CHOICES = [("no", _("Tôi cam kết không có xung đột lợi ích với đối tượng đề nghị hỗ trợ")),
               ("yes", _("Tôi có xung đột lợi ích và xin không tham gia xem xét hồ sơ này"))]
    answer = forms.ChoiceField(label=_("Khai về xung đột lợi ích"), choices=CHOICES,
                               widget=forms.RadioSelect)
    relation = forms.CharField(
        label=_("Quan hệ với đối tượng (nếu có xung đột)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: người thân là thành viên góp vốn; từng làm tư vấn cho đơn vị."))

    def clean(self):
        data = super().clean()
        if data.get("answer") == "yes" and not (data.get("relation") or "").strip():
            self.add_error("relation", _("Ghi quan hệ với đối tượng đề nghị hỗ trợ."))
        return data


class ScoreForm(forms.Form):
    """One points field and one comment per criterion (within its maximum), and an overall
    comment; the total is computed by the service (and shown live by the page's script)."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"points_{c.pk}"] = forms.IntegerField(
                label=_("Điểm: %(t)s (tối đa %(m)s)") % {"t": c.label, "m": c.max_points},
                min_value=0, max_value=c.max_points,
                widget=forms.NumberInput(attrs={"class": "criterion-points",
                                                "data-max": c.max_points}),
                error_messages={
                    "max_value": _("Tiêu chí “%(t)s”: tối đa %(m)s điểm.")
                    % {"t": c.label, "m": c.max_points},
                    "min_value": _("Điểm không được âm."),
                    "required": _("Chưa chấm tiêu chí này.")})
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Nhận xét: %(t)s") % {"t": c.label}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}))
        self.fields["comment"] = forms.CharField(label=_("Nhận xét chung"), required=False,
                                                 widget=forms.Textarea(attrs={"rows": 3}))

    def rows(self):
        """(criterion, points field, comment field) for the template."""
        return [(c, self[f"points_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def items(self) -> dict:
        d = self.cleaned_data
        return {c.pk: (d.get(f"points_{c.pk}"), d.get(f"comment_{c.pk}") or "")
                for c in self.criteria}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class MinutesForm(forms.Form):
    meeting_on = VietnameseDateField(label=_("Ngày họp"))
    meeting_place = forms.CharField(label=_("Địa điểm họp"), max_length=255)
    minutes = forms.CharField(
        label=_("Nội dung cuộc họp (ý kiến thảo luận, kết luận của Chủ tịch)"),
        widget=forms.Textarea(attrs={"rows": 6}))
