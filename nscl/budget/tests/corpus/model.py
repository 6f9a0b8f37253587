"""Appendices made to order: a consistent tree of lines, then planted errors whose findings are
known in advance.

The expected findings come from the structure of each planted change, not from the validator:
raising a leaf's year by d breaks its years-vs-total check and its parent's sum for that year;
moving d between two years of a group (and of all its ancestors) breaks only that group's sums of
children for those two years; and so on. A test then asserts that the readers and the validator
find exactly these, from every layout.
"""

import itertools
import random
from dataclasses import dataclass, field
from decimal import Decimal

CONTENTS = [
    "Hội thảo giới thiệu công cụ cải tiến năng suất", "Đào tạo chuyên gia năng suất chất lượng",
    "Hỗ trợ xây dựng tiêu chuẩn cơ sở", "Tư vấn áp dụng ISO 9001 cho doanh nghiệp",
    "Tư vấn áp dụng HACCP",
    "Hỗ trợ truy xuất nguồn gốc sản phẩm OCOP", "Tập huấn Lean và Kaizen cho doanh nghiệp",
    "Khảo sát, đánh giá hiện trạng năng suất", "Phóng sự truyền hình về năng suất chất lượng",
    "In ấn tài liệu hướng dẫn", "Kiểm tra, giám sát thực hiện kế hoạch",
    "Hỗ trợ phòng thử nghiệm đạt ISO/IEC 17025 mở rộng", "Tham gia Giải thưởng Chất lượng Quốc gia",
    "Xây dựng mô hình điểm về năng suất xanh", "Hội nghị sơ kết thực hiện chương trình",
    "Chi họp hội đồng xét chọn", "Chi họp hội đồng nghiệm thu", "Vật tư văn phòng phẩm",
    "Hỗ trợ chứng nhận hợp chuẩn, hợp quy", "Tuyên truyền trên báo in, báo điện tử",
]
GROUPS = ["Hoạt động chung", "Đào tạo, tập huấn", "Hỗ trợ doanh nghiệp", "Thông tin, tuyên truyền",
          "Nghiên cứu, đánh giá", "Quản lý chương trình", "Xây dựng mô hình điểm", "Chi khác"]
