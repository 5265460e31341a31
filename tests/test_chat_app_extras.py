"""What a strain list shows besides its rows (why-each-row columns, the map of origins), alternative
readings and chart axes, through the chat handlers on the real catalogue (scripted answers)."""

from __future__ import annotations

import csv
import json

import pytest
from test_chat_app_handlers import ROWS, SCRIPT, SYNTHETIC, ScriptedPipeline

from chat_app import handlers, readings
from chat_app.handlers import ChatState
from chat_app.origins import origins_of
from chat_app.worldmap import marker_sizes, origins_figure, outline
from linking.overrides import reading_key
from linking.types import LinkResult
from sqlproc.evidence import evidence_columns

NIGER = "Aspergillus niger strains with their substrates"
HABITAT = "strains with Marine sediment as isolationhabitat"
EXTRA_SCRIPT = {
    **SCRIPT,
    NIGER: (ROWS.format("genus = 'Aspergillus' AND species = 'niger'"), "rows", []),
    "strains from Piedmont": (ROWS.format("region = 'Piedmont'"), "rows", []),
    "strains per deposit year": (
        "SELECT extract(year FROM depositdate::date) AS year, count(*) AS strains FROM detailedstrain "
        "WHERE depositdate IS NOT NULL GROUP BY 1 ORDER BY 2 DESC",
        "aggregate",
        [],
    ),
    "strains per deposit month": (
        "SELECT to_char(depositdate::date, 'YYYY-MM') AS month, count(*) FROM detailedstrain "
        "WHERE depositdate >= '2007-01-01' GROUP BY 1 ORDER BY 2",
        "aggregate",
        [],
    ),
}


class NamingLinker:
    """A fake linker that reports the columns a question names, as ValueLinker does."""

    def __init__(self, columns):
        self.columns = columns

    def link(self, question):
        return LinkResult(links=[], columns=list(self.columns))


class ReadingPipeline(ScriptedPipeline):
    """Answers with the chosen reading: isolationhabitat when the conversation asked for it."""

    def __init__(self, catalogue):
        super().__init__(catalogue, EXTRA_SCRIPT)
        self.overrides: list[dict | None] = []

    def answer(self, question, history=(), *, session_id=None, max_rows=100, on_stage=None, link_overrides=None):
        self.overrides.append(link_overrides)
        habitat = link_overrides and link_overrides.get(reading_key("Marine sediment"))
        if habitat:
            self.script = {**self.script, question: (ROWS.format(f"{habitat[0]} = 'Marine sediment'"), "rows", [])}
        return super().answer(question, history, session_id=session_id, max_rows=max_rows)


@pytest.fixture
def pipeline(catalogue):
    return ScriptedPipeline(catalogue, EXTRA_SCRIPT)


def test_a_strain_list_shows_the_columns_it_filters_on(pipeline, tmp_path):
    state = ChatState()
    view = handlers.ask(pipeline, state, "strains with Marine sediment", csv_dir=tmp_path)
    assert view.columns == [*SYNTHETIC, "substrate"]
    assert {row[-1] for row in view.rows} == {"Marine sediment"}
    assert state.last.columns == SYNTHETIC  # the answer (and /ask) keep the display columns
    with open(view.csv_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [*SYNTHETIC, "substrate"] and len(rows) == 116  # every row, not only the 100 shown
    assert {row[-1] for row in rows[1:]} == {"Marine sediment"}


def test_columns_the_question_names_are_shown_too(pipeline):
    pipeline.linker = NamingLinker(["substrate", "collectiondate"])
    view = handlers.ask(pipeline, ChatState(), NIGER)
    assert view.columns == [*SYNTHETIC, "substrate", "collectiondate"]  # genus and species are in taxonname
    assert view.caption == "showing 42 of 42" and any(row[-2] for row in view.rows)


def test_aggregates_get_no_extra_columns_and_no_map(pipeline):
    view = handlers.ask(pipeline, ChatState(), "strains per organism type")
    assert view.columns == ["organismtype", "strains"] and view.origins is None


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (ROWS.format("genus = 'Aspergillus' AND substrate = 'Marine sediment' AND country = 'Italy'"),
         ["substrate", "country"]),
        (ROWS.format("depositdate::date >= '2000-01-01' AND (city = 'Turin' OR region ILIKE '%pied%')"),
         ["depositdate", "city", "region"]),
        (ROWS.format("strainid IN (SELECT strainid FROM detailedstrain WHERE isolationhabitat = 'Soil')"),
         ["isolationhabitat"]),
        ("SELECT count(*) FROM detailedstrain WHERE substrate = 'x'", []),
        ("not SQL (", []),
    ],
)  # fmt: skip
def test_evidence_columns_follow_the_query(sql, expected):
    from catalogue.contract import COLUMN_NAMES

    assert evidence_columns(sql, catalogue_columns=COLUMN_NAMES) == expected


