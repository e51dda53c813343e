"""Writes corpus/privacy_redacted.jsonl: private prompts of corpus/privacy.jsonl after the
product's redaction, labelled by RUBRIC.md.

The gateway replaces every detector finding at or above the policy's finding confidence with a
typed placeholder (`[EMAIL_1]`, `[CARD_1]`, ...) and may score the redacted text again to decide
whether it may leave the device. Placeholders are not real-looking instances, so a prompt whose
only private content was such values becomes public (label 0); one that still names a diagnosis,
a date of birth, an address, a salary, a record or a confidential plan stays private (label 1).

Input: the findings of the Rust detectors for every row of privacy.jsonl
(`cargo run --release --example findings_jsonl -p classifiers`, see run.sh). The redaction
below is `classifiers::redact::redact` in Python: findings sorted by start (longest first),
overlaps skipped, one placeholder per distinct original value, numbered per tag in order of
appearance, and a placeholder that already occurs in the text skipped.

A row with a finding that cannot be redacted (a confidentiality marking) gets no redacted copy,
as the gateway redacts no such prompt. A redacted row is written only if redaction changed the
text; one that should become public is
written only if every detectable value the generator inserted is gone (a value the detectors
missed leaves the prompt private in a way this file does not try to label). Row ids are those of
the source row with `r` added to the label part (`prv-en-1r-t003-f2-05`), so a row stays in its
source's fold.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The policy's finding confidence the corpus is redacted at (train.py's default C).
REDACT_CONFIDENCE = 0.8

# classifiers::detect::FindingKind::placeholder_tag
PLACEHOLDER_TAG = {
    "email": "EMAIL", "phone": "PHONE", "ssn": "SSN", "credit_card": "CARD", "iban": "IBAN",
    "national_id": "NATIONAL_ID", "passport": "PASSPORT", "mrz": "MRZ", "api_key": "API_KEY",
    "private_key": "PRIVATE_KEY", "jwt": "JWT", "password": "PASSWORD",
    "connection_string": "CONNECTION_STRING", "high_entropy_secret": "SECRET",
    "date_of_birth": "DOB", "salary": "SALARY", "confidential": "CONFIDENTIAL",
    "address": "ADDRESS", "bank_account": "BANK_ACCOUNT", "health": "HEALTH",
    "criminal_record": "CRIMINAL_RECORD",
    "disciplinary": "DISCIPLINARY", "debt": "DEBT",
}
# classifiers::detect::FindingKind::redactable: the gateway redacts no prompt with such a finding
# (a confidentiality marking: the document under it stays confidential), so neither does this.
NOT_REDACTABLE = {"confidential"}
ID_LABEL = re.compile(r"^(prv-[a-z]+-)(1[a-z]*)(-t\d+-f\d-\d+)$")


def redact(text: str, findings: list[dict]) -> str:
    b = text.encode("utf-8")
    ordered = sorted((f for f in findings if f["start"] < f["end"]), key=lambda f: (f["start"], -f["end"]))
    out = []
    by_original: dict[bytes, str] = {}
    counters: Counter = Counter()
    pos = 0
    for f in ordered:
        s, e = f["start"], f["end"]
        if s < pos or e > len(b):
            continue
        original = b[s:e]
        placeholder = by_original.get(original)
        if placeholder is None:
            tag = PLACEHOLDER_TAG[f["kind"]]
            while True:
                counters[tag] += 1
                candidate = f"[{tag}_{counters[tag]}]"
                if candidate.encode("utf-8") not in b:
                    break
            placeholder = by_original[original] = candidate
        out.append(b[pos:s])
        out.append(placeholder.encode("utf-8"))
        pos = e
    out.append(b[pos:])
    return b"".join(out).decode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(HERE / "corpus"))
    ap.add_argument("--findings", required=True, help="findings_jsonl output for privacy.jsonl")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    findings = {}
    for line in open(args.findings, encoding="utf-8"):
        d = json.loads(line)
        findings[d["id"]] = d["findings"]
    out, skipped = [], Counter()
    for line in open(corpus / "privacy.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if r["label"] != 1:
            continue
        if not r.get("redacted_copy", True):
            skipped["no copy asked"] += 1
            continue
        used = [f for f in findings[r["id"]] if f["confidence"] >= REDACT_CONFIDENCE]
        if any(f["kind"] in NOT_REDACTABLE for f in used):
            skipped["not redactable"] += 1
            continue
        text = redact(r["text"], used)
        if text == r["text"]:
            skipped["unchanged"] += 1
            continue
        label = 1 if r["stays_private_redacted"] else 0
        if label == 0:
            low = text.lower()
            if any(v.lower() in low for v in r["detectable_values"]):
                skipped["value left"] += 1
                continue
        m = ID_LABEL.match(r["id"])
        out.append({
            "id": f"{m.group(1)}{m.group(2)}r{m.group(3)}",
            "text": text,
            "label": label,
            "lang": r["lang"],
            "format": r["format"],
        })
    with open(corpus / "privacy_redacted.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    labels = Counter(r["label"] for r in out)
    print(f"privacy_redacted: {len(out)} rows, labels {dict(sorted(labels.items()))}; "
          f"not written: {dict(sorted(skipped.items()))}")


if __name__ == "__main__":
    main()
