"""saikes: align Kazakh legal acts with their Russian counterparts."""

__version__ = "0.1.0"
