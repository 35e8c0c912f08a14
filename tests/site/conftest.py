"""Module-scoped builds of the fixture office, shared by the site tests."""

from __future__ import annotations

import pytest
from site_fixture import Built, build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def built_drafts(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("drafts"), drafts=True)
