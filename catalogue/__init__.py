"""The catalogue database: embedded or external PostgreSQL, the TUCC loader, roles, pools and the query log."""
