"""Curation through the served app's own event endpoints, as a hostile client would call them.

The buttons' events are private (gradio_client will not call them), but any client can post to
Gradio's queue with their `fn_index`, exactly as the page does. So these tests skip the page: they
find each event in `/config` by its button's elem_id and call it over HTTP, with whatever inputs
they like. Without a sign-in in the session, no call changes `value_alias`; after one, the change
is audited and undone through the same endpoints. The `/ask` API (gradio_client) cannot curate.
"""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from gradio_client import Client
from test_chat_app_handlers import ScriptedPipeline

from bench.cold_start import free_port
from catalogue.alias_audit import recent_changes
from catalogue.aliases import add_alias
from catalogue.curators import add_curator, remove_curator
from chat_app.curators import CuratorAuth
from chat_app.ui import build_ui, launch

pytestmark = pytest.mark.xdist_group("chat_app")

QUESTION = "Give me all the Aspergillus strains with Marine sediment"
PASSWORD = "correct horse battery"
TOKEN = "endpoint-test-token-0123456789"
REFUSED = "Not saved: only a signed-in curator can change aliases"


class Events:
    """Calls the served app's events by their trigger's elem_id, in one browser-less session."""

    def __init__(self, url: str):
        self.url = url.rstrip("/")
        self.http = httpx.Client(timeout=60)
        self.config = self.http.get(f"{self.url}/config").json()
        self.session = uuid.uuid4().hex[:12]

    def _component(self, elem_id: str) -> int:
        return next(c["id"] for c in self.config["components"] if c.get("props", {}).get("elem_id") == elem_id)

    def dependency(self, elem_id: str, event: str = "click") -> dict:
        target = self._component(elem_id)
        return next(d for d in self.config["dependencies"] if [target, event] in d["targets"])

    def call(self, elem_id: str, data: list, event: str = "click") -> list:
        """Run the event with `data` (one item per input; the page sends None for a gr.State) and
        return its final outputs."""
        dependency = self.dependency(elem_id, event)
        assert len(data) == len(dependency["inputs"]), (elem_id, len(dependency["inputs"]))
        body = {"data": data, "fn_index": dependency["id"], "session_hash": self.session, "event_data": None,
                "trigger_id": self._component(elem_id)}  # fmt: skip
        self.http.post(f"{self.url}/gradio_api/queue/join", json=body).raise_for_status()
        with self.http.stream("GET", f"{self.url}/gradio_api/queue/data", params={"session_hash": self.session}) as r:
            for line in r.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    assert message.get("success", True), message
                    return message["output"]["data"]
        raise AssertionError(f"{elem_id}: the event never completed")

    def message(self, elem_id: str, data: list) -> str:
        """The curation message an action returns (its first output)."""
        return self.call(elem_id, data)[0]


@pytest.fixture(scope="module")
def app(catalogue, tmp_path_factory):
    pipeline = ScriptedPipeline(catalogue)
    auth = CuratorAuth(catalogue, token=TOKEN)
    demo = build_ui(pipeline, csv_dir=tmp_path_factory.mktemp("csv"), curators=auth)
    url = launch(demo, "127.0.0.1", free_port(), block=False)
    add_curator(catalogue, "alice", PASSWORD)
    yield url
    remove_curator(catalogue, "alice")
    demo.close()


@pytest.fixture
def aliases(catalogue):
    alias_top = catalogue.owner_execute("SELECT coalesce(max(id), 0) FROM value_alias")[0][0]
    audit_top = catalogue.owner_execute("SELECT coalesce(max(id), 0) FROM alias_audit")[0][0]

    def added():
        return catalogue.owner_execute(
            "SELECT alias, column_name, value, action FROM value_alias WHERE id > %s ORDER BY id", (alias_top,)
        )

    yield added
    catalogue.owner_execute("DELETE FROM value_alias WHERE id > %s", (alias_top,))
    catalogue.owner_execute("DELETE FROM alias_audit WHERE id > %s", (audit_top,))


def asked(url: str) -> Events:
    """A session that asked QUESTION (so its state has links to curate)."""
    events = Events(url)
    events.call("ask", [QUESTION, None])
    return events


def test_an_anonymous_session_cannot_curate_through_the_endpoints(app, aliases):
    events = asked(app)
    assert events.message("link-accept", [None, None, "1"]).startswith(REFUSED)
    assert events.message("link-reject", [None, None, "0"]).startswith(REFUSED)
    correction = [None, None, "1", "isolationhabitat", "Marine sediment"]
    assert events.message("link-correct", correction).startswith(REFUSED)
    # A client that sends a curator of its own in place of the session's state gets nowhere either:
    # Gradio fills state inputs from the server-side session, never from the request.
    forged = {"name": "alice", "via": "password"}
    assert events.message("link-accept", [forged, forged, "1"]).startswith(REFUSED)
    assert aliases() == []


def test_an_anonymous_session_cannot_undo_a_change(app, catalogue, aliases):
    add_alias(catalogue, "Zeta lab", "locality", "Orto Botanico")  # a change made by the owner
    change = recent_changes(catalogue, 1)[0].change_id
    events = asked(app)
    events.call("curator-sign-in", ["alice", "wrong password"])  # also lists the recent changes
    assert events.message("audit-undo", [None, change]).startswith(REFUSED)
    assert aliases() == [("Zeta lab", "locality", "Orto Botanico", "link")]


def test_a_wrong_password_or_token_signs_nobody_in(app, aliases):
    events = asked(app)
    for secret in ("wrong password", TOKEN[:-1], ""):
        status = events.call("curator-sign-in", ["alice", secret])[1]
        assert "Signed in" not in status
        assert events.message("link-accept", [None, None, "1"]).startswith(REFUSED)
    assert aliases() == []


def test_the_ask_api_cannot_curate(app, aliases):
    client = Client(app, verbose=False)
    assert client.predict(QUESTION, api_name="/ask")["error"] is None
    assert all(
        not name.startswith(("/link", "/curator", "/audit", "/lambda"))
        for name in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    )
    assert aliases() == []


@pytest.mark.parametrize(("name", "secret", "who"), [("alice", PASSWORD, "alice"), ("dana", TOKEN, "dana (token)")])
def test_a_signed_in_curator_changes_aliases_audited_and_undoable(app, catalogue, aliases, name, secret, who):
    events = asked(app)
    assert "Signed in as curator" in events.call("curator-sign-in", [name, secret])[1]
    assert events.message("link-accept", [None, None, "1"]).startswith("Accepted: 'Marine sediment'")
    assert aliases() == [("Marine sediment", "substrate", "Marine sediment", "link")]
    audit = catalogue.owner_execute(
        "SELECT curator, action, before, after->>'column_name', change_id FROM alias_audit ORDER BY id DESC LIMIT 1"
    )[0]
    assert audit[:4] == (who, "add", None, "substrate")

    assert events.message("audit-undo", [None, audit[4]]).startswith("Undone")
    assert aliases() == []
    events.call("curator-sign-out", [])
    assert events.message("link-accept", [None, None, "1"]).startswith(REFUSED)
    assert aliases() == []
