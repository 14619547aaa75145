"""The fuzzing suite prints its counts per family at the end of the run."""
from harness import BAD, COUNTS, summary


def pytest_terminal_summary(terminalreporter):
    if not COUNTS:
        return
    terminalreporter.section("fuzzing: inputs per family and outcome")
    for line in summary():
        terminalreporter.write_line(line)
    for family, cases in sorted(BAD.items()):
        for case in cases[:5]:
            terminalreporter.write_line(f"BAD {family}: {case}")
