"""The command line: the only layer of saikes that prints."""
from .main import main

__all__ = ["main"]
