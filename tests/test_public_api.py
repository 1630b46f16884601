"""The library's public surface is deliberate: adding to it is a decision, so a test notices."""

import casewarden


def test_public_names_are_exactly_these() -> None:
    assert sorted(casewarden.__all__) == [
        "CasewardenError",
        "Settings",
        "__version__",
        "load_settings",
    ]


def test_every_public_name_exists() -> None:
    for name in casewarden.__all__:
        assert hasattr(casewarden, name), name
