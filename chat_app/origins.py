"""Where a result's strains come from: their localities with coordinates, counted.

A strain's `geoorigin` is the id of its locality; the coordinates are in the `locality` table,
which only the owner role can read (the reader sees `detailedstrain` and `syntheticstrain`
alone). So the strains' localities are read as the reader, and the coordinates of all localities
once per process as the owner, through a fixed statement with no user input.

    origins = origins_of(catalogue, strain_ids)
    origins.mapped, origins.unmapped, origins.origins[0].city
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from catalogue.database import Catalogue

log = logging.getLogger(__name__)

_LOCALITIES = (
    "SELECT id, locality, city, region, country, latitude, longitude FROM locality "
    "WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
)
POINT_DECIMALS = 2  # of a degree: about 1 km
_STRAIN_PLACES = (
    "SELECT geoorigin, count(*) FROM detailedstrain WHERE strainid = ANY(%s) AND geoorigin IS NOT NULL "
    "GROUP BY geoorigin"
)


@dataclass(frozen=True)
class Origin:
    """One place on the map and how many of the result's strains come from it."""

    locality: str
    city: str
    region: str
    country: str
    latitude: float
    longitude: float
    count: int


@dataclass
class OriginMap:
    origins: list[Origin]  # most strains first
    mapped: int  # strains on the map
    unmapped: int  # strains of the result without coordinates

    def caption(self) -> str:
        places = "place" if len(self.origins) == 1 else "places"
        text = f"**Origins**: {self.mapped} strains from {len(self.origins)} {places} on the map"
        if self.unmapped:
            text += f"; {self.unmapped} {'strain has' if self.unmapped == 1 else 'strains have'} no coordinates"
        return text + "."


_cache: dict[str, dict[str, tuple[str, str, str, str, float, float]]] = {}
_lock = threading.Lock()


def coordinates(catalogue: Catalogue) -> dict[str, tuple[str, str, str, str, float, float]]:
    """locality id → (locality, city, region, country, latitude, longitude), read once per database."""
    with _lock:
        known = _cache.get(catalogue.owner_dsn)
    if known is None:
        known = {}
        for id_, locality, city, region, country, lat, lon in catalogue.owner_execute(_LOCALITIES):
            point = _point(lat, lon)
            if point is not None:
                known[id_] = (locality or city or region or country or id_, city or "", region or "", country or "",
                              *point)  # fmt: skip
        with _lock:
            _cache[catalogue.owner_dsn] = known
    return known


def _point(lat: str, lon: str) -> tuple[float, float] | None:
    try:
        latitude, longitude = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if -90 <= latitude <= 90 and -180 <= longitude <= 180:
        return latitude, longitude
    return None


def origins_of(catalogue: Catalogue, strain_ids: Sequence[int]) -> OriginMap | None:
    """The map of `strain_ids`; None when none of them has coordinates."""
    if not strain_ids:
        return None
    places = catalogue.run_read(_STRAIN_PLACES, ([int(i) for i in strain_ids],), max_rows=None).rows
    known = coordinates(catalogue)
    # Several locality records often share one point (the same site named twice, or sampling spots
    # metres apart): within about a kilometre they are one point.
    at_point: dict[tuple[float, float], list[tuple[tuple, int]]] = {}
    for geoorigin, count in places:
        if geoorigin in known:
            place = known[geoorigin]
            point = (round(place[4], POINT_DECIMALS), round(place[5], POINT_DECIMALS))
            at_point.setdefault(point, []).append((place[:4], int(count)))
    if not at_point:
        return None
    origins = sorted((_merged(point, named) for point, named in at_point.items()), key=lambda o: -o.count)
    mapped = sum(o.count for o in origins)
    return OriginMap(origins=origins, mapped=mapped, unmapped=len(set(strain_ids)) - mapped)


def _merged(point: tuple[float, float], named: list[tuple[tuple, int]]) -> Origin:
    """One point from the locality records at it: their distinct names, most strains first."""
    named = sorted(named, key=lambda item: -item[1])
    fields = [_distinct([names[i] for names, _ in named]) for i in range(4)]
    return Origin(*fields, latitude=point[0], longitude=point[1], count=sum(count for _, count in named))


def _distinct(values: list[str], most: int = 3) -> str:
    unique = [v for v in dict.fromkeys(values) if v]
    return " / ".join(unique[:most]) + (f" (+{len(unique) - most})" if len(unique) > most else "")
