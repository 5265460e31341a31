"""Generators: turn a chat prompt into SQL text (local model, OpenAI-compatible server, fakes)."""