UNITS = ["Cuộc", "Lượt", "Năm", "Lớp", "Người", "Bộ"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
UPPER = "ABCDEFGH"
LOWER = "abcdđeghik"


@dataclass
class Line:
    shown: str
    label: str
    content: str
    depth: int
    unit: str = ""
    qty: Decimal | None = None
    price: Decimal | None = None  # in triệu đồng
    total: Decimal = Decimal(0)  # in triệu đồng
    years: dict[int, Decimal] = field(default_factory=dict)
    sources: dict[str, dict[int | None, Decimal]] = field(default_factory=dict)
    children: list["Line"] = field(default_factory=list)
    parent: "Line | None" = None
    grand: bool = False
    duplicate: bool = False  # a planted row repeating the code of the line before it
    hidden: bool = False
    formula: str = ""  # "cached" / "missing": how a spreadsheet writes this line's total
    date_in: int | None = None  # a year whose cell holds a date instead of an amount

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Appendix:
    heading: str | None
    title: str
    years: list[int]
    money_unit: str
    sources: list[str]
    source_mode: str  # "" | "columns" (split of the total) | "year_columns" | "rows"
    top: list[Line]
    grand: Line
    expected: set[tuple[str, str, str, int | None]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    with_items: bool = True

    @property
    def code(self) -> str:
        return self.heading or ""

    def lines(self) -> list[Line]:
        """Every line in published order, the planted duplicates after the line they repeat."""
        out = []
        for top in self.top:
            out += list(top.walk())
        return out


def _code(style: str, n: int, parent_parts: list[int]) -> tuple[str, list[int]]:
    if style == "roman":
        return ROMAN[n - 1], [n]
    if style == "upper":
        return UPPER[n - 1], [n]
    if style == "lower":
        return f"{LOWER[n - 1]})", [n]
    if style == "number":
        return str(n), [n]
    if style == "dotted":
        parts = [*parent_parts, n]
        return ".".join(map(str, parts)), parts
    if style in {"-", "+"}:
        return style, []
    raise ValueError(style)


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


def build(rng: random.Random, *, scheme: list[str], years: list[int], with_items: bool,
          sources: list[str], source_mode: str, heading: str | None, title: str,
          money_unit: str, tops: int = 3, children: tuple[int, int] = (2, 3)) -> Appendix:
    """A consistent appendix: leaves carry quantity × price (when `with_items`) = total, split over
    the years and the sources; every group adds up its children."""
    contents = itertools.cycle(rng.sample(CONTENTS, len(CONTENTS)))
    groups = itertools.cycle(rng.sample(GROUPS, len(GROUPS)))

    def make(depth: int, n: int, parent: Line | None, parent_parts: list[int]) -> Line:
        style = scheme[depth]
        shown, parts = _code(style, n, parent_parts)
        if style in {"-", "+"}:
            label_suffix = f"{style}{n}"
        elif style == "dotted" and parent is not None and scheme[depth - 1] in {"dotted", "number"}:
            label_suffix = str(n)
        else:
            label_suffix = shown.rstrip(")") if style == "lower" else shown
        label = f"{parent.label}.{label_suffix}" if parent else label_suffix
        line = Line(shown=shown, label=label, content="", depth=depth, parent=parent)
        deeper = depth + 1 < len(scheme) and (depth == 0 or rng.random() < 0.6)
        if depth == 0 and n == 1:
            deeper = depth + 1 < len(scheme)
        if deeper:
            line.content = next(groups)
            count = rng.randint(*children)
            line.children = [make(depth + 1, k, line, parts or [n]) for k in range(1, count + 1)]
            _sum_into(line, years, sources)
        else:
            line.content = next(contents)
            if with_items:
                line.unit = rng.choice(UNITS)
                line.qty = Decimal(rng.randint(1, 30))
                line.price = Decimal(rng.randint(2, 90))
                line.total = line.qty * line.price
            else:
                line.total = Decimal(rng.randint(20, 900))
            amounts = _split(rng, int(line.total), len(years))
            line.years = {y: Decimal(a) for y, a in zip(years, amounts, strict=True)}
            _source_split(rng, line, years, sources)
        return line

    top = [make(0, n, None, []) for n in range(1, tops + 1)]
    grand = Line(shown="", label="Tổng cộng", content="Tổng cộng", depth=0, grand=True)
    grand.children = top
    _sum_into(grand, years, sources)
    grand.children = []
    return Appendix(heading=heading, title=title, years=years, money_unit=money_unit,
                    sources=sources, source_mode=source_mode, top=top, grand=grand,
                    with_items=with_items)


def _source_split(rng, line: Line, years: list[int], sources: list[str]) -> None:
    if not sources:
        return
    line.sources = {s: {} for s in sources}
    for year in years:
        for s, part in zip(sources, _split(rng, int(line.years[year]), len(sources)),
                           strict=True):
            line.sources[s][year] = Decimal(part)
    for s in sources:
        line.sources[s][None] = sum((line.sources[s][y] for y in years), Decimal(0))


def _sum_into(line: Line, years: list[int], sources: list[str]) -> None:
    line.total = sum((c.total for c in line.children), Decimal(0))
    line.years = {y: sum((c.years[y] for c in line.children), Decimal(0)) for y in years}
    if sources:
        line.sources = {s: {k: sum((c.sources[s][k] for c in line.children), Decimal(0))
                            for k in [None, *years]} for s in sources}


# -- planted errors ------------------------------------------------------------------------
def _leaves(appendix: Appendix) -> list[Line]:
    return [x for x in appendix.lines() if not x.children and not x.duplicate]


def _groups(appendix: Appendix) -> list[Line]:
    return [x for x in appendix.lines() if x.children]


def _key(appendix: Appendix, line: Line, check: str, year: int | None):
    appendix.expected.add((appendix.code, line.label, check, year))


def _shift(line: Line, year: int, delta: Decimal, *, total: bool = False) -> None:
    """Change one year of a line (and its first source that year), keeping sources consistent."""
    line.years[year] += delta
    if line.sources and year in next(iter(line.sources.values())):
        first = next(iter(line.sources))
        line.sources[first][year] += delta
        if total:
            line.sources[first][None] += delta
    if total:
        line.total += delta


def plant(rng: random.Random, appendix: Appendix, kinds: list[str]) -> set[str]:
    """Plant one error of each kind on distinct lines; record the findings each must give.
    Returns the labels of the lines changed."""
    used: set[str] = set()
    branches: set[str] = set()
    years = appendix.years

    def pick(candidates: list[Line], reuse: bool = False) -> Line:
        fresh = [c for c in candidates if c.label not in used
                 and _branch(c) not in branches] or [c for c in candidates if c.label not in used]
        fresh = fresh or (candidates if reuse else [])
        line = rng.choice(fresh)
        used.add(line.label)
        branches.add(_branch(line))
        return line

    delta = Decimal(rng.choice([5, 7, 10, 15, 20]))
    for kind in kinds:
        if kind == "quantity_times_price":
            line = pick([x for x in _leaves(appendix) if x.qty is not None])
            line.price += 1
            _key(appendix, line, "quantity_times_price", None)
        elif kind == "years_sum":
            line = pick([x for x in _leaves(appendix) if x.parent is not None])
            year = years[0]
            _shift(line, year, delta)
            _key(appendix, line, "years_sum", None)
            _key(appendix, line.parent, "children_total_year", year)
        elif kind == "children_total_year" and len(years) >= 2:
            line = pick(_groups(appendix))
            y1, y2 = max(((a, b) for a in years for b in years if a != b),
                         key=lambda pair: _room(appendix, line, pair[1]))
            step = min(delta, _room(appendix, line, y2))
            node = line
            while node is not None:
                _shift(node, y1, step)
                _shift(node, y2, -step)
                node = node.parent
            _shift(appendix.grand, y1, step)
            _shift(appendix.grand, y2, -step)
            _key(appendix, line, "children_total_year", y1)
            _key(appendix, line, "children_total_year", y2)
        elif kind == "sources_total" and appendix.sources:
            line = pick(_leaves(appendix))
            source = appendix.sources[-1]
            if appendix.source_mode == "year_columns":
                year = years[0]
                line.sources[source][year] += delta
                _key(appendix, line, "sources_total_year", year)
            else:
                line.sources[source][None] += delta
                _key(appendix, line, "sources_total", None)
        elif kind == "grand_total":
            grand, year = appendix.grand, years[len(years) // 2]
            _shift(grand, year, delta, total=True)
            _key(appendix, grand, "grand_total_year", year)
            _key(appendix, grand, "grand_total", None)
        elif kind == "duplicate_code":
            coded = [x for x in appendix.lines() if x.parent is not None and not x.duplicate
                     and x.shown not in {"-", "+"}]
            line = pick([x for x in coded if not x.children] or coded
                        or [x for x in appendix.top if x.label not in used]
                        or [x for x in appendix.top if not x.duplicate], reuse=True)
            twin = Line(shown=line.shown, label=line.label, content=line.content + " (bổ sung)",
                        depth=line.depth, parent=line.parent, duplicate=True,
                        years=dict.fromkeys(years, Decimal(0)))
            if appendix.sources and appendix.source_mode != "rows":
                twin.sources = {s: dict.fromkeys([None, *years], Decimal(0))
                                for s in appendix.sources}
            siblings = line.parent.children if line.parent else appendix.top
            siblings.insert(siblings.index(line) + 1, twin)
            _key(appendix, line, "duplicate_code", None)
    return used


def _room(appendix: Appendix, line: Line, year: int) -> Decimal:
    """How much can be taken from `year` of a line and its ancestors (and their first source)
    without any amount going below zero."""
    chain, node = [], line
    while node is not None:
        chain.append(node)
        node = node.parent
    chain.append(appendix.grand)
    room = min(x.years[year] for x in chain)
    if appendix.sources and year in next(iter(line.sources.values()), {}):
        first = appendix.sources[0]
        room = min(room, min(x.sources[first][year] for x in chain))
    return room


def _branch(line: Line) -> str:
    while line.parent is not None:
        line = line.parent
    return line.label
