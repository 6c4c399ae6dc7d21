from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from livebuild.brief import FIELD_KINDS, CatalogueError, shipped_catalogue
from livebuild.brief.catalogue import load_catalogue, parse_catalogue

_SHIPPED = resources.files("livebuild.brief").joinpath("catalogue.toml")


def _shipped_data() -> dict[str, Any]:
    return tomllib.loads(_SHIPPED.read_text(encoding="utf-8"))


def _entity(data: dict[str, Any], domain: str, singular: str) -> dict[str, Any]:
    found = next(d for d in data["domains"] if d["key"] == domain)
    entity: dict[str, Any] = next(e for e in found["entities"] if e["singular"] == singular)
    return entity


def test_shipped_catalogue_passes_the_schema_check() -> None:
    shipped = shipped_catalogue()
    assert shipped is shipped_catalogue()  # loaded once
    assert len(shipped.domains) >= 20
    keys = [d.key for d in shipped.domains]
    assert len(set(keys)) == len(keys)
    for domain in shipped.domains:
        assert 1 <= len(domain.entities) <= 3
        slugs = [e.slug for e in domain.entities]
        assert len(set(slugs)) == len(slugs)
        for entity in domain.entities:
            assert entity.fields[0].kind == "text"
            for field in entity.fields:
                assert field.kind in FIELD_KINDS
                assert bool(field.choices) == (field.kind == "choice")
            for row in entity.rows:
                assert len(row) == len(entity.fields)
                for field, cell in zip(entity.fields, row, strict=True):
                    if field.kind == "choice":
                        assert cell in field.choices


def test_parsing_the_shipped_data_again_gives_an_equal_catalogue() -> None:
    assert parse_catalogue(_shipped_data()) == shipped_catalogue()


def test_a_broken_file_copy_is_refused_naming_the_entity(tmp_path: Path) -> None:
    text = _SHIPPED.read_text(encoding="utf-8")
    marker = '{ name = "age", label = "Age (years)", kind = "number" }'
    assert text.count(marker) == 1
    broken = tmp_path / "catalogue.toml"
    broken.write_text(text.replace(marker, marker.replace('"number"', '"integer"')), "utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(broken)
    message = str(caught.value)
    assert "domain 'pets'" in message and "entity 'Pet'" in message and "field 'age'" in message
    assert "unknown kind 'integer'" in message


def test_a_row_with_a_missing_cell_is_refused() -> None:
    data = _shipped_data()
    visit = _entity(data, "pets", "Visit")
    visit["rows"][2] = visit["rows"][2][:-1]
    with pytest.raises(CatalogueError, match=r"entity 'Visit', seed row 3: has 5 values for 6"):
        parse_catalogue(data)


def test_a_choice_value_outside_the_choices_is_refused() -> None:
    data = _shipped_data()
    pet = _entity(data, "pets", "Pet")
    pet["rows"][0][1] = "Dragon"
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(data)
    message = str(caught.value)
    assert "entity 'Pet', seed row 1" in message
    assert "'Dragon' is not one of Dog, Cat, Rabbit, Bird" in message


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (lambda e: e["fields"][1].pop("choices"), "field 'species': a choice field needs choices"),
        (lambda e: e["fields"][0].update(choices=["A"]), "only a choice field has choices"),
        (lambda e: e["fields"][2].update(name="name"), "duplicate field name 'name'"),
        (lambda e: e["fields"][4].update(labl="Age"), "unknown key labl"),
        (lambda e: e["rows"][0].__setitem__(4, "three"), "age 'three' is not a number"),
        (lambda e: e["rows"][0].__setitem__(0, ""), "name must not be empty"),
        (lambda e: e.update(rows=e["rows"][:4]), "at least 5 seed rows"),
        (lambda e: e["fields"].insert(0, e["fields"].pop(1)), "first field must be of kind"),
    ],
)
def test_other_schema_breaks_name_the_entity(
    break_it: Callable[[dict[str, Any]], object], expected: str
) -> None:
    data = _shipped_data()
    pet = _entity(data, "pets", "Pet")
    break_it(pet)
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(data)
    assert "domain 'pets', entity 'Pet'" in str(caught.value)
    assert expected in str(caught.value)


def test_duplicate_domain_keys_and_slugs_are_refused() -> None:
    data = _shipped_data()
    data["domains"].append(copy.deepcopy(data["domains"][0]))
    with pytest.raises(CatalogueError, match="duplicate domain key 'pets'"):
        parse_catalogue(data)

    data = _shipped_data()
    pets = data["domains"][0]
    pets["entities"][1]["plural"] = "Pets"
    with pytest.raises(CatalogueError, match="domain 'pets': duplicate entity slug 'pets'"):
        parse_catalogue(data)


def test_bad_toml_is_refused_with_the_file_name(tmp_path: Path) -> None:
    broken = tmp_path / "catalogue.toml"
    broken.write_text("[[domains]\nkey = ", "utf-8")
    with pytest.raises(CatalogueError, match=r"catalogue\.toml: not valid TOML"):
        load_catalogue(broken)
