"""Ingestion: plan files → cleaned text → clause tree → extraction → graph."""
