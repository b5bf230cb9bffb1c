"""Keeps the search documents current: every write of a searchable record rewrites its document.

Records saved one by one (every action, through the record kernel or not) reach the index by
their `post_save` and `post_delete` signals; the bulk import saves without them and reaches it by
the change log's `written_many`. Both are connected here, once. `reindex()` rebuilds it all
(`workplan reindex-search`), e.g. after data was generated in bulk for a benchmark.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from workplan.core import changelog
from workplan.search.kinds import BY_MODEL, KINDS
from workplan.search.models import SearchDocument

BATCH = 2000


def connect() -> None:
    for kind in KINDS:
        uid = f"search-{kind.key}"
        post_save.connect(_saved, sender=kind.model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=kind.model, dispatch_uid=uid)
    changelog.written_many.connect(_written_many, dispatch_uid="search-bulk")


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # loading a fixture: its records' relations may not be there yet
        index_record(instance)


def _deleted(sender, instance, **kwargs) -> None:
    kind = BY_MODEL[sender]
    SearchDocument.objects.filter(kind=kind.key, object_id=instance.pk).delete()


def _written_many(sender, objects, **kwargs) -> None:
    """The records a bulk write saved, as saved: their documents in one statement."""
    written = [obj for obj in objects if type(obj) in BY_MODEL and obj.pk is not None]
    _upsert([_document(BY_MODEL[type(obj)], obj) for obj in written])


def index_record(obj) -> None:
    """Writes the document of one record (its text read from the record as saved)."""
    _upsert([_document(BY_MODEL[type(obj)], obj)])


def _upsert(documents) -> None:
    """One statement: insert, or replace the text of the record's document."""
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["text"],
    )


def reindex() -> dict[str, int]:
    """Rebuilds every document from the records; returns how many of each kind."""
    counts = {}
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for kind in KINDS:
            rows = kind.model._default_manager.select_related(*kind.related).order_by("pk")
            counts[kind.key] = 0
            batch = []
            for document in _documents(kind, rows.iterator(chunk_size=BATCH)):
                batch.append(document)
                if len(batch) == BATCH:
                    counts[kind.key] += len(SearchDocument.objects.bulk_create(batch))
                    batch = []
            counts[kind.key] += len(SearchDocument.objects.bulk_create(batch))
    return counts


def _document(kind, row) -> SearchDocument:
    return SearchDocument(kind=kind.key, object_id=row.pk, text=kind.text(row))


def _documents(kind, rows):
    return (_document(kind, row) for row in rows)
