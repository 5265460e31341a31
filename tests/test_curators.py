"""Curators: hashed passwords, token sign-in, refusals without a curator, the audit of every alias
change and undo (real PostgreSQL; the served app's endpoints are in test_curator_endpoints.py)."""

from __future__ import annotations

import io

import pytest
from test_chat_app_handlers import ScriptedPipeline

from catalogue.alias_audit import recent_changes
from catalogue.aliases import add_alias, delete_alias
from catalogue.curators import CuratorError, add_curator, list_curators, remove_curator, verify_curator
from chat_app import curation, handlers
from chat_app.curators import MAX_FAILURES, Curator, CuratorAuth
from chat_app.handlers import ChatState
from strainchat.cli import main

QUESTION = "Give me all the Aspergillus strains with Marine sediment"
PASSWORD = "correct horse battery"
TOKEN = "a-curator-token-of-32-characters"


@pytest.fixture
def answered(catalogue):
    state = ChatState()
    handlers.ask(ScriptedPipeline(catalogue), state, QUESTION)
    return state


@pytest.fixture
def aliases(catalogue):
    """The alias and audit rows a test adds, removed afterwards."""
    alias_top = catalogue.owner_execute("SELECT coalesce(max(id), 0) FROM value_alias")[0][0]
    audit_top = catalogue.owner_execute("SELECT coalesce(max(id), 0) FROM alias_audit")[0][0]

    def added():
        return catalogue.owner_execute(
            "SELECT alias, column_name, value, action FROM value_alias WHERE id > %s ORDER BY id", (alias_top,)
        )

    yield added
    catalogue.owner_execute("DELETE FROM value_alias WHERE id > %s", (alias_top,))
    catalogue.owner_execute("DELETE FROM alias_audit WHERE id > %s", (audit_top,))


@pytest.fixture
def alice(catalogue):
    add_curator(catalogue, "alice", PASSWORD)
    yield "alice"
    remove_curator(catalogue, "alice")


def test_passwords_are_stored_as_salted_scrypt_hashes(catalogue, alice):
    assert add_curator(catalogue, "bob", PASSWORD) is True
    try:
        rows = catalogue.owner_execute(
            "SELECT name, salt, password_hash, kdf FROM curator WHERE name IN ('alice', 'bob')"
        )
        assert {r[3] for r in rows} == {"scrypt-n14-r8-p1"}
        assert rows[0][1] != rows[1][1] and rows[0][2] != rows[1][2]  # same password, different salt and hash
        assert all(PASSWORD.encode() not in bytes(r[2]) for r in rows)
        assert verify_curator(catalogue, "alice", PASSWORD)
        assert not verify_curator(catalogue, "alice", PASSWORD + "!")
        assert not verify_curator(catalogue, "nobody", PASSWORD)
        assert add_curator(catalogue, "bob", "another long password") is False  # replaced
        assert not verify_curator(catalogue, "bob", PASSWORD)
        assert [c["name"] for c in list_curators(catalogue)] == ["alice", "bob"]
    finally:
        remove_curator(catalogue, "bob")


@pytest.mark.parametrize(
    ("name", "password"), [("", PASSWORD), ("a b", PASSWORD), ("x" * 65, PASSWORD), ("ok", "short")]
)
def test_bad_names_and_short_passwords_are_refused(catalogue, name, password):
    with pytest.raises(CuratorError):
        add_curator(catalogue, name, password)


def test_curator_add_command_reads_the_password_from_stdin(catalogue, db_settings, monkeypatch, capsys):
    monkeypatch.setenv("STRAINCHAT_HOME", str(db_settings.home))
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    try:
        assert main(["curator", "add", "carol", "--password-stdin"]) == 0
        assert "curator carol: created" in capsys.readouterr().err
        assert verify_curator(catalogue, "carol", PASSWORD)
        assert main(["curator", "list"]) == 0 and "carol" in capsys.readouterr().out
    finally:
        assert main(["curator", "remove", "carol"]) == 0


def test_sign_in_with_a_password_or_the_token(catalogue, alice):
    auth = CuratorAuth(catalogue, token=TOKEN)
    assert auth.sign_in("alice", PASSWORD)[0] == Curator("alice", "password")
    assert auth.sign_in("dana", TOKEN)[0] == Curator("dana", "token")
    assert auth.sign_in("dana", TOKEN)[0].who == "dana (token)"
    for name, secret in [("alice", "wrong password"), ("nobody", PASSWORD), ("alice", ""), ("", PASSWORD)]:
        curator, message = auth.sign_in(name, secret)
        assert curator is None and message


def test_a_short_token_never_signs_in(catalogue):
    assert CuratorAuth(catalogue, token="short").sign_in("eve", "short")[0] is None


def test_a_space_is_read_only_until_a_token_is_set(catalogue, alice):
    closed = CuratorAuth(catalogue, on_space=True)
    assert not closed.enabled and "STRAINCHAT_CURATOR_TOKEN" in closed.status()
    assert closed.sign_in("alice", PASSWORD)[0] is None
    opened = CuratorAuth(catalogue, token=TOKEN, on_space=True)
    assert opened.sign_in("alice", TOKEN)[0] == Curator("alice", "token")
    assert opened.sign_in("alice", PASSWORD)[0] is None  # no accounts on a Space: only the secret


