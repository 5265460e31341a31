"""sqlproc package."""
