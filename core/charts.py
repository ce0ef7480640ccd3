"""Server-rendered SVG bar charts: the same markup in the HTML page and in the PDF, no JavaScript.

Each chart carries a <title> and a <desc> listing its values, so screen readers get the numbers too.
"""

from decimal import Decimal
from html import escape

PALETTE = ["#0a58ca", "#b35900", "#146c43", "#6f42c1"]


def _fmt(value) -> str:
    if isinstance(value, Decimal | float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(value)


def bar_chart(
    title: str, labels: list[str], series: list[tuple[str, list]], *, width: int = 640, height: int = 240
) -> str:
    """Grouped vertical bars: one group per label, one bar per series (each series scaled to its own maximum)."""
    left, right, top, bottom = 10, 10, 30, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    groups = max(len(labels), 1)
    group_w = plot_w / groups
    bar_w = max(2.0, (group_w * 0.8) / max(len(series), 1))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" class="svl-chart">',
        f"<title>{escape(title)}</title>",
        "<desc>"
        + escape(
            "; ".join(
                f"{name}: " + ", ".join(f"{label} {_fmt(v)}" for label, v in zip(labels, values, strict=True))
                for name, values in series
            )
        )
        + "</desc>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#666" stroke-width="1"/>',
    ]
    for index, (name, values) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        peak = max((float(v) for v in values), default=0) or 1.0
        for position, value in enumerate(values):
            bar_h = plot_h * float(value) / peak
            x = left + position * group_w + group_w * 0.1 + index * bar_w
            y = top + plot_h - bar_h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" fill="{colour}">'
                f"<title>{escape(name)} – {escape(labels[position])}: {_fmt(value)}</title></rect>"
            )
            if value:
                parts.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" font-size="9" text-anchor="middle" '
                    f'fill="#222">{_fmt(value)}</text>'
                )
    for position, label in enumerate(labels):
        x = left + position * group_w + group_w / 2
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 14}" font-size="10" text-anchor="middle" fill="#222">'
            f"{escape(label)}</text>"
        )
    for index, (name, _values) in enumerate(series):
        x = left + index * 170
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 16}" y="16" font-size="11" fill="#222">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
