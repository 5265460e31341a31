"""The `detailedstrain` column contract: each column, its SQL type and how it is read from a TUCC record.

A record is one strain object from `strains.jsonl.gz` merged with its locality (keys prefixed `Loc.`).
Values are copied as published: no spelling, case or date-format fixes (see data/README.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Record = dict[str, str]


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    read: Callable[[Record], object]
    source: str = ""  # the published field(s), for data/README.md and error messages


def text(field: str) -> Callable[[Record], object]:
    return lambda r: r.get(field)


def yes_no(field: str) -> Callable[[Record], object]:
    def read(r: Record) -> bool | None:
        value = r.get(field)
        if value is None:
            return None
        if value not in ("Yes", "No"):
            raise ValueError(f"{field}: expected Yes/No, got {value!r}")
        return value == "Yes"

    return read


def integer(field: str) -> Callable[[Record], object]:
    return lambda r: None if r.get(field) is None else int(r[field])


def temperature_bound(position: int) -> Callable[[Record], object]:
    """TestedTempGrowthRange is published as 'min; max' ('15.0; 37.0')."""

    def read(r: Record) -> float | None:
        raw = r.get("TestedTempGrowthRange")
        if raw is None:
            return None
        return float(raw.split(";")[position].strip())

    return read


def scientific_name(r: Record) -> str:
    return f"{r['Genus']} {r['Species']}"


def _col(name: str, sql_type: str, read: Callable[[Record], object], source: str) -> Column:
    return Column(name, sql_type, read, source)


def _texts(pairs: list[tuple[str, str]]) -> list[Column]:
    return [_col(name, "text", text(src), src) for name, src in pairs]


def _bools(pairs: list[tuple[str, str]]) -> list[Column]:
    return [_col(name, "boolean", yes_no(src), src) for name, src in pairs]


def _ints(pairs: list[tuple[str, str]]) -> list[Column]:
    return [_col(name, "integer", integer(src), src) for name, src in pairs]


# Columns of the thesis's view that TUCC does not publish: present, always NULL.
ABSENT_COLUMNS = [
    "gmoconstructioninfo",
    "beforeenagoya",
    "mutantinformation",
    "confirmed",
    "strain",
    "sexualstate",
    "mtafile",
    "meuquarantine",
    "infrasubspecificnames",
    "qps",
    "axenic",
    "genotype",
    "mriskgroup",
    "historyofdeposit",
    "enzymeproduction",
    "plasmids",
    "plasmidscollectionsfields",
    "interspecifichybrid",
    "ineva",
    "inmirri",
    "othernames",
    "isolationhost",
    "name",
    "abbreviation",
    "propagationhost",
    "cultivar",
    "lyticcicle",
    "pathotypeserotypetype",
    "storageconditions",
    "symptomatologyonisolationhost",
    "transmissionby",
    "contamination",
    "infectivitytested",
    "restrictions",
    "nagoyaproto",
]

# strainid and collection are assigned by the loader, not read from a record.
COLUMNS: list[Column] = [
    _col("strainid", "integer", lambda r: int(r["_strainid"]), "position in AccessionNumber order"),
    _col("collection", "bigint", lambda r: 1, "constant: TUCC is collection 1"),
    _col("cacronym", "text", lambda r: "TUCC", "constant"),
    _col("accessionnumber", "text", text("AccessionNumber"), "AccessionNumber"),
    _col("scientificname", "text", scientific_name, "Genus || ' ' || Species"),
    *_texts([("genus", "Genus"), ("species", "Species"), ("organismtype", "OrganismType")]),
    *_bools(
        [
            ("gmo", "GMO"),
            ("registeredcollection", "RegisteredCollection"),
            ("typestrain", "TypeStrain"),
            ("availablefordis", "AvailableForDis"),
            ("euquarantine", "EUQuarantine"),
            ("dualuse", "DualUse"),
            ("status", "Status"),
            ("availableatcc", "AvailableAtCC"),
            ("publicdata", "PublicData"),
        ]
    ),
    *_ints(
        [
            ("riskgroup", "RiskGroup"),
            ("nagoyaconditions", "NagoyaConditions"),
            ("userrestrictions", "UseRestrictions"),
            ("recommendedtemperature", "RecommendedTempGrowth"),
        ]
    ),
    *_texts(
        [
            ("collectiondate", "CollectionDate"),
            ("isolationdate", "IsolationDate"),
            ("depositdate", "DepositDate"),
            ("inclusiondate", "InclusionDate"),
            ("identificationtechnique", "IdentificationTechnique"),
            ("otherdenominations", "OtherDenomination"),
            ("remarks", "Remarks"),
            ("pathogenicity", "Pathogenicity"),
            ("otherccnumbers", "OtherCCNumbers"),
            ("commentontaxonomy", "CommentOnTaxonomy"),
            ("substrate", "Substrate"),
            ("isolationhabitat", "IsolationHabitat"),
            ("applications", "Applications"),
            ("ploidy", "Ploidy"),
            ("prodofmetabolites", "ProductionOfMetabolites"),
        ]
    ),
    _col("testedtgmin", "numeric", temperature_bound(0), "TestedTempGrowthRange (first)"),
    _col("testedtgmax", "numeric", temperature_bound(1), "TestedTempGrowthRange (second)"),
    *_texts(
        [
            ("geoorigin", "GeoOrigin"),
            ("country", "Loc.Country"),
            ("region", "Loc.Region"),
            ("city", "Loc.City"),
            ("locality", "Loc.Locality"),
            ("formofsupply", "FormOfSupply"),
            ("recommendedmedium", "RecommendedMediumGrowth"),
        ]
    ),
    *[_col(name, "text", lambda r: None, "not published by TUCC") for name in ABSENT_COLUMNS],
]

COLUMN_NAMES = [c.name for c in COLUMNS]

# The columns biologists see in result tables (the thesis's display view).
SYNTHETIC_COLUMNS = (
    "strainid",
    "collection",
    "accessionnumber",
    "fullaccessionnumber",
    "organismtype",
    "taxonname",
)


def row_for(record: Record) -> tuple[object, ...]:
    """One `detailedstrain` row, in COLUMNS order."""
    return tuple(column.read(record) for column in COLUMNS)
