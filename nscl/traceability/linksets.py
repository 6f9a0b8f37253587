"""The links the resolver knows for a GTIN, a lot and a stamp, as an RFC 9264 linkset in the
shape GS1's linkset schema asks (one object per anchor, `itemDescription`, link types as GS1 Web
Vocabulary URIs, every link with `href` and `title`, exactly one `gs1:defaultLink` per anchor
carrying only `href` and `title`).

Product level: product information page (gs1:pip, the default), certification information
(gs1:certificationInfo, when the product states standards or certifications) and recall status
(gs1:recallStatus). Lot level: the lot's page (gs1:pip, default), its journey from EPCIS
(gs1:traceability) and its recall status. Stamp level: the stamp's verification page, which the
resolver serves itself (gs1:pip, default). A request's linkset holds every level up to the GTIN.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _

VOC = "https://ref.gs1.org/voc/"  # as GS1's model linkset writes link types
LINK_TYPES = ("pip", "traceability", "certificationInfo", "recallStatus")
CONTEXT_LINK = ('<https://ref.gs1.org/standards/resolver/linkset-context>; '
                'rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"')


@dataclass
class Link:
    type: str  # a GS1 Web Vocabulary term, e.g. "pip"
    href: str
    title: str
    media: str = "text/html"

    def as_dict(self) -> dict:
        return {"href": self.href, "title": self.title, "type": self.media, "hreflang": ["vi"]}


@dataclass
class Anchor:
    uri: str
    description: str
    links: list[Link] = field(default_factory=list)
    default: str = "pip"

    def find(self, link_type: str) -> Link | None:
        return next((link for link in self.links if link.type == link_type), None)

    def as_dict(self) -> dict:
        body = {"anchor": self.uri, "itemDescription": self.description}
        for link in self.links:
            body.setdefault(VOC + link.type, []).append(link.as_dict())
        default = self.find(self.default)
        if default:
            body[VOC + "defaultLink"] = [{"href": default.href, "title": default.title}]
        return body


def base() -> str:
    return getattr(settings, "NSCL_RESOLVER_BASE", "https://truyxuat.nscl.vn").rstrip("/")


def _q(value: str) -> str:
    return quote(value, safe="")


def product_anchor(product, recalls: bool) -> Anchor:
    root = f"{base()}/sp/{product.gtin}"
    anchor = Anchor(f"{base()}/01/{product.gtin}", product.name, [
        Link("pip", f"{root}/", _("Thông tin sản phẩm"))])
    if product.standards or product.certifications:
        anchor.links.append(Link("certificationInfo", f"{root}/chung-nhan/",
                                 _("Tiêu chuẩn và chứng nhận")))
    anchor.links.append(Link("recallStatus", f"{root}/thu-hoi/",
                             _("Tình trạng thu hồi") if not recalls
                             else _("Có lô đang bị thu hồi")))
    return anchor


def lot_anchor(product, batch) -> Anchor:
    root = f"{base()}/sp/{product.gtin}/lo/{_q(batch.lot)}"
    return Anchor(f"{base()}/01/{product.gtin}/10/{_q(batch.lot)}",
                  _("%(n)s, lô %(l)s") % {"n": product.name, "l": batch.lot}, [
                      Link("pip", f"{root}/", _("Thông tin lô hàng")),
                      Link("traceability", f"{root}/hanh-trinh/", _("Hành trình của lô hàng")),
                      Link("recallStatus", f"{root}/thu-hoi/", _("Tình trạng thu hồi của lô"))])


def stamp_anchor(product, lot: str, serial: str) -> Anchor:
    uri = f"{base()}/01/{product.gtin}" + (f"/10/{_q(lot)}" if lot else "") + f"/21/{_q(serial)}"
    return Anchor(uri, _("%(n)s, tem %(s)s") % {"n": product.name, "s": serial}, [
        Link("pip", f"{uri}?linkType=gs1:pip", _("Kiểm tra tem"))])


def linkset(anchors: list[Anchor]) -> dict:
    """Most granular first, as GS1's test suite walks them."""
    return {"linkset": [a.as_dict() for a in anchors]}


def link_type(requested: str) -> str | None:
    """`gs1:pip`, `https://gs1.org/voc/pip` or `https://ref.gs1.org/voc/pip` → `pip`."""
    for prefix in ("gs1:", "https://gs1.org/voc/", "http://gs1.org/voc/",
                   "https://ref.gs1.org/voc/", "https://www.gs1.org/voc/"):
        if requested.startswith(prefix):
            return requested[len(prefix):]
    return None


def linkset_header(anchor_uri: str) -> str:
    return f'<{anchor_uri}?linkType=linkset>; rel="linkset"; type="application/linkset+json"'
