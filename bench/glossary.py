"""Micro-benchmark of the glossary matcher: German sentences per second.

Run from the repository root: ``python bench/glossary.py`` (``--sentences N`` to change
the corpus size, 150,000 by default: about 5,000 releases). Uses the example glossary
``glossary.yaml`` and synthetic press-release sentences, a third of them with a term.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from presse.glossary.load import load_glossary

ROOT = Path(__file__).resolve().parent.parent

PLAIN = [
    "Im Fokus des Treffens standen der Austausch und die Anbahnung von möglichen Kooperationen.",
    "Mögliche Ansatzpunkte für eine Kooperation sehen sie im Austausch von Studenten und Forschern.",
    "Die Straße bleibt wegen Bauarbeiten vom 3. bis 14. Oktober 2016 voll gesperrt.",
    "Bürgerinnen und Bürger können ihre Hinweise bis Ende des Monats schriftlich einreichen.",
    "Seitdem ist die Partnerschaft durch viele Besuche und Projekte mit Leben gefüllt.",
    "Erste Ideen diesbezüglich sollen schon bald in die Tat umgesetzt werden.",
]
WITH_TERMS = [
    "Eine offizielle Delegation aus dem Landkreis Harz war Mitte April zu Gast in Belfort.",
    "Landrat Martin Skiebe verwies auf die vielen Berührungspunkte der beiden Regionen.",
    "Vertreter der Industrie- und Handelskammer führten intensive Gespräche.",
    "Die Partnerschaft wird seit der Kreisfusion vom Landkreis Harz weitergeführt.",
    "Studierende der Technischen Universität von Belfort-Montbéliard besuchten die Hochschule Harz.",
    "Der Haushalt des Landkreises Harz wurde am Mittwoch beschlossen.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=150_000)
    args = parser.parse_args()
    glossary = load_glossary(ROOT / "glossary.yaml")
    rng = random.Random(1)
    sentences = [
        rng.choice(WITH_TERMS) if rng.random() < 1 / 3 else rng.choice(PLAIN)
        for _ in range(args.sentences)
    ]
    french = "L'arrondissement de Harz et le Landrat ont reçu la délégation."
    glossary.find_german("warm-up")
    glossary.check("Landkreis Harz", french)

    start = time.perf_counter()
    matches = sum(len(glossary.find_german(s)) for s in sentences)
    find_seconds = time.perf_counter() - start

    start = time.perf_counter()
    violations = sum(len(glossary.check(s, french)) for s in sentences)
    check_seconds = time.perf_counter() - start

    n = len(sentences)
    print(f"glossary: {len(glossary.terms)} terms; corpus: {n:,} sentences")
    print(
        f"find_german: {n / find_seconds:,.0f} sentences/s ({find_seconds:.2f} s, {matches:,} matches)"
    )
    print(
        f"check:       {n / check_seconds:,.0f} sentences/s ({check_seconds:.2f} s, {violations:,} violations)"
    )


if __name__ == "__main__":
    main()
