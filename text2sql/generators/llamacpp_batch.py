"""Greedy decoding of several prompts at once in one llama.cpp context, one KV sequence per prompt.

Used by the llama.cpp generator's `generate_batch` (text2sql/generators/llamacpp.py), which the
BatchingGenerator calls when several users ask at once: one decoding step then reads the weights
once for every prompt instead of once per prompt. The prompts are prefilled together in chunks of
`BATCH` tokens, then each step decodes one token for every sequence still running; the caller says
when a sequence is finished. The KV cache is unified (sequences share its cells), so groups of
prompts are sized to fit it.
"""

from __future__ import annotations

from collections.abc import Callable

UNIFIED = True
BATCH = 512  # tokens per llama_decode call while prefilling; also the largest group of running sequences

Finished = Callable[[int, list[int]], bool]  # (prompt index, its new tokens so far) -> stop it now?


class BatchDecoder:
    """A second context on an already loaded llama_cpp.Llama's model, for batches (not thread-safe)."""

    def __init__(self, llm, *, max_seqs: int, n_ctx: int, threads: int):
        import llama_cpp
        from llama_cpp import _internals

        params = llama_cpp.llama_context_default_params()
        params.n_ctx = n_ctx
        params.n_batch = BATCH
        params.n_ubatch = BATCH
        params.n_seq_max = max_seqs
        params.n_threads = threads
        params.n_threads_batch = threads
        params.kv_unified = UNIFIED
        self.ctx = _internals.LlamaContext(model=llm._model, params=params, verbose=False)
        self.batch = _internals.LlamaBatch(n_tokens=BATCH, embd=0, n_seq_max=1, verbose=False)
        self.n_vocab = llm.n_vocab()
        self.n_ctx = n_ctx
        self.max_seqs = max_seqs

    def close(self) -> None:
        self.batch.close()
        self.ctx.close()

    def run(self, prompts: list[list[int]], budget: int, finished: Finished) -> list[list[int]]:
        """The greedy continuations of `prompts`; each at most `budget` tokens or until `finished`."""
        out: list[list[int]] = [[] for _ in prompts]
        for group in groups([len(p) for p in prompts], budget, self.n_ctx, self.max_seqs):
            answers = self._run_group([prompts[i] for i in group], budget, finished, group)
            for index, tokens in zip(group, answers, strict=True):
                out[index] = tokens
        return out

    def _run_group(self, prompts: list[list[int]], budget: int, finished: Finished, ids: list[int]) -> list[list[int]]:
        self.ctx.kv_cache_clear()
        shared = self._share_prefix(prompts)
        new = [[token] for token in self._prefill(prompts, shared)]
        running = [i for i in range(len(prompts)) if not finished(ids[i], new[i])]
        while running:
            running = [i for i in running if len(new[i]) < budget]
            if not running:
                break
            self._fill([(i, len(prompts[i]) + len(new[i]) - 1, new[i][-1], True) for i in running])
            self.ctx.decode(self.batch)
            for row, i in enumerate(running):
                new[i].append(self._argmax(row))
            running = [i for i in running if not finished(ids[i], new[i])]
        return new

    def _share_prefix(self, prompts: list[list[int]]) -> int:
        """Prefill the tokens every prompt starts with (system prompt, common schema columns) once, in
        sequence 0, and give them to every sequence: prefill is most of a batch's time on a CPU."""
        shared = common_prefix(prompts)
        if shared == 0 or len(prompts) == 1:
            return 0
        for start in range(0, shared, BATCH):
            self._fill([(0, pos, prompts[0][pos], False) for pos in range(start, min(shared, start + BATCH))])
            self.ctx.decode(self.batch)
        for seq in range(1, len(prompts)):
            self.ctx.kv_cache_seq_cp(0, seq, 0, shared)
        return shared

    def _prefill(self, prompts: list[list[int]], skip: int = 0) -> list[int]:
        """Every prompt into its own sequence, but for its first `skip` tokens (already there);
        returns each prompt's first greedy token."""
        cells = [(i, pos, p[pos], pos == len(p) - 1) for i, p in enumerate(prompts) for pos in range(skip, len(p))]
        first = [0] * len(prompts)
        for start in range(0, len(cells), BATCH):
            chunk = cells[start : start + BATCH]
            self._fill(chunk)
            self.ctx.decode(self.batch)
            for row, (i, _, _, last) in enumerate(chunk):
                if last:
                    first[i] = self._argmax(row)
        return first

    def _fill(self, cells: list[tuple[int, int, int, bool]]) -> None:
        """(sequence, position, token, wants logits) per row of the batch."""
        batch = self.batch.batch
        batch.n_tokens = len(cells)
        for row, (seq, pos, token, logits) in enumerate(cells):
            batch.token[row] = token
            batch.pos[row] = pos
            batch.seq_id[row][0] = seq
            batch.n_seq_id[row] = 1
            batch.logits[row] = logits

    def _argmax(self, row: int) -> int:
        import numpy as np

        return int(np.ctypeslib.as_array(self.ctx.get_logits_ith(row), shape=(self.n_vocab,)).argmax())


def common_prefix(prompts: list[list[int]]) -> int:
    """Tokens all prompts share at the start, leaving each at least its last token to prefill (its
    logits give the first answer token)."""
    shortest = min(len(p) for p in prompts)
    for pos in range(shortest - 1):
        token = prompts[0][pos]
        if any(p[pos] != token for p in prompts):
            return pos
    return max(0, shortest - 1)


def groups(lengths: list[int], budget: int, n_ctx: int, max_seqs: int) -> list[list[int]]:
    """Prompt indexes, in order, in groups whose prompts and answers fit `n_ctx` cells and `max_seqs`."""
    out: list[list[int]] = [[]]
    used = 0
    for index, length in enumerate(lengths):
        need = length + budget
        if out[-1] and (used + need > n_ctx or len(out[-1]) >= max_seqs):
            out.append([])
            used = 0
        out[-1].append(index)
        used += need
    return out
