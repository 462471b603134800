"""The provider form: the config model, its JSON Schema, and writing it out."""
