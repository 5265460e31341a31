"""chat_app package."""
