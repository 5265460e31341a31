"""The Gradio 6 chat: the conversation; beside it SQL, results, chart, CSV, linked values and feedback.

`build_ui(pipeline)` only wires components to `chat_app.handlers`; `launch(demo, host, port)`
serves it. Each browser session has its own `ChatState`; the pipeline (model, index, pools) is
shared and loaded once. Also registers the JSON endpoint `/ask` (see `chat_app.api`).

    .venv/bin/strainchat serve              # http://127.0.0.1:7860
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from chat_app import curation, handlers, readings, ui_results
from chat_app.api import ask_endpoint
from chat_app.curators import CuratorAuth
from chat_app.handlers import LINK_HEADERS, AnswersQuestions, AnswerView, ChatState

EXAMPLES_EN = [
    "Give me all the Aspergillus strains with Marine sediment",
    "only those from Italy",
    "how many are there?",
    "How many strains are there per organism type?",
]
EXAMPLES_IT = [
    "Quanti lieviti ci sono nel gruppo di rischio 2?",
    "e quelli del genere Aspergillus?",
    "Mostrami i ceppi isolati in Piemonte",
]
WORKING = "Linking the values of your question, generating SQL and running it…"
# Progress shown for each stage the pipeline reports: (fraction done, text).
STAGES = {
    "link": (0.1, "Linking the values of your question…"),
    "generate": (0.3, "Generating SQL…"),
    "postprocess": (0.8, "Checking the SQL…"),
    "execute": (0.9, "Running the query…"),
}
INTRO = (
    "## StrainChat\n"
    "Ask the TUCC culture-collection catalogue (7,216 strains) questions in English or Italian. "
    "Follow-ups refine the previous answer. Every answer shows the SQL that produced it."
)
CSS = "#results-caption p { margin: 0; }"
NEW_QUESTION = "Ask the last question again as a new question (keep nothing from before)"


def build_ui(
    pipeline: AnswersQuestions,
    *,
    csv_dir: Path | None = None,
    max_rows: int = 100,
    concurrency: int = 8,
    curators: CuratorAuth | None = None,
) -> gr.Blocks:
    """The chat app for `pipeline`; `concurrency` questions are answered at the same time. Curators
    sign in through `curators` (default: the `curator` table of the pipeline's catalogue, no token)."""
    csv_dir = csv_dir or Path(tempfile.mkdtemp(prefix="strainchat-csv-"))
    auth = curators or CuratorAuth(pipeline.catalogue)
    with gr.Blocks(title="StrainChat", fill_width=True, analytics_enabled=False) as demo:
        # None until the session's first question: a ChatState is created then (a per-session id).
        state = gr.State(None, delete_callback=_forget)
        # The signed-in curator (a chat_app.curators.Curator) or None; held on the server, per session.
        signed = gr.State(None)
        gr.Markdown(INTRO)
        with gr.Row(equal_height=False):
            with gr.Column(scale=5):
                chat = _chat_column()
                chat["state"] = state
            with gr.Column(scale=6):
                panels = _result_panels()
                curator = _curation_panel(_all_columns(pipeline), auth.status())
                feedback = _feedback_panel()
        _wire_ask(pipeline, state, chat, panels, curator, csv_dir, max_rows)
        _wire_curation(pipeline, state, curator, signed, auth)
        _wire_feedback(pipeline, state, chat, feedback)
        gr.api(ask_endpoint(pipeline, max_rows=max_rows), api_name="ask")
    demo.queue(default_concurrency_limit=concurrency)
    return demo


def _forget(chat_state: ChatState | None) -> None:
    if chat_state is not None:
        handlers.reset(chat_state)


def launch(demo: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, *, block: bool = True) -> str:
    """Serve `demo`; returns its local URL (at once when `block` is False)."""
    _, url, _ = demo.launch(server_name=host, server_port=port, prevent_thread_lock=not block, quiet=not block, css=CSS)
    return url


# --- layout -------------------------------------------------------------------------------------


def _chat_column() -> dict[str, Any]:
    chatbot = gr.Chatbot(label="Conversation", height=560, elem_id="chat", buttons=["copy"])
    with gr.Row():
        question = gr.Textbox(
            placeholder="e.g. Give me all the Aspergillus strains with Marine sediment",
            show_label=False,
            scale=6,
            elem_id="question",
            autofocus=True,
        )
        send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
    # Shown when the last answer kept conditions from before: the same words again, as a new question
    as_new = gr.Button(NEW_QUESTION, size="sm", visible=False, elem_id="ask-as-new")
    new = gr.Button("New conversation", size="sm", elem_id="new-conversation")
    gr.Examples(EXAMPLES_EN, inputs=[question], label="Examples in English")
    gr.Examples(EXAMPLES_IT, inputs=[question], label="Esempi in italiano")
    return {"chatbot": chatbot, "question": question, "send": send, "new": new, "as_new": as_new}


def _result_panels() -> dict[str, Any]:
    sql = gr.Code(label="SQL", language="sql", interactive=False, lines=2, max_lines=8, elem_id="sql", wrap_lines=True)
    other_readings = ui_results.reading_buttons()
    caption = gr.Markdown("Ask a question to see the results here.", elem_id="results-caption")
    table = gr.Dataframe(label="Results", interactive=False, max_height=380, elem_id="results", wrap=True)
    chart = gr.BarPlot(visible=False, elem_id="chart", sort="-y", x_label_angle=-30)
    download = gr.DownloadButton("Download CSV (all rows)", visible=False, size="sm", elem_id="download")
    origins = ui_results.origins_panel()
    return {"sql": sql, "caption": caption, "table": table, "chart": chart, "download": download, **origins,
            **{f"reading-{i}": button for i, button in enumerate(other_readings)}}  # fmt: skip


def _reading_buttons(panels: dict[str, Any]) -> list[gr.Button]:
    return [panels[f"reading-{i}"] for i in range(ui_results.MAX_READINGS)]


def _curation_panel(columns: list[str], status: str) -> dict[str, Any]:
    with gr.Accordion("Linked values (curator)", open=True):
        links = gr.Dataframe(headers=LINK_HEADERS, interactive=False, elem_id="links", wrap=True)
        sign_in = _sign_in_row(status)
        with gr.Row():
            pick = gr.Dropdown(label="Linked value", choices=[], scale=3, elem_id="link-pick")
            accept = gr.Button("Accept", size="sm", scale=1, elem_id="link-accept", interactive=False)
            reject = gr.Button("Reject", size="sm", scale=1, elem_id="link-reject", interactive=False)
        with gr.Row():
            column = gr.Dropdown(label="Correct to column", choices=columns, scale=2, elem_id="fix-column")
            value = gr.Textbox(label="value", scale=2, elem_id="fix-value")
            correct = gr.Button("Correct", size="sm", scale=1, elem_id="link-correct", interactive=False)
        message = gr.Markdown(elem_id="curation-message")
        audit = _audit_rows()
    return {"links": links, "pick": pick, "accept": accept, "reject": reject, "column": column,
            "value": value, "correct": correct, "message": message, "all_columns": columns,
            **sign_in, **audit}  # fmt: skip


def _sign_in_row(status: str) -> dict[str, Any]:
    with gr.Row():
        name = gr.Textbox(label="Curator", scale=2, elem_id="curator-name", max_lines=1)
        secret = gr.Textbox(label="Password or token", type="password", scale=2, elem_id="curator-secret")
        sign_in = gr.Button("Sign in", size="sm", scale=1, elem_id="curator-sign-in")
        sign_out = gr.Button("Sign out", size="sm", scale=1, elem_id="curator-sign-out", visible=False)
    status_line = gr.Markdown(status, elem_id="curator-status")
    return {"name": name, "secret": secret, "sign_in": sign_in, "sign_out": sign_out, "status": status_line}


def _audit_rows() -> dict[str, Any]:
    with gr.Accordion("Alias changes (audit)", open=False):
        table = gr.Dataframe(headers=curation.AUDIT_HEADERS, interactive=False, elem_id="audit", wrap=True)
        with gr.Row():
            pick = gr.Dropdown(label="Change", choices=[], scale=4, elem_id="audit-pick")
            undo = gr.Button("Undo", size="sm", scale=1, elem_id="audit-undo", interactive=False)
    return {"audit": table, "audit_pick": pick, "undo": undo}


def _feedback_panel() -> dict[str, Any]:
    with gr.Accordion("Feedback on the last answer", open=False):
        with gr.Row():
            up = gr.Button("Right answer", size="sm", elem_id="thumbs-up")
            down = gr.Button("Wrong answer", size="sm", elem_id="thumbs-down")
        corrected = gr.Code(label="Corrected SQL (optional)", language="sql", interactive=True, lines=3)
        comment = gr.Textbox(label="Comment (optional)", lines=2)
        message = gr.Markdown(elem_id="feedback-message")
    return {"up": up, "down": down, "corrected": corrected, "comment": comment, "message": message}


def _all_columns(pipeline: AnswersQuestions) -> list[str]:
    try:
        return curation.catalogue_columns(pipeline.catalogue)
    except Exception:  # the database may be down at start; corrections then offer the link's columns
        return []


# --- events -------------------------------------------------------------------------------------


def _wire_ask(pipeline, state, chat, panels, curator, csv_dir: Path, max_rows: int) -> None:
    outputs = [state, chat["chatbot"], chat["question"], *panels.values(), curator["links"], curator["pick"],
               curator["column"], curator["value"], curator["message"], chat["as_new"]]  # fmt: skip

    def on_ask(question: str, chat_state: ChatState | None, progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
        if not (question or "").strip():
            gr.Warning("Type a question about the catalogue first.")
            yield {chat["question"]: ""}
            return
        chat_state = chat_state or ChatState()
        pending = [
            *chat_state.messages,
            {"role": "user", "content": question},
            {"role": "assistant", "content": WORKING},
        ]
        yield {chat["chatbot"]: pending, chat["question"]: ""}
        progress(0.05, desc="Linking values, generating SQL, running it…")

        def on_stage(stage: str) -> None:
            done, text = STAGES.get(stage, (None, stage))
            progress(done, desc=text)

        view = handlers.ask(pipeline, chat_state, question, max_rows=max_rows, csv_dir=csv_dir, on_stage=on_stage)
        yield _show(chat_state, view, chat, panels, curator)

    def on_new(chat_state: ChatState | None):
        fresh = handlers.reset(chat_state) if chat_state else ChatState()
        return _show(fresh, handlers.render(None), chat, panels, curator)

    for trigger in (chat["send"].click, chat["question"].submit):
        trigger(on_ask, [chat["question"], state], outputs, api_visibility="private")
    chat["new"].click(on_new, [state], outputs, api_visibility="private")

    def on_as_new(chat_state: ChatState | None, progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
        chat_state = chat_state or ChatState()
        question = chat_state.last.question if chat_state.last else ""
        progress(0.05, desc="Answering as a new question…")
        view = handlers.ask(pipeline, chat_state, question, max_rows=max_rows, csv_dir=csv_dir, act="NEW")
        return _show(chat_state, view, chat, panels, curator)

    chat["as_new"].click(on_as_new, [state], outputs, api_visibility="private")

    def on_reading(index: int):
        def reread(chat_state: ChatState | None, progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
            chat_state = chat_state or ChatState()
            progress(0.05, desc="Answering again with the other reading…")
            view = readings.reread(pipeline, chat_state, index, max_rows=max_rows, csv_dir=csv_dir)
            return _show(chat_state, view, chat, panels, curator)

        return reread

    for index, button in enumerate(_reading_buttons(panels)):
        button.click(on_reading(index), [state], outputs, api_visibility="private")


def _show(chat_state: ChatState, view: AnswerView, chat, panels, curator) -> dict:
    """Component updates for one rendered answer."""
    first = view.link_choices[0][1] if view.link_choices else None
    columns, value = curation.correction_choices(chat_state, first)
    return {
        chat["state"]: chat_state,
        chat["chatbot"]: list(chat_state.messages),
        panels["sql"]: view.sql,
        panels["caption"]: _caption(view),
        panels["table"]: pd.DataFrame(view.rows, columns=view.columns) if view.columns else pd.DataFrame(),
        panels["chart"]: ui_results.chart_update(view),
        **ui_results.reading_updates(view, _reading_buttons(panels)),
        **ui_results.origins_updates(view, panels),
        panels["download"]: gr.DownloadButton(value=str(view.csv_path), visible=True)
        if view.csv_path
        else gr.DownloadButton(value=None, visible=False),
        curator["links"]: pd.DataFrame(view.links, columns=LINK_HEADERS),
        curator["pick"]: gr.Dropdown(choices=view.link_choices, value=first),
        curator["column"]: gr.Dropdown(
            choices=_ordered(columns, curator["all_columns"]), value=columns[0] if columns else None
        ),
        curator["value"]: value,
        curator["message"]: "",
        chat["question"]: "",
        chat["as_new"]: gr.Button(visible=bool(view.carried)),
    }


def _caption(view: AnswerView) -> str:
    if not view.caption:
        return "Ask a question to see the results here."
    return f"**Results**: {view.caption}"


def _ordered(first: list[str], rest: list[str]) -> list[str]:
    return first + [c for c in rest if c not in first]


def _wire_curation(pipeline, state, curator, signed, auth: CuratorAuth) -> None:
    catalogue = pipeline.catalogue
    _wire_sign_in(catalogue, signed, curator, auth)

    def on_pick(chat_state: ChatState, choice: str | None):
        columns, value = curation.correction_choices(chat_state, choice)
        return gr.Dropdown(
            choices=_ordered(columns, curator["all_columns"]), value=columns[0] if columns else None
        ), value

    curator["pick"].input(
        on_pick, [state, curator["pick"]], [curator["column"], curator["value"]], api_visibility="private"
    )
    # Each action gets the curator from the server-side `signed` state and refuses without one.
    audit = [curator["audit"], curator["audit_pick"]]
    curator["accept"].click(
        lambda who, s, c: (curation.accept_link(catalogue, who, s, c), *_audit(catalogue)),
        [signed, state, curator["pick"]],
        [curator["message"], *audit],
        api_visibility="private",
    )
    curator["reject"].click(
        lambda who, s, c: (curation.reject_link(catalogue, who, s, c), *_audit(catalogue)),
        [signed, state, curator["pick"]],
        [curator["message"], *audit],
        api_visibility="private",
    )
    curator["correct"].click(
        lambda who, s, c, col, val: (curation.correct_link(catalogue, who, s, c, col, val), *_audit(catalogue)),
        [signed, state, curator["pick"], curator["column"], curator["value"]],
        [curator["message"], *audit],
        api_visibility="private",
    )
    curator["undo"].click(
        lambda who, change: (curation.undo_change(catalogue, who, change), *_audit(catalogue)),
        [signed, curator["audit_pick"]],
        [curator["message"], *audit],
        api_visibility="private",
    )


def _audit(catalogue) -> tuple[pd.DataFrame, gr.Dropdown]:
    rows, choices = curation.audit_rows(catalogue)
    frame = pd.DataFrame(rows, columns=curation.AUDIT_HEADERS)
    return frame, gr.Dropdown(choices=choices, value=choices[0][1] if choices else None)


def _wire_sign_in(catalogue, signed, curator, auth: CuratorAuth) -> None:
    """Sign-in stores a Curator in the session's state and unlocks the buttons (a courtesy: the
    actions check the state themselves)."""
    buttons = [curator[k] for k in ("accept", "reject", "correct", "undo")]
    outputs = [signed, curator["status"], curator["secret"], curator["sign_in"], curator["sign_out"], *buttons,
               curator["audit"], curator["audit_pick"]]  # fmt: skip

    def shown(who, message: str) -> tuple:
        unlocked = [gr.Button(interactive=who is not None) for _ in buttons]
        switch = (gr.Button(visible=who is None), gr.Button(visible=who is not None))
        return (who, message, "", *switch, *unlocked, *_audit(catalogue))

    def on_sign_in(name: str, secret: str):
        who, message = auth.sign_in(name, secret)
        return shown(who, message)

    curator["sign_in"].click(on_sign_in, [curator["name"], curator["secret"]], outputs, api_visibility="private")
    curator["secret"].submit(on_sign_in, [curator["name"], curator["secret"]], outputs, api_visibility="private")
    curator["sign_out"].click(lambda: shown(None, auth.status()), None, outputs, api_visibility="private")


def _wire_feedback(pipeline, state, chat, feedback) -> None:
    catalogue = pipeline.catalogue
    form = [state, feedback["corrected"], feedback["comment"]]

    def rate(rating: int):
        return lambda s, sql, comment: curation.give_feedback(catalogue, s, rating, sql, comment)

    feedback["up"].click(rate(1), form, [feedback["message"]], api_visibility="private")
    feedback["down"].click(rate(-1), form, [feedback["message"]], api_visibility="private")

    def on_like(chat_state: ChatState, data: gr.LikeData):
        index = data.index if isinstance(data.index, int) else data.index[0]
        message = curation.give_feedback(catalogue, chat_state, curation.rating_of(data.liked), message_index=index)
        gr.Info(message)

    chat["chatbot"].like(on_like, [state], None, api_visibility="private")
