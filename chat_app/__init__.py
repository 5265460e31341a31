"""The chat app: Gradio UI (`ui`), its actions as plain functions (`handlers`, `curation`), the `/ask`
JSON endpoint (`api`), feedback export (`feedback`) and the `serve` / `export-feedback` commands."""
