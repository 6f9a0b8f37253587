"""The API's JSON parser: Django REST framework's, with control characters stripped from every
string of the body — the same rule as the pages' form fields
(`middleware.ControlCharactersMiddleware`), at the same edge."""

from rest_framework.parsers import JSONParser

from .text import strip_controls_in


class ControlFreeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return strip_controls_in(super().parse(stream, media_type, parser_context))
