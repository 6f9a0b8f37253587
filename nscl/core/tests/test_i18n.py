"""Vietnamese first: an English browser still gets Vietnamese; the switcher chooses English."""


def test_vietnamese_is_the_default_whatever_the_browser(client, users):
    client.force_login(users["vanphong.cantho"])
    page = client.get("/ke-hoach/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Kế hoạch thực hiện Chương trình" in page and 'lang="vi"' in page


def test_the_language_switcher_gives_english(client, users):
    client.force_login(users["vanphong.cantho"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/ke-hoach/"})
    page = client.get("/ke-hoach/").content.decode()
    assert "Plans implementing the Programme" in page and 'lang="en"' in page
