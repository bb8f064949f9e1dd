"""Demarches: the Department's action requests, the posts they target and what each post reported."""
