"""A decompression bomb of a photo (issue 13): a 17 KB PNG declaring 12.000 × 12.000 pixels sent
as a product photo. Each case runs in a child process of its own so its peak memory can be read
against an idle child that loads the same code and reads nothing.

Usage: .venv/bin/python bench/images.py [--runs 3]

Cases:
- `refused`: what the product form does now — Django's ImageField (header and checksums) and
  `images.check_pixels` (the pixel count from the header) — target refused in under 1 s with
  peak memory under 100 MB above idle;
- `baseline`: the same file through the code before the check — Django's ImageField, then the
  photo made small for phones (`exif_transpose`, `convert("RGB")`, `thumbnail`), which decodes
  every pixel.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import json, os, resource, sys, time, warnings
sys.path.insert(0, {root!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "nscl.settings.test"
import django
django.setup()
from io import BytesIO
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps
from nscl.traceability import images
warnings.simplefilter("ignore", Image.DecompressionBombWarning)
idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
case, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
started = time.perf_counter()
outcome = "ok"
if case != "idle":
    upload = SimpleUploadedFile("bom.png", data, content_type="image/png")
    checked = forms.ImageField().clean(upload)
    try:
        if case == "refused":
            images.check_pixels(checked)
        else:  # the code before the check: images.for_phones without check_pixels
            with Image.open(checked) as image:
                small = ImageOps.exif_transpose(image).convert("RGB")
                small.thumbnail((images.MAX_SIDE, images.MAX_SIDE))
                small.save(BytesIO(), "JPEG", quality=82)
    except ValidationError as exc:
        outcome = "refused: " + exc.messages[0]
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": elapsed, "peak_mb": peak / 1024, "idle_mb": idle / 1024,
                  "outcome": outcome}}))
"""


def run(case: str, path: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), case, path],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from nscl.core.tests.crafted import huge_png

    with tempfile.NamedTemporaryFile(suffix=".png") as bomb:
        bomb.write(huge_png(12_000, 12_000))
        bomb.flush()
        size_kb = Path(bomb.name).stat().st_size / 1024
        print(f"12.000 × 12.000 PNG: {size_kb:.1f} KB")
        idle = [run("idle", bomb.name) for _ in range(args.runs)]
        idle_mb = statistics.median(r["peak_mb"] for r in idle)
        print(f"idle child: {idle_mb:.0f} MB")
        results = {}
        for case in ("refused", "baseline"):
            rows = [run(case, bomb.name) for _ in range(args.runs)]
            seconds = statistics.median(r["seconds"] for r in rows)
            above = statistics.median(r["peak_mb"] for r in rows) - idle_mb
            results[case] = (seconds, above)
            print(f"{case:9} median {seconds:7.3f} s, peak {above:7.0f} MB above idle "
                  f"({args.runs} runs) — {rows[0]['outcome'][:90]}")
        (new_s, new_mb), (old_s, old_mb) = results["refused"], results["baseline"]
        print(f"ratio baseline / refused: time ×{old_s / new_s:,.0f}, memory "
              f"×{old_mb / max(new_mb, 1):,.0f}")


if __name__ == "__main__":
    main()
