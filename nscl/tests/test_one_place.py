"""One place for each rule: role tests live only in the scope layer, the apps' permissions and
the workflow declarations; no view, selector, service or template decides by role."""

import re
from pathlib import Path

NSCL = Path(__file__).resolve().parent.parent
ROLE_TEST = re.compile(r"\.role\s*(==|!=|\bin\b|\bnot in\b)|\b(?:Council)?Role\.[A-Z_]+\b"
                       r"|role__in\b|\brole=Role\b")
ALLOWED = ("organisation/scope.py", "permissions.py", "workflow.py", "choices.py")
DEFAULTS = re.compile(r"choices=Role\.choices, default=Role\.VIEWER")  # the field's definition


def _sources():
    for path in sorted(NSCL.rglob("*.py")):
        relative = path.relative_to(NSCL).as_posix()
        if any(part in relative for part in ("migrations/", "tests/", "demo/", "conftest")):
            continue
        yield relative, path.read_text(encoding="utf-8")


def test_no_role_test_outside_scope_permissions_and_workflows():
    found = [f"{name}:{n}: {line.strip()}" for name, text in _sources()
             if not name.endswith(ALLOWED)
             for n, line in enumerate(text.splitlines(), start=1)
             if ROLE_TEST.search(line) and not DEFAULTS.search(line)]
    assert not found, "role tests outside the rule modules:\n" + "\n".join(found)


def test_no_role_test_in_templates():
    found = [f"{p.relative_to(NSCL)}:{n}" for p in NSCL.rglob("*.html")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
             if re.search(r"user\.role\b|(member|seat|m)\.role\s*==", line)]
    assert not found, found


def test_every_selector_starts_from_the_scope_layer():
    """A selectors module reads through `restrict`/`get_in_scope` (or the event log's scoped
    reader), never `get_object_or_404` on a bare queryset."""
    for name, text in _sources():
        if name.endswith("selectors.py"):
            assert "get_object_or_404" not in text, name
            if "objects" in text:
                assert re.search(r"\brestrict\(|get_in_scope\(|visible_events\(", text), name


def test_every_write_that_logs_an_event_runs_in_one_transaction_with_it():
    """Issue 13: a step and its log row are written together or not at all. A function that
    calls `event_record` is atomic itself (decorated, or a `transaction.atomic()` block) or is a
    private helper called only from an atomic function of its module (named here with it). The
    workflow engine's `perform` (atomic) logs its steps itself."""
    import ast

    helpers = {("budget/services.py", "_appendix_store"): "budget_document_import"}
    loose = []
    for name, text in _sources():
        if "event_record(" not in text:
            continue
        functions = {f.name: f for f in ast.walk(ast.parse(text))
                     if isinstance(f, ast.FunctionDef)}
        for function in functions.values():
            body = ast.unparse(function)
            if "event_record(" not in body or function.name == "event_record":
                continue
            atomic = any("atomic" in ast.unparse(d) for d in function.decorator_list) or \
                "transaction.atomic()" in body
            caller = functions.get(helpers.get((name, function.name), ""))
            if not atomic and not (caller and any("atomic" in ast.unparse(d)
                                                  for d in caller.decorator_list)):
                loose.append(f"{name}: {function.name}")
    assert not loose, loose
