"""Bar charts drawn on the server: inline SVG for pages (no script, no CDN, prints well) and
PNG through matplotlib for downloads and documents. One `Chart` feeds both, so the picture
downloaded is the picture on the page."""

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from io import BytesIO

from .numbers import format_vn_number

PALETTE = ["#0b5394", "#6aa84f", "#e69138", "#a64d79", "#45818e", "#cc0000"]


@dataclass
class Series:
    label: str
    values: list[Decimal | int]


@dataclass
class Chart:
    key: str
    title: str
    categories: list[str]
    series: list[Series] = field(default_factory=list)
    stacked: bool = True
    unit: str = ""

    def top(self) -> float:
        if self.stacked:
            totals = [sum(float(s.values[i]) for s in self.series)
                      for i in range(len(self.categories))]
        else:
            totals = [float(v) for s in self.series for v in s.values]
        return max(totals + [1.0])

    def bottom(self) -> float:
        """The lowest value, for grouped bars that go below zero (never for stacked ones)."""
        if self.stacked:
            return 0.0
        return min([float(v) for s in self.series for v in s.values] + [0.0])


def svg(chart: Chart, width: int = 560, height: int = 260) -> str:
    """A grouped or stacked bar chart as an accessible SVG string (values in <title>)."""
    left, top_pad = 48, 16
    bottom = 62 if len(chart.categories) > 6 else 40
    plot_w, plot_h = width - left - 12, height - bottom - top_pad
    n = max(len(chart.categories), 1)
    slot = plot_w / n
    low = chart.bottom()
    scale = plot_h / (chart.top() - low)
    zero = top_pad + chart.top() * scale
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(chart.title)}" class="chart">']
    for k in range(5):
        y = top_pad + plot_h - plot_h * k / 4
        tick = low + (chart.top() - low) * k / 4
        parts.append(f'<line x1="{left}" x2="{width - 12}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="#e3e8ee"/><text x="{left - 6}" y="{y + 4:.1f}" font-size="10" '
                     f'text-anchor="end" fill="#5b6b7c">'
                     f'{format_vn_number(Decimal(str(round(tick, 1))))}</text>')
    if low < 0:
        parts.append(f'<line x1="{left}" x2="{width - 12}" y1="{zero:.1f}" y2="{zero:.1f}" '
                     f'stroke="#5b6b7c"/>')
    bars = len(chart.series) if not chart.stacked else 1
    bar_w = slot * 0.7 / bars
    for i, category in enumerate(chart.categories):
        x0 = left + slot * i + slot * 0.15
        base = 0.0
        for j, series in enumerate(chart.series):
            value = float(series.values[i])
            h = abs(value) * scale
            x = x0 if chart.stacked else x0 + j * bar_w
            y = zero - base - h if chart.stacked or value >= 0 else zero
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(series.label)} · '
                         f'{escape(category)}: {format_vn_number(series.values[i])}</title></rect>')
            if chart.stacked:
                base += h
        lx, ly = x0 + slot * 0.35, height - bottom + 12
        turn = f' transform="rotate(-25 {lx:.1f} {ly})"' if n > 6 else ""
        anchor = "end" if n > 6 else "middle"
        parts.append(f'<text x="{lx:.1f}" y="{ly}" font-size="10" text-anchor="{anchor}"{turn} '
                     f'fill="#1d2733">{escape(category)}</text>')
    for j, series in enumerate(chart.series):
        x = left + j * 130
        parts.append(f'<rect x="{x}" y="{height - 14}" width="10" height="10" '
                     f'fill="{PALETTE[j % len(PALETTE)]}"/><text x="{x + 14}" y="{height - 5}" '
                     f'font-size="10" fill="#1d2733">{escape(series.label[:22])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def png(chart: Chart) -> bytes:
    """The same chart as a PNG (matplotlib, Agg backend, Liberation/DejaVu fonts)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4), dpi=120)
    positions = range(len(chart.categories))
    bottoms = [0.0] * len(chart.categories)
    width = 0.7 / (1 if chart.stacked else max(len(chart.series), 1))
    for j, series in enumerate(chart.series):
        values = [float(v) for v in series.values]
        xs = [p if chart.stacked else p - 0.35 + width * (j + 0.5) for p in positions]
        ax.bar(xs, values, width, bottom=bottoms if chart.stacked else None,
               label=series.label, color=PALETTE[j % len(PALETTE)])
        if chart.stacked:
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    ax.set_xticks(list(positions), chart.categories)
    ax.set_title(chart.title)
    if chart.unit:
        ax.set_ylabel(chart.unit)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda v, _pos: format_vn_number(Decimal(str(round(v, 1))))))
    ax.legend(fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    out = BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()
