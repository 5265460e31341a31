"""text2sql package."""
