"""`makemessages` that also extracts `_l(...)`, the alias of gettext_lazy used beside `_`.

Django's documented way to add an xgettext keyword is to override the command's options.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_l"]
