"""An id filter given a number no database can hold answers 400 naming the filter, not 500."""

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/api/action-items/?meeting=22044486462985927131136",
        "/api/indicators/?activity=99999999999999999999999",
        "/api/updates/?activity=-5",
    ],
)
def test_it_refuses_an_id_out_of_range(client, asec, url):
    client.force_login(asec)
    response = client.get(url)
    assert response.status_code == 400
    assert set(response.json()) & {"meeting", "activity"}
