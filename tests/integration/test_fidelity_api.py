"""An idea the offline plan can't read is answered plainly by the API, and nothing is kept."""

from __future__ import annotations

import httpx
import pytest

from livebuild.brief.readable import EXAMPLE


@pytest.mark.parametrize(
    "idea", ["hi", "an app", "asdf", "Something cool with AI", "x" * 30, "qwrtzp"]
)
async def test_vague_idea_gets_a_helpful_422(client: httpx.AsyncClient, idea: str) -> None:
    response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "what it should keep track of" in detail and EXAMPLE in detail
    assert (await client.get("/api/projects")).json()["projects"] == []


@pytest.mark.parametrize(
    "idea",
    [
        "Une application pour gérer les loyers et les locataires de mes appartements.",
        "Una aplicación para reservar clases de yoga y pagar en línea",
        "Eine App, mit der Vereine ihre Mitglieder und Beiträge verwalten können.",
        "近所の人と工具を貸し借りできるアプリ",
        "تطبيق لحجز مواعيد الحلاقة",
    ],
)
async def test_idea_in_another_language_gets_a_plain_422(
    client: httpx.AsyncClient, idea: str
) -> None:
    response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "English" in detail and "model provider" in detail
