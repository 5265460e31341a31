"""The KV sequences of a llama.cpp context, stepped by continuous batching
(text2sql/generators/continuous.py): one llama_decode per step over the tokens of every running
question, greedy next tokens back.

    slots = LlamaSlots(llm, max_seqs=17, seq_cells=768, threads=2)
    slots.step([(1, 0, token, True)])   # (sequence, position, token, wants logits) -> next tokens
"""

from __future__ import annotations

BATCH = 512  # most tokens one llama_decode call takes (a step's decode tokens plus prompt chunks)


class LlamaSlots:
    """A second llama.cpp context on an already loaded llama_cpp.Llama's model. Not thread-safe:
    the batcher's worker thread is its one caller."""

    def __init__(self, llm, *, max_seqs: int, seq_cells: int, threads: int):
        import llama_cpp
        from llama_cpp import _internals

        params = llama_cpp.llama_context_default_params()
        params.n_ctx = max_seqs * seq_cells
        params.n_batch = BATCH
        params.n_ubatch = BATCH
        params.n_seq_max = max_seqs
        params.n_threads = threads
        params.n_threads_batch = threads
        # One KV stream per sequence: a token attends to its own cells only. In one unified stream
        # it attends over every sequence's cells (masked): with 16 running a step took 1.35x longer.
        params.kv_unified = False
        self.ctx = _internals.LlamaContext(model=llm._model, params=params, verbose=False)
        self.batch = _internals.LlamaBatch(n_tokens=BATCH, embd=0, n_seq_max=1, verbose=False)
        self.n_vocab = llm.n_vocab()
        self.seq_cells = seq_cells
        self.n_batch = BATCH

    def step(self, cells: list[tuple[int, int, int, bool]]) -> list[int]:
        import numpy as np

        batch = self.batch.batch
        batch.n_tokens = len(cells)
        rows = []
        for row, (seq, pos, token, logits) in enumerate(cells):
            batch.token[row] = token
            batch.pos[row] = pos
            batch.seq_id[row][0] = seq
            batch.n_seq_id[row] = 1
            batch.logits[row] = logits
            if logits:
                rows.append(row)
        self.ctx.decode(self.batch)
        shape = (self.n_vocab,)
        return [int(np.ctypeslib.as_array(self.ctx.get_logits_ith(row), shape=shape).argmax()) for row in rows]

    def share(self, src: int, dst: int, n: int) -> None:
        # Between streams llama.cpp copies only whole sequences (a partial range aborts the process).
        self.ctx.kv_cache_seq_cp(src, dst, -1, -1)
        self.ctx.kv_cache_seq_rm(dst, n, -1)

    def truncate(self, seq: int, n: int) -> None:
        self.ctx.kv_cache_seq_rm(seq, n, -1)

    def move(self, src: int, dst: int) -> None:
        self.ctx.kv_cache_seq_cp(src, dst, -1, -1)  # the buffer copy runs before the next decode
        self.ctx.kv_cache_seq_rm(src, -1, -1)

    def close(self) -> None:
        self.batch.close()
        self.ctx.close()
