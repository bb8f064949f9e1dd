"""Models of the cables app: the archive, the ingestion jobs that fill it, and the facts drawn from it."""

from cables.models.archive import Cable, CableRecipient, CableReference, Paragraph, RecipientKind, Tag
from cables.models.facts import AutoAcceptRule, Fact
from cables.models.jobs import ChunkState, IngestionChunk, IngestionJob, JobOrigin, JobState

__all__ = [
    "AutoAcceptRule",
    "Cable",
    "CableRecipient",
    "CableReference",
    "Fact",
    "ChunkState",
    "IngestionChunk",
    "IngestionJob",
    "JobOrigin",
    "JobState",
    "Paragraph",
    "RecipientKind",
    "Tag",
]
