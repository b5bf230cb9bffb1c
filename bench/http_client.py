"""A small HTTP client for `make bench`: signs in through the sign-in form like a browser, times
requests one at a time, and loads the server from several connections at once."""

import http.client
import re
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Client:
    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.last_headers: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        try:
            headers = {"Host": "127.0.0.1", "Cookie": self._cookie_header(), **(headers or {})}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            self._keep_cookies(response)
            self.last_headers = dict(response.headers.items())
            return response.status, content
        finally:
            connection.close()

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request("GET", path)

    def sign_in(self, username: str, password: str) -> None:
        _, page = self.get("/accounts/login/")
        token = CSRF_INPUT.search(page.decode()).group(1)
        form = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        status, _ = self.request("POST", "/accounts/login/", form, headers)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"The benchmark user could not sign in (HTTP {status}).")

    def _cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def _keep_cookies(self, response) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]


def median_ms(client: Client, path: str, runs: int, warm_up: int = 2) -> float:
    """The median time of `runs` requests to `path`, after `warm_up` untimed ones."""
    times = []
    for number in range(warm_up + runs):
        started = time.perf_counter()
        status, _ = client.get(path)
        elapsed = time.perf_counter() - started
        if status != 200:
            raise RuntimeError(f"{path} answered HTTP {status}.")
        if number >= warm_up:
            times.append(elapsed * 1000)
    return statistics.median(times)


@dataclass
class Load:
    connections: int
    seconds: float
    completed: int
    errors: int

    @property
    def per_second(self) -> float:
        return self.completed / self.seconds


def load(client: Client, path: str, connections: int, seconds: float, sign_in) -> Load:
    """Requests `path` from `connections` threads, each signed in on its own and sending one
    request after another, for `seconds`; any answer but 200, and any failed connection, is an
    error."""
    clients = [Client(client.port) for _ in range(connections)]
    for own in clients:
        own.sign_in(*sign_in)
    counts = {"completed": 0, "errors": 0}
    lock = threading.Lock()

    def worker(own: Client, stop_at: float):
        while time.perf_counter() < stop_at:
            try:
                status, _ = own.get(path)
                outcome = "completed" if status == 200 else "errors"
            except OSError:
                outcome = "errors"
            with lock:
                counts[outcome] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(own, started + seconds)) for own in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Load(connections, time.perf_counter() - started, counts["completed"], counts["errors"])