def test_the_map_counts_strains_per_place_and_those_without_coordinates(pipeline):
    view = handlers.ask(pipeline, ChatState(), NIGER)
    origins = view.origins
    assert origins.mapped + origins.unmapped == 42 and origins.mapped == 13 and origins.unmapped == 29
    assert sum(o.count for o in origins.origins) == 13
    assert origins.origins[0].count == max(o.count for o in origins.origins)
    assert all(-90 <= o.latitude <= 90 and o.country for o in origins.origins)
    assert origins.caption().endswith("; 29 strains have no coordinates.")


def test_a_capped_list_maps_every_strain(pipeline):
    origins = handlers.ask(pipeline, ChatState(), "strains from Piedmont").origins
    assert (origins.mapped, origins.unmapped) == (692, 2767 - 692)


def test_no_map_without_coordinates(catalogue):
    assert origins_of(catalogue, []) is None
    no_place = catalogue.run_read("SELECT strainid FROM detailedstrain WHERE geoorigin IS NULL LIMIT 3").rows
    assert origins_of(catalogue, [r[0] for r in no_place]) is None


def test_the_map_is_drawn_without_fetching_outlines(pipeline):
    view = handlers.ask(pipeline, ChatState(), NIGER)
    figure = json.loads(origins_figure(view.origins).to_json())
    geo = figure["layout"]["geo"]
    # plotly.js fetches topojson only for a shown base layer or a trace with `locationmode`.
    assert not any(v for k, v in geo.items() if k.startswith("show") and k != "showframe")
    assert all("locationmode" not in trace and "locations" not in trace for trace in figure["data"])
    borders, coasts, points = figure["data"]
    assert (
        len(points["lon"]) == len(view.origins.origins) and points["customdata"][0][4] == view.origins.origins[0].count
    )
    assert "%{customdata[1]}, %{customdata[2]}" in points["hovertemplate"]
    lons, lats = outline("gshhs")
    assert 3000 < len(lons) < 20000 and None in lons and max(v for v in lats if v is not None) <= 90
    assert marker_sizes([1, 4, 16]) == [15.5, 23.0, 38.0] and marker_sizes([1]) == [10.0]


def test_a_linked_value_in_another_column_is_offered_as_another_reading(catalogue):
    pipeline, state = ReadingPipeline(catalogue), ChatState()
    view = handlers.ask(pipeline, state, "strains with Marine sediment")
    assert view.readings == ["Read 'Marine sediment' as isolationhabitat instead (60 strains)"]
    assert readings.reading_choices(state.last) == [("Marine sediment", "isolationhabitat", "Marine sediment")]

    again = readings.reread(pipeline, state, 0)
    assert pipeline.overrides[-1] == {reading_key("Marine sediment"): ("isolationhabitat", "Marine sediment")}
    assert "isolationhabitat = 'Marine sediment'" in again.sql and again.caption == "showing 60 of 60"
    assert state.messages[-1]["content"].startswith("_Reading 'Marine sediment' as isolationhabitat")
    assert [t.question for t in state.turns] == ["strains with Marine sediment"]  # replaced, not repeated
    handlers.ask(pipeline, state, "how many are there?")
    assert pipeline.overrides[-1] == pipeline.overrides[-2]  # the reading holds for this conversation
    handlers.ask(pipeline, ChatState(), "strains with Marine sediment")
    assert pipeline.overrides[-1] is None  # and for no other


def test_a_reading_that_is_not_offered_changes_nothing(catalogue):
    pipeline, state = ReadingPipeline(catalogue), ChatState()
    handlers.ask(pipeline, state, "strains per organism type")
    view = readings.reread(pipeline, state, 2)
    assert "no longer offered" in view.notice and len(state.messages) == 2 and state.readings == {}


def test_count_axes_are_integers_and_years_come_in_time_order(pipeline):
    chart = handlers.ask(pipeline, ChatState(), "strains per deposit year").chart
    assert chart.integer and all(isinstance(y, int) for _, y in chart.points)
    assert chart.order == sorted(chart.order) and chart.order[0] < "2000" and len(chart.order) == len(chart.points)
    month = handlers.ask(pipeline, ChatState(), "strains per deposit month").chart
    assert month.x == "month" and month.order == sorted(month.order) and month.integer


def test_categories_keep_their_order_by_count(pipeline):
    chart = handlers.ask(pipeline, ChatState(), "strains per organism type").chart
    assert chart.order is None and chart.integer
    assert handlers.ask(pipeline, ChatState(), "strains per risk group").chart.order == ["1", "2", "(none)"]
