"""A first look in a real browser: each language's home page opens with its title."""
import pytest

from sites import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_title_in_chromium(page, served, lang):
    page.goto(served + ("" if lang == "en" else f"{lang}/"))
    names = {"en": "Social Media Handbook", "fi": "Sosiaalisen median käsikirja",
             "nb": "Håndbok for sosiale medier", "he": "מדריך למדיה חברתית"}
    assert names[lang] in page.title()
    assert page.locator("html").get_attribute("lang") == lang
