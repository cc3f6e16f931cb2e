"""Charts as SVG, drawn by matplotlib: the same markup works in a web page and in a PDF.

Every chart carries its data, so templates show the table beside it
(`{% include "core/chart.html" with chart=... %}`). SVGs are cached by their inputs.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]


@dataclass(frozen=True)
class Chart:
    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    unit: str = ""
    kind: str = "bar"
    svg: SafeString = field(default=SafeString(""), compare=False)

    @property
    def rows(self) -> list[tuple[str, list[float]]]:
        """Table rows: one per label, one value per series."""
        return [
            (label, [values[i] for _name, values in self.series])
            for i, label in enumerate(self.labels)
        ]

    @property
    def series_names(self) -> list[str]:
        return [name for name, _values in self.series]


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    unit: str = "",
    stacked: bool = False,
    horizontal: bool = False,
) -> Chart:
    kind = "barh" if horizontal else "bar"
    if stacked:
        kind += "-stacked"
    return _chart(kind, title, labels, series, unit)


def line_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    unit: str = "",
) -> Chart:
    return _chart("line", title, labels, series, unit)


def _chart(
    kind: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    unit: str,
) -> Chart:
    frozen_series = tuple((str(name), tuple(float(v) for v in values)) for name, values in series)
    chart = Chart(str(title), tuple(str(x) for x in labels), frozen_series, str(unit), kind)
    key = "chart:" + hashlib.sha256(repr((chart, get_language())).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = _draw(chart)
        cache.set(key, svg, 60 * 60 * 24)
    return Chart(chart.title, chart.labels, chart.series, chart.unit, kind, mark_safe(svg))


def _draw(chart: Chart) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    plt.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "inkludera",
            "font.family": "DejaVu Sans",
            "font.size": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    n = len(chart.labels)
    height = 3.2 if not chart.kind.startswith("barh") else max(2.4, 0.45 * n + 1.2)
    fig, ax = plt.subplots(figsize=(7.2, height), dpi=100)
    try:
        positions = list(range(n))
        count = max(1, len(chart.series))
        width = 0.8 / (1 if "stacked" in chart.kind else count)
        bottoms = [0.0] * n
        for i, (name, values) in enumerate(chart.series):
            colour = PALETTE[i % len(PALETTE)]
            if chart.kind == "line":
                ax.plot(positions, values, marker="o", color=colour, label=name, linewidth=2)
                continue
            if "stacked" in chart.kind:
                offsets = positions
            else:
                offsets = [p - 0.4 + width * (i + 0.5) for p in positions]
            draw = ax.barh if chart.kind.startswith("barh") else ax.bar
            kwargs = {"left" if chart.kind.startswith("barh") else "bottom": bottoms}
            draw(
                offsets,
                values,
                width,
                color=colour,
                label=name,
                hatch=HATCHES[i % len(HATCHES)],
                edgecolor="white",
                **kwargs,
            )
            if "stacked" in chart.kind:
                bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        value_axis = ax.xaxis if chart.kind.startswith("barh") else ax.yaxis
        value_axis.set_major_formatter(FuncFormatter(lambda v, _pos: _number(v)))
        if chart.kind.startswith("barh"):
            ax.set_yticks(positions, chart.labels)
            ax.invert_yaxis()
            if chart.unit:
                ax.set_xlabel(chart.unit)
        else:
            rotate = n > 6
            ax.set_xticks(
                positions,
                chart.labels,
                rotation=30 if rotate else 0,
                ha="right" if rotate else "center",
            )
            if chart.unit:
                ax.set_ylabel(chart.unit)
        if not chart.kind.startswith("barh"):
            ax.axhline(0, color="#444", linewidth=0.8)
        if len(chart.series) > 1:
            ax.legend(frameon=False, fontsize=9)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # Accessible name; the table beside the chart carries the numbers.
    label = escape(chart.title)
    return re.sub(
        r"<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', svg, count=1
    )


def _number(value: float) -> str:
    if abs(value) >= 1_000_000:
        return number_format(value / 1_000_000, 1) + " M"
    if abs(value) >= 10_000:
        return number_format(value / 1000, 0) + " k"
    return number_format(value, 0 if value == int(value) else 1)
