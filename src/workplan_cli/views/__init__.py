"""Views: the same entries rendered for a terminal, as JSON, as e-mail, as a calendar."""
