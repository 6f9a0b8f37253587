"""Every Vietnamese word a user reads goes through gettext, so that English is a catalogue away.

Walks the Python modules and the templates and lists the Vietnamese text that escapes
translation. Text that is *not* interface is exempt, and says why: the demo's data, the
vocabulary by which readers recognise published documents, and the wording of official
documents (a Vietnamese report stays Vietnamese whatever language its reader's screen is in).
A statement is exempted with a trailing ``# i18n: <reason>`` on its first line (or on the first
line of the function or class around it).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VIETNAMESE = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
                        "ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ]")
GETTEXT = {"_", "_l", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy",
           "pgettext", "pgettext_lazy", "npgettext"}
MARKER = "# i18n:"

# Whole modules whose Vietnamese is not interface text, with the reason.
EXEMPT = {
    "demo/": "the demo's data: names, documents and figures of the seeds",
    "budget/io/": "the vocabulary by which the readers recognise published appendices",
    "budget/sheet.py": "the vocabulary of published appendices (sources, units, totals)",
    "budget/validation.py": "a pattern matching the plans' own wording",
    "management/commands/": "operators' command line, Vietnamese only",
    "workflow/reminders.py": "the base of the reminder commands (command line)",
    "reporting/build.py": "the wording of the official report (Decree 30 document)",
    "reporting/decree30.py": "the Decree 30/2020 layout's fixed words",
    "reporting/documents.py": "the wording of the official report (Decree 30 document)",
    "reporting/choices.py": "the outline of the report as the Ministry's form words it",
    "reporting/signing.py": "names inside certificates",
    "core/periods.py": "periods worded as official documents word them",
    "core/text.py": "the letter đ, folded for search",
    "core/textfiles.py": "Unicode tone marks, normalised when reading files",
    "organisation/names.py": "patterns matching official unit names",
    "organisation/services.py": "official unit names from the 2025 administrative map",
    "support/rules.py": "the plans' selection criteria, as published",
    "support/minutes.py": "the wording of the council's minutes (Decree 30 document)",
    "support/services/catalogue.py": "the support catalogue of Decision 1322, as published",
    "traceability/labels.py": "words printed on stamps for Vietnamese consumers",
}


def _python_modules():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in rel:
            continue
        if not any(rel.startswith(key) or f"/{key}" in f"/{rel}" for key in EXEMPT):
            yield rel, path


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _escapes(path: Path) -> list[str]:
    """Vietnamese string constants outside a gettext call, a docstring or a marked statement."""
    source = path.read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = {node.body[0].value for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                       ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and VIETNAMESE.search(node.value)) or node in docstrings:
            continue
        ancestor, starts, translated = node, {node.lineno}, False
        while ancestor in parents:
            ancestor = parents[ancestor]
            if isinstance(ancestor, ast.Call) and _called_name(ancestor) in GETTEXT:
                translated = True
                break
            if isinstance(ancestor, ast.stmt):
                starts.add(ancestor.lineno)
        marked = any(MARKER in lines[line - 1] for line in starts)
        if not translated and not marked:
            found.append(f"{node.lineno}: {node.value[:70]!r}")
    return found


@pytest.mark.parametrize("rel,path", list(_python_modules()), ids=lambda v: str(v))
def test_python_text_goes_through_gettext(rel, path):
    assert _escapes(path) == [], f"{rel}: Vietnamese text outside gettext"


TAGS = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}"
                  r"|{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}|{%.*?%}|{{.*?}}", re.S)


def test_templates_translate_their_text():
    """Text between tags is Vietnamese only inside {% translate %} or {% blocktranslate %}."""
    escapes = []
    for path in sorted(ROOT.rglob("templates/**/*.*")):
        text = TAGS.sub("", path.read_text())
        escapes += [f"{path.relative_to(ROOT)}: {line.strip()[:80]}"
                    for line in text.splitlines() if VIETNAMESE.search(line)]
    assert escapes == []


def test_the_scan_sees_an_escape(tmp_path):
    """The scan is not blind: a bare Vietnamese message is found, a translated one is not."""
    module = tmp_path / "m.py"
    module.write_text('from django.utils.translation import gettext as _\n'
                      'A = _("Đã lưu")\nB = "Đã lưu"\nC = "Đã lưu"  # i18n: data\n')
    assert _escapes(module) == ["3: 'Đã lưu'"]


def _catalogue() -> dict:
    import gettext

    with open(ROOT / "locale/en/LC_MESSAGES/django.mo", "rb") as compiled:
        return gettext.GNUTranslations(compiled)._catalog


def _msgids(path: Path):
    """The literal message ids a module hands to gettext (context-qualified for pgettext)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name, args = _called_name(node), node.args
        if name in {"pgettext", "pgettext_lazy", "npgettext"} and len(args) > 1 \
                and all(isinstance(a, ast.Constant) for a in args[:2]):
            yield node.lineno, f"{args[0].value}\x04{args[1].value}"
        elif name in GETTEXT and isinstance(args[0], ast.Constant) \
                and isinstance(args[0].value, str):
            yield node.lineno, args[0].value


TRANSLATE_TAG = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1""")


def test_english_catalogue_has_every_message():
    """English is the second language: every message id in the code and templates has an
    English translation in the compiled catalogue (a fuzzy or missing entry shows Vietnamese)."""
    catalogue = _catalogue()
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in rel:
            continue
        found += [f"{rel}:{line}: {msgid[:70]!r}" for line, msgid in _msgids(path)
                  if VIETNAMESE.search(msgid) and not catalogue.get(msgid)
                  and not catalogue.get((msgid, 0))]
    for path in sorted(ROOT.rglob("templates/**/*.*")):
        for match in TRANSLATE_TAG.finditer(path.read_text()):
            if VIETNAMESE.search(match.group(2)) and not catalogue.get(match.group(2)):
                found.append(f"{path.relative_to(ROOT)}: {match.group(2)[:70]!r}")
    assert found == [], f"{len(found)} messages without English"
