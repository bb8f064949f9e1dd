"""Models of the cables app: the archive and the ingestion jobs that fill it."""

from cables.models.archive import Cable, CableRecipient, CableReference, Paragraph, RecipientKind, Tag
from cables.models.jobs import ChunkState, IngestionChunk, IngestionJob, JobOrigin, JobState

__all__ = [
    "Cable",
    "CableRecipient",
    "CableReference",
    "ChunkState",
    "IngestionChunk",
    "IngestionJob",
    "JobOrigin",
    "JobState",
    "Paragraph",
    "RecipientKind",
    "Tag",
]
