from django.db import models


class SearchDocument(models.Model):
    """One record's searchable words: its kind, its id and the text a search matches.

    Kept current by the write path (`search/index.py`); on SQLite an FTS5 table mirrors `text`,
    on PostgreSQL a GIN index holds its words and another its trigrams (migration 0002)."""

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