def test_repeated_failures_lock_a_name_out(catalogue, alice):
    now = [1000.0]
    auth = CuratorAuth(catalogue, clock=lambda: now[0])
    for _ in range(MAX_FAILURES):
        assert auth.sign_in("alice", "wrong password")[0] is None
    assert "Too many failed" in auth.sign_in("alice", PASSWORD)[1]
    now[0] += 301
    assert auth.sign_in("alice", PASSWORD)[0] is not None


@pytest.mark.parametrize("who", [None, "alice", {"name": "alice", "via": "password"}, True])
def test_without_a_signed_in_curator_nothing_changes_value_alias(catalogue, answered, aliases, who):
    assert curation.accept_link(catalogue, who, answered, "1") == curation.SIGN_IN_FIRST
    assert curation.reject_link(catalogue, who, answered, "0") == curation.SIGN_IN_FIRST
    assert curation.correct_link(catalogue, who, answered, "1", "isolationhabitat", "Marine sediment").startswith(
        "Not saved: only a signed-in curator"
    )
    assert curation.undo_change(catalogue, who, "anything") == curation.SIGN_IN_FIRST
    assert aliases() == []


def test_feedback_stays_open_to_everyone_and_leaves_aliases_alone(catalogue, answered, aliases):
    message = curation.give_feedback(catalogue, answered, -1, "SELECT * FROM detailedstrain", "wrong column")
    assert message.startswith("Thanks: feedback saved")
    assert aliases() == []


def test_a_curator_change_is_audited_and_undone_and_redone(catalogue, answered, aliases):
    curator = Curator("alice", "password")
    curation.correct_link(catalogue, curator, answered, "1", "isolationhabitat", "Marine sediment")
    pair = [
        ("Marine sediment", "substrate", "Marine sediment", "reject"),
        ("Marine sediment", "isolationhabitat", "Marine sediment", "link"),
    ]
    assert aliases() == pair
    change = recent_changes(catalogue, 1)[0]
    assert change.curator == "alice" and [r["action"] for r in change.rows] == ["add", "add"]
    assert [r["before"] for r in change.rows] == [None, None]
    assert change.rows[1]["after"]["column_name"] == "isolationhabitat" and change.at

    message = curation.undo_change(catalogue, Curator("bob", "token"), change.change_id)
    assert message.startswith("Undone") and aliases() == []
    undo = recent_changes(catalogue, 1)[0]
    assert undo.curator == "bob (token)" and undo.undoes == change.change_id
    assert [r["action"] for r in undo.rows] == ["delete", "delete"]
    assert undo.rows[0]["after"] is None and undo.rows[0]["before"]["action"] == "link"
    assert "undone already" in curation.undo_change(catalogue, curator, change.change_id)

    assert curation.undo_change(catalogue, curator, undo.change_id).startswith("Undone")  # redo
    assert sorted(aliases()) == sorted(pair)
    rows, choices = curation.audit_rows(catalogue)
    assert rows[0][1] == "alice" and rows[1][3] == "undone" and choices[1][1] == undo.change_id


def test_direct_alias_writes_are_audited_as_the_owner(catalogue, aliases):
    alias_id = add_alias(catalogue, "Zeta lab", "locality", "Orto Botanico")
    delete_alias(catalogue, alias_id)
    added, deleted = recent_changes(catalogue, 2)[::-1]
    assert (added.curator, added.rows[0]["action"], added.rows[0]["alias_id"]) == ("owner", "add", alias_id)
    assert (deleted.rows[0]["action"], deleted.rows[0]["before"]["alias"]) == ("delete", "Zeta lab")


def test_undoing_an_unknown_change_says_so(catalogue, aliases):
    assert "no alias change" in curation.undo_change(catalogue, Curator("alice", "password"), "nope")
    assert "Pick a change" in curation.undo_change(catalogue, Curator("alice", "password"), None)


@pytest.mark.parametrize(
    ("env", "enabled", "token"),
    [
        ({"SPACE_ID": "user/strainchat"}, False, ""),
        ({"SPACE_ID": "user/strainchat", "STRAINCHAT_CURATOR_TOKEN": TOKEN}, True, TOKEN),
        ({}, True, ""),
    ],
)
def test_the_served_app_is_read_only_on_a_space_without_the_secret(catalogue, monkeypatch, env, enabled, token):
    from chat_app import commands
    from strainchat.settings import settings_from_env

    built = {}
    monkeypatch.setattr("text2sql.factory.build_pipeline", lambda settings: ScriptedPipeline(catalogue))
    monkeypatch.setattr("chat_app.ui.build_ui", lambda pipeline, **kwargs: built.update(kwargs))
    commands.build_app(settings_from_env(env))
    auth = built["curators"]
    assert (auth.enabled, auth.token, auth.on_space) == (enabled, token, "SPACE_ID" in env)
