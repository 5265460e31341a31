"""Result widgets of the Gradio chat beside the table: alternative readings, the map of origins, the chart.

`chat_app.ui` lays these out and wires them; they only turn an `AnswerView` into component
updates, and a reading button into a re-answer (`chat_app.readings`).
"""

from __future__ import annotations

from typing import Any

import gradio as gr
import pandas as pd

from chat_app.handlers import AnswerView
from chat_app.worldmap import origins_figure

MAX_READINGS = 3  # buttons laid out; an answer rarely offers more


def reading_buttons() -> list[gr.Button]:
    with gr.Row():
        return [
            gr.Button(visible=False, size="sm", variant="secondary", elem_id=f"reading-{i}")
            for i in range(MAX_READINGS)
        ]


def origins_panel() -> dict[str, Any]:
    caption = gr.Markdown(visible=False, elem_id="origins-caption")
    plot = gr.Plot(label="Origins", visible=False, elem_id="origins-map", show_label=False)
    return {"origins_caption": caption, "origins": plot}


def reading_updates(view: AnswerView, buttons: list[gr.Button]) -> dict:
    labels = view.readings[: len(buttons)]
    return {
        button: gr.Button(value=labels[i], visible=True) if i < len(labels) else gr.Button(visible=False)
        for i, button in enumerate(buttons)
    }


def origins_updates(view: AnswerView, panel: dict[str, Any]) -> dict:
    if view.origins is None:
        return {panel["origins_caption"]: gr.Markdown(visible=False), panel["origins"]: gr.Plot(visible=False)}
    return {
        panel["origins_caption"]: gr.Markdown(value=view.origins.caption(), visible=True),
        panel["origins"]: gr.Plot(value=origins_figure(view.origins), visible=True),
    }


def chart_update(view: AnswerView) -> gr.BarPlot:
    """Bars for an aggregate: whole-number ticks for counts; years and months in time order."""
    if view.chart is None:
        return gr.BarPlot(value=None, visible=False)
    chart = view.chart
    frame = pd.DataFrame(chart.points, columns=[chart.x, chart.y])
    return gr.BarPlot(
        value=frame,
        x=chart.x,
        y=chart.y,
        visible=True,
        label=f"{chart.y} by {chart.x}",
        sort=chart.order or "-y",
        y_axis_format="d" if chart.integer else None,
    )
