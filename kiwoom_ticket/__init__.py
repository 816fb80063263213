"""kiwoom-ticket: a desktop order ticket for Kiwoom Securities\x27 REST API."""
__version__ = "0.1.0"
