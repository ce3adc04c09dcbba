"""The theme's environment lists no hidden file (macros/mkdocs_adapter/theme.py), and MkDocs
copies the same theme files with it as with jinja2's own loader; templates under a hidden
folder are still found by name (Material includes its icons from .icons/)."""
from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from macros.mkdocs_adapter import theme

from .conftest import ROOT


def _theme_files(config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return [(f.src_uri, f.abs_src_path) for f in files]


def test_the_theme_files_copied_are_those_jinja2s_loader_lists():
    config = load_config(str(ROOT / "mkdocs.yml"))
    before = _theme_files(config)
    assert [uri for uri, _ in before if uri.startswith("assets/javascripts/bundle.")]
    theme.without_hidden_files(config.theme)
    env = config.theme.get_env()
    assert isinstance(env.loader, theme.Loader)
    assert _theme_files(config) == before
    listed = env.loader.list_templates()
    assert not [name for name in listed if "/." in "/" + name]
    assert "partials/header.html" in listed  # overrides/ and Material's both have one
    assert env.get_template(".icons/material/library.svg").render().startswith("<svg")


def test_a_hidden_file_of_an_overrides_folder_is_not_listed(tmp_path):
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "a.css").write_text("a")
    (tmp_path / "shown").mkdir()
    (tmp_path / "shown" / ".b.css").write_text("b")
    (tmp_path / "shown" / "c.css").write_text("c")
    (tmp_path / "d.css").write_text("d")
    assert theme.Loader([str(tmp_path)]).list_templates() == ["d.css", "shown/c.css"]
