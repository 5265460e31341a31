"""SQL post-processing and guard: model output -> one safe, repaired read query over the catalogue.

Entry points: `sqlproc.pipeline.postprocess` / `check_sql` (the rules and their order are listed
there), `sqlproc.facts.facts_from_catalogue`, and the `strainchat check-sql` command
(sqlproc/commands.py). Every rule is a pure function on a sqlglot tree, postgres dialect.
"""
