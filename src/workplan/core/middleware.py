"""Gives each request an id, so every change it makes is grouped as one event in the log."""

import uuid

from workplan.core import changelog


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = uuid.uuid4()
        with changelog.request_scope(request.id):
            return self.get_response(request)
