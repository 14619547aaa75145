"""The aligner: clues per segment, bead scores, the dynamic programme, calibration."""
