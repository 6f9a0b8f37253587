"""Write the corpus files and their expected findings:
`python -m nscl.budget.tests.corpus.build` (run again after changing a layout)."""

import json
import os
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nscl.settings.test")
    import django

    django.setup()
    from .layouts import ENTRIES, NOT_UNDERSTOOD, make

    FILES.mkdir(exist_ok=True)
    expected = {}
    for entry in ENTRIES:
        content, findings = make(entry)
        (FILES / entry.filename).write_bytes(content)
        expected[entry.filename] = {
            "fully_understood": not any(f[2] in NOT_UNDERSTOOD for f in findings),
            "findings": findings}
    (FILES / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")
    print(f"{len(ENTRIES)} tệp trong {FILES}")


if __name__ == "__main__":
    main()
