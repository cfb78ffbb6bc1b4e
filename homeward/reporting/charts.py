"""Server-side charts (SPEC.md §6 "trend"): SVG for pages, PNG for the Word report.

Rendered by matplotlib's Agg/SVG backends without pyplot (no global state, safe in threads) and
without any network: text stays text in the SVG (Arial or a generic sans-serif), and each SVG
carries a ``<title>`` and ``<desc>`` and ``role="img"``. Every chart has a written summary, and
the page shows the chart's data as a table beneath it.
"""

import functools
import html
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator


def _installed_font() -> str:
    """Arial where installed, else its metric twin Liberation Sans, else matplotlib's sans-serif."""
    for name in ("Arial", "Liberation Sans"):
        try:
            font_manager.findfont(
                font_manager.FontProperties(family=name), fallback_to_default=False
            )
        except ValueError:
            continue
        return name
    return "DejaVu Sans"


FONT = _installed_font()
# GOV.UK colours with enough contrast against white, and distinguished by marker and line style too.
COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92"]
MARKERS = ["o", "s", "^", "D"]
STYLES = ["-", "--", "-.", ":"]


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_label: str
    percent: bool = False

    @property
    def summary(self) -> str:
        return summarise(self)

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """The chart's data, one row per category, for the table shown beneath it."""
        return [
            (category, [_fmt(series.values[i], self.percent) for series in self.series])
            for i, category in enumerate(self.categories)
        ]

    def svg(self) -> str:
        """Inline SVG with title and description, ready to embed in a page."""
        return _cached_svg(self)

    def png(self, dpi: int = 150) -> bytes:
        return _cached_png(self, dpi)


# A chart is a frozen value (its data is in it), so the same chart renders to the same bytes:
# keep the last few, as the page, a reload and the downloads often draw the same figures.
@functools.lru_cache(maxsize=64)
def _cached_svg(chart: "Chart") -> str:
    return _accessible_svg(_render(chart, "svg"), chart.key, chart.title, chart.summary)


@functools.lru_cache(maxsize=32)
def _cached_png(chart: "Chart", dpi: int) -> bytes:
    return _render(chart, "png", dpi=dpi)


def _figure(chart: Chart) -> Figure:
    # Fixed margins: constrained layout costs more than the drawing itself.
    figure = Figure(figsize=(7.5, 3.6))
    figure.subplots_adjust(left=0.09, right=0.98, top=0.9, bottom=0.1)
    axes = figure.add_subplot()
    positions = range(len(chart.categories))
    for i, series in enumerate(chart.series):
        # NaN breaks the line where a figure is missing rather than bridging the gap.
        axes.plot(
            list(positions),
            [math.nan if v is None else float(v) for v in series.values],
            label=series.label,
            color=COLOURS[i % len(COLOURS)],
            marker=MARKERS[i % len(MARKERS)],
            linestyle=STYLES[i % len(STYLES)],
            linewidth=2,
        )
    axes.set_xticks(list(positions), list(chart.categories), fontsize=9)
    axes.set_ylabel(chart.y_label, fontsize=10)
    axes.set_title(chart.title, fontsize=12, loc="left")
    if chart.percent:
        axes.set_ylim(0, 105)  # room for a marker at 100%
        axes.set_yticks([0, 20, 40, 60, 80, 100])
    else:
        axes.set_ylim(bottom=0)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y", color="#b1b4b6", linewidth=0.5)
    axes.spines[["top", "right"]].set_visible(False)
    if len(chart.series) > 1:
        axes.legend(prop={"size": 9}, frameon=False)
    return figure


def _render(chart: Chart, fmt: str, dpi: int = 100) -> bytes | str:
    buffer = io.BytesIO()
    # Text stays text in the SVG (selectable, read by screen readers, styled by the page's font).
    with rc_context(
        {"svg.fonttype": "none", "font.family": ["sans-serif"], "font.sans-serif": [FONT]}
    ):
        figure = _figure(chart)
        figure.savefig(
            buffer, format=fmt, dpi=dpi, metadata={"Date": None} if fmt == "svg" else None
        )
    data = buffer.getvalue()
    return data.decode("utf-8") if fmt == "svg" else data


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def _accessible_svg(svg: str, key: str, title: str, desc: str) -> str:
    """Drop the XML prologue, add role, title and desc, and make the SVG scale to its container."""
    start = svg.index("<svg")
    svg = svg[start:]
    title_id, desc_id = f"chart-{key}-title", f"chart-{key}-desc"
    tag = _SVG_OPEN.match(svg).group(0)
    tag_new = re.sub(r'\s(width|height)="[^"]*"', "", tag)
    tag_new = tag_new[:-1] + (
        f' role="img" aria-labelledby="{title_id} {desc_id}" class="hw-chart" '
        'preserveAspectRatio="xMinYMin meet">'
    )
    heading = (
        f'<title id="{title_id}">{html.escape(title)}</title>'
        f'<desc id="{desc_id}">{html.escape(desc)}</desc>'
    )
    return tag_new + heading + svg[len(tag) :]


def _fmt(value: float | None, percent: bool) -> str:
    if value is None:
        return "–"
    text = f"{value:g}" if not float(value).is_integer() else f"{int(value)}"
    return f"{text}%" if percent else text


def summarise(chart: Chart) -> str:
    """A sentence per series: where it started and ended, its highest and lowest points."""
    if not chart.categories:
        return f"{chart.title}: no data for this period."
    sentences = []
    for series in chart.series:
        known = [
            (c, v) for c, v in zip(chart.categories, series.values, strict=True) if v is not None
        ]
        if not known:
            sentences.append(f"{series.label}: no figures yet.")
            continue
        (first_c, first_v), (last_c, last_v) = known[0], known[-1]
        if len(known) == 1:
            sentences.append(f"{series.label}: {_fmt(first_v, chart.percent)} in {first_c}.")
            continue
        peak_c, peak_v = max(known, key=lambda cv: cv[1])
        low_c, low_v = min(known, key=lambda cv: cv[1])
        sentences.append(
            f"{series.label}: {_fmt(first_v, chart.percent)} in {first_c} and "
            f"{_fmt(last_v, chart.percent)} in {last_c}; highest {_fmt(peak_v, chart.percent)} "
            f"({peak_c}), lowest {_fmt(low_v, chart.percent)} ({low_c})."
        )
    return " ".join(sentences)


def line_chart(
    *,
    key: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    y_label: str,
    percent: bool = False,
) -> Chart:
    return Chart(
        key=key,
        title=title,
        categories=tuple(categories),
        series=tuple(Series(label, tuple(values)) for label, values in series),
        y_label=y_label,
        percent=percent,
    )
