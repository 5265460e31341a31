"""Load the TUCC files into `detailedstrain`, its `syntheticstrain` view and the `locality` table.

Loading is skipped when the catalogue already holds exactly these files under this column contract
(a fingerprint stored in `catalogue_meta`); otherwise the tables are rebuilt in one transaction.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import psycopg
from psycopg import sql

from catalogue.contract import COLUMNS, row_for

STRAINS_FILE = "strains.jsonl.gz"
LOCALITIES_FILE = "localities.jsonl.gz"
LOCALITY_FIELDS = (
    "ID",
    "Country",
    "CountryCode",
    "Region",
    "City",
    "Locality",
    "Latitude",
    "Longitude",
    "Altitude",
)


def read_jsonl_gz(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def fingerprint(data_dir: Path) -> str:
    """Hash of the source files and the column contract: a change to either means a reload."""
    digest = hashlib.sha256()
    for name in (STRAINS_FILE, LOCALITIES_FILE):
        digest.update((data_dir / name).read_bytes())
    digest.update(json.dumps([(c.name, c.sql_type, c.source) for c in COLUMNS]).encode())
    return digest.hexdigest()


def strain_records(data_dir: Path) -> list[dict[str, str]]:
    """Strain records in accession-number order, numbered from 1, with their locality merged in."""
    localities = {loc["ID"]: loc for loc in read_jsonl_gz(data_dir / LOCALITIES_FILE)}
    strains = sorted(read_jsonl_gz(data_dir / STRAINS_FILE), key=lambda s: s["AccessionNumber"])
    records = []
    for number, strain in enumerate(strains, start=1):
        locality = localities.get(strain.get("GeoOrigin", ""), {})
        record = {**strain, "_strainid": str(number)}
        record.update({f"Loc.{key}": value for key, value in locality.items()})
        records.append(record)
    return records


def loaded_fingerprint(conn: psycopg.Connection) -> str | None:
    row = conn.execute(
        "SELECT value FROM catalogue_meta WHERE key = 'fingerprint'"
        if _has_table(conn, "catalogue_meta")
        else "SELECT NULL WHERE false"
    ).fetchone()
    return row[0] if row else None


def _has_table(conn: psycopg.Connection, name: str) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f"public.{name}",)).fetchone()[0]


def _create_detailedstrain(conn: psycopg.Connection) -> None:
    columns = sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(c.sql_type)) for c in COLUMNS)
    conn.execute("DROP VIEW IF EXISTS syntheticstrain")
    conn.execute("DROP TABLE IF EXISTS detailedstrain")
    conn.execute(sql.SQL("CREATE TABLE detailedstrain ({}, PRIMARY KEY (strainid))").format(columns))


def _create_syntheticstrain(conn: psycopg.Connection) -> None:
    conn.execute(
        """
        CREATE VIEW syntheticstrain AS
        SELECT strainid, cacronym AS collection, accessionnumber,
               'TUCC ' || accessionnumber AS fullaccessionnumber,
               organismtype, genus || ' ' || species AS taxonname
        FROM detailedstrain
        """
    )


def _load_localities(conn: psycopg.Connection, data_dir: Path) -> None:
    conn.execute("DROP TABLE IF EXISTS locality")
    fields = ", ".join(f"{f.lower()} text" for f in LOCALITY_FIELDS)
    conn.execute(f"CREATE TABLE locality ({fields}, PRIMARY KEY (id))")
    copy_sql = f"COPY locality ({', '.join(f.lower() for f in LOCALITY_FIELDS)}) FROM STDIN"
    with conn.cursor().copy(copy_sql) as copy:
        for loc in read_jsonl_gz(data_dir / LOCALITIES_FILE):
            copy.write_row(tuple(loc.get(f) for f in LOCALITY_FIELDS))


def _load_strains(conn: psycopg.Connection, data_dir: Path) -> int:
    names = sql.SQL(", ").join(sql.Identifier(c.name) for c in COLUMNS)
    records = strain_records(data_dir)
    with conn.cursor().copy(sql.SQL("COPY detailedstrain ({}) FROM STDIN").format(names)) as copy:
        for record in records:
            copy.write_row(row_for(record))
    return len(records)


def load_catalogue(conn: psycopg.Connection, data_dir: Path, *, force: bool = False) -> int | None:
    """(Re)load the catalogue if it differs from the files; return the strains loaded, or None if skipped."""
    wanted = fingerprint(data_dir)
    if not force and loaded_fingerprint(conn) == wanted:
        return None
    with conn.transaction():
        _load_localities(conn, data_dir)
        _create_detailedstrain(conn)
        count = _load_strains(conn, data_dir)
        _create_syntheticstrain(conn)
        for column in ("genus", "organismtype", "substrate", "isolationhabitat", "region", "country"):
            conn.execute(sql.SQL("CREATE INDEX ON detailedstrain ({})").format(sql.Identifier(column)))
        conn.execute("CREATE TABLE IF NOT EXISTS catalogue_meta (key text PRIMARY KEY, value text NOT NULL)")
        conn.execute(
            "INSERT INTO catalogue_meta VALUES ('fingerprint', %s), ('loaded_at', now()::text) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            (wanted,),
        )
    return count
