"""The conversation stage: each turn's query kept as a structured state, each new turn classified into
an act (NEW, REFINE, REPLACE, REMOVE, PROJECT) and merged with the previous turn by the code.

    from conversation import classify, from_sql, merge
"""

from conversation.acts import ACTS, Act, classify
from conversation.merge import carried, effective_act, merge, standalone_sql
from conversation.state import Condition, Projection, QueryState, from_sql

__all__ = [
    "ACTS",
    "Act",
    "Condition",
    "Projection",
    "QueryState",
    "carried",
    "classify",
    "effective_act",
    "from_sql",
    "merge",
    "standalone_sql",
]
