"""Checking configs in CI: the runner, fixes, settings, positions in JSON text, and the reporters."""
