"""workplan: a deadline tracker for an office's annual work plan, kept as YAML files in git."""

__version__ = "0.1.0"
