"""Curator accounts from the command line: `strainchat curator add|list|remove`.

strainchat curator add alice                 # asks for the password twice
printf '%s\n' "$PASSWORD" | strainchat curator add alice --password-stdin
strainchat curator list
strainchat curator remove alice
"""

from __future__ import annotations

import argparse
import getpass
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    curator = subparsers.add_parser("curator", help="curator accounts (who may change value aliases in the chat)")
    actions = curator.add_subparsers(dest="curator_command", required=True)
    add = actions.add_parser("add", help="create a curator or replace its password")
    add.add_argument("name", help="1 to 64 letters, digits or . _ @ -")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first input line")
    add_common_flags(add)
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="list the curators (names and dates, never hashes)")
    add_common_flags(listing)
    listing.set_defaults(handler=run_list)
    remove = actions.add_parser("remove", help="delete a curator (the audit keeps its changes)")
    remove.add_argument("name")
    add_common_flags(remove)
    remove.set_defaults(handler=run_remove)


def _catalogue(args: argparse.Namespace):
    from strainchat.cli import settings_for
    from text2sql.factory import build_catalogue

    return build_catalogue(settings_for(args))


def _password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("password again: ") != first:
        print("strainchat: the two passwords differ", file=sys.stderr)
        return None
    return first


def run_add(args: argparse.Namespace) -> int:
    from catalogue.curators import CuratorError, add_curator

    password = _password(args)
    if password is None:
        return 1
    catalogue = _catalogue(args)
    try:
        created = add_curator(catalogue, args.name, password)
    except CuratorError as exc:
        print(f"strainchat: {exc}", file=sys.stderr)
        return 1
    finally:
        catalogue.close()
    print(f"curator {args.name}: {'created' if created else 'password replaced'}", file=sys.stderr)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from catalogue.curators import list_curators

    catalogue = _catalogue(args)
    try:
        for curator in list_curators(catalogue):
            print(f"{curator['name']}\tcreated {curator['created_at']}\tpassword set {curator['updated_at']}")
    finally:
        catalogue.close()
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from catalogue.curators import remove_curator

    catalogue = _catalogue(args)
    try:
        removed = remove_curator(catalogue, args.name)
    finally:
        catalogue.close()
    print(f"curator {args.name}: {'removed' if removed else 'no such curator'}", file=sys.stderr)
    return 0 if removed else 1
