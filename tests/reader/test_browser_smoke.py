"""A first look in a real browser: each language's home page opens with its title."""
import pytest

from sites import LANGUAGE_SETTINGS, LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_title_in_chromium(page, served, lang):
    page.goto(served + ("" if lang == LANGUAGES[0] else f"{lang}/"))
    assert LANGUAGE_SETTINGS[lang].site_name in page.title()
    assert page.locator("html").get_attribute("lang") == lang
