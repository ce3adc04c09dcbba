"""Map views and frames: a longitude/latitude box, projected with pyproj onto a Lambert
conformal conic fitted to it and scaled to the map's user units (x right, y down)."""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import numpy as np
import shapely
from pyproj import Transformer
from pyproj.enums import TransformDirection
from shapely.geometry.base import BaseGeometry

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class View:
    """A longitude/latitude box, projected onto a Lambert conformal conic fitted to it."""

    west: float
    south: float
    east: float
    north: float

    @property
    def crs(self) -> str:
        """PROJ string: centred on the box, standard parallels a sixth inside its edges."""
        sixth = (self.north - self.south) / 6
        return (f"+proj=lcc +lat_0={(self.south + self.north) / 2} "
                f"+lon_0={(self.west + self.east) / 2} +lat_1={self.south + sixth} "
                f"+lat_2={self.north - sixth} +datum=WGS84 +units=m +no_defs")

    @classmethod
    def fit(cls, lonlats: Iterable[tuple[float, float]], margin: float = 1.5,
            min_span: float = 6.0) -> View:
        """The box around the points plus `margin` degrees, at least `min_span` degrees each
        way, widened to whole degrees (so that nearby cases share one cached outline layer)."""
        lons, lats = zip(*lonlats, strict=True)
        box = [min(lons) - margin, min(lats) - margin, max(lons) + margin, max(lats) + margin]
        for lo, hi in ((0, 2), (1, 3)):
            grow = max(0.0, min_span - (box[hi] - box[lo])) / 2
            box[lo], box[hi] = box[lo] - grow, box[hi] + grow
        return cls(math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3]))


VIEWS = {
    "northeast": View(119.0, 38.0, 132.0, 46.0),  # Liaoning, Jilin, North Korea
    "region": View(115.0, 33.0, 132.0, 47.0),  # north-east China, Beijing, Shandong, Korea
    "wide": View(94.0, 9.0, 134.0, 47.0),  # adds Yunnan and mainland South-East Asia
}


@dataclass(frozen=True)
class Frame:
    """A view projected and scaled to `width` user units, its top-left corner at (left, top)."""

    view: View
    width: float
    left: float = 0.0
    top: float = 0.0

    @cached_property
    def transformer(self) -> Transformer:
        """Longitude/latitude (WGS84) to the view's conic, in metres."""
        return _transformer(self.view.crs)

    @cached_property
    def extent(self) -> Box:
        """The projected bounds (metres) of the view's box, its edges densified to 0.5 degree."""
        v = self.view
        edge = shapely.segmentize(shapely.box(v.west, v.south, v.east, v.north), 0.5)
        return shapely.transform(edge, lambda c: np.column_stack(
            self.transformer.transform(c[:, 0], c[:, 1]))).bounds

    @property
    def scale(self) -> float:
        """User units per projected metre."""
        return self.width / (self.extent[2] - self.extent[0])

    @property
    def bounds(self) -> Box:
        """The frame's box in the map's user units."""
        height = (self.extent[3] - self.extent[1]) * self.scale
        return (self.left, self.top, self.left + self.width, self.top + height)

    def _user(self, lonlat: np.ndarray) -> np.ndarray:
        x, y = self.transformer.transform(lonlat[:, 0], lonlat[:, 1])
        return np.column_stack([self.left + (x - self.extent[0]) * self.scale,
                                self.top + (self.extent[3] - y) * self.scale])

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """A longitude/latitude in the map's user units."""
        return _xy(self, lon, lat)

    def to_svg(self, geom: BaseGeometry) -> BaseGeometry:
        """A lon/lat geometry in the map's user units."""
        return shapely.transform(geom, self._user)

    def outline(self) -> BaseGeometry:
        """The frame's rectangle as a lon/lat polygon (curved edges, densified)."""
        x0, y0, x1, y1 = self.extent
        edge = shapely.segmentize(shapely.box(x0, y0, x1, y1), (x1 - x0) / 50)
        return shapely.transform(edge, lambda c: np.column_stack(self.transformer.transform(
            c[:, 0], c[:, 1], direction=TransformDirection.INVERSE)))

    def contains(self, place) -> bool:
        """Whether a place (anything with lon and lat) falls inside the frame."""
        x, y = self.xy(place.lon, place.lat)
        x0, y0, x1, y1 = self.bounds
        return x0 <= x <= x1 and y0 <= y <= y1


@cache
def _transformer(crs: str) -> Transformer:  # creating one takes milliseconds: share them
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


@lru_cache(maxsize=None)
def frame(view: View, width: float, left: float = 0.0, top: float = 0.0) -> Frame:
    """The one Frame of these values: its projection and extent are worked out once."""
    return Frame(view, width, left, top)


@lru_cache(maxsize=65536)
def _xy(frame_: Frame, lon: float, lat: float) -> tuple[float, float]:
    x, y = frame_._user(np.array([[lon, lat]]))[0]
    return float(x), float(y)
