"""The order domain: tables, tick rules and validation. No Qt, no I/O."""
