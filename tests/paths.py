"""Where tests find the project and the read-only material beside it."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
"""Material provided beside the project (samples, eval data); not the project's own shared/ layer."""
REFERENCE_SAMPLE = SHARED / "samples" / "hu-nato-japan-2024-07.txt"
