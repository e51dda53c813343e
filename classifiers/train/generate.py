"""Writes the labelled corpus: corpus/difficulty.jsonl and corpus/privacy.jsonl.

Every row comes from a hand-written template (seeds/) filled from hand-written pools and
generators, with a random stream derived from SEED and the template's identity, so the output
is byte-identical on every run.

Row ids look like `dif-en-2-t017-f3-04`: corpus, language, label (plus a tag for derived
template lists), template, fold, instance. Folds are assigned per template (round-robin over a
seeded shuffle within each template list, so they are stratified by corpus, language and label),
and hand-written filler pools are partitioned by the same folds; train.py holds out fold 0. No
template and no filler value is on both sides.

Pasted material (articles, code, logs, tables...) is balanced across labels: for every kind of
paste, each label gets the same number of rows (per language for prose, across languages for
technical material), so the paste carries no information about the label and the classifier has
to read the instruction.

seeds/handwritten.jsonl adds prompts written one by one, outside the templates: everyday
personal-sounding texts without private data (essays, stories, complaints, emails to a boss) and
private prompts in free wording. They go to the privacy corpus as rows `prv-en-1h-t007-f2-00`,
in the training folds 1-4 only (round-robin per language and label), so the validation fold
stays the templates' and its figures stay comparable. Their redacted copies stay private:
with no list of the values they hold, nothing shows that redaction removed every one. Prompts
written around a value the detectors read by its format (a card, a key, an ID, an address) get
no redacted copy: once it is replaced they most likely hold nothing private.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from seeds import compose as cp
from seeds import difficulty_de_fr_es as d_eu1
from seeds import difficulty_en as d_en
from seeds import difficulty_hard as d_hard
from seeds import difficulty_it_pt_nl as d_eu2
from seeds import difficulty_ja_hi_zh as d_asia
from seeds import difficulty_more as d_more
from seeds import privacy_en as p_en
from seeds import privacy_extra as p_extra
from seeds import privacy_intl as p_intl
from seeds import privacy_more as p_more
from seeds.lexicon import LANGS

SEED = 20240611
MAX_CHARS = 20_000
HERE = Path(__file__).resolve().parent


def difficulty_seeds(lang):
    if lang == "en":
        templates, pools = d_en.TEMPLATES, d_en.POOLS
    else:
        mod = next(m for m in (d_eu1, d_eu2, d_asia) if lang in m.TEMPLATES)
        templates, pools = mod.TEMPLATES[lang], mod.POOLS[lang]
    more = d_more.TEMPLATES.get(lang, {})
    templates = {k: templates[k] + more.get(k, []) for k in (0, 1, 2)}
    templates[2] = templates[2] + d_hard.TEMPLATES.get(lang, [])
    pools = {**pools, **d_hard.POOLS.get(lang, {})}
    return templates, pools


def privacy_seeds(lang):
    if lang == "en":
        templates, pools = p_en.TEMPLATES, p_en.POOLS
    else:
        templates, pools = p_intl.TEMPLATES[lang], p_intl.POOLS[lang]
    more = p_more.TEMPLATES.get(lang, {})
    return {k: templates[k] + more.get(k, []) for k in (0, 1)}, pools


# Rows per template for templates without pasted material.
SCALE = {
    ("dif", "en", 0): {"fixed": 2, "short": 12},
    ("dif", "en", 1): {"fixed": 2, "short": 14},
    ("dif", "en", 2): {"fixed": 3, "short": 22},
    ("dif", "other", 0): {"fixed": 2, "short": 9},
    ("dif", "other", 1): {"fixed": 2, "short": 11},
    ("dif", "other", 2): {"fixed": 3, "short": 16},
    ("prv", "en", 0): {"fixed": 2, "short": 12},
    ("prv", "en", 1): {"fixed": 2, "short": 12},
    ("prv", "other", 0): {"fixed": 2, "short": 12},
    ("prv", "other", 1): {"fixed": 2, "short": 12},
    ("gen", "any", 0): {"fixed": 1, "short": 2},
    ("prv-extra", "en", 0): {"fixed": 4, "short": 8},
    ("prv-extra", "en", 1): {"fixed": 2, "short": 8},
    ("prv-extra", "other", 0): {"fixed": 4, "short": 8},
    ("prv-extra", "other", 1): {"fixed": 2, "short": 8},
}
# Rows per label for each kind of paste: per language for prose-like kinds (en / other), in
# total for technical kinds.
BUDGET = {
    "dif": {"sentence": (36, 16), "prose": (50, 22), "docs": (16, 8), "email": (16, 8), "code": 120, "log": 90, "csv": 70,
            "json": 36, "yaml": 24, "snippet": 80},
    "prv": {"sentence": (8, 4), "prose": (40, 16), "docs": (4, 2), "email": (16, 6), "medical": (16, 5), "code": 90, "log": 70, "csv": 50,
            "json": 40, "yaml": 24, "env": 50, "snippet": 20},
}


# Easy instructions over a long paste are drowned out by the paste in an n-gram vector, so edge
# rows get a larger share of each paste kind than the other labels.
LABEL_WEIGHT = {"dif": {0: 1.4, 1: 1.0, 2: 0.9}, "prv": {0: 1.0, 1: 1.0}}


class Plan:
    """Template lists of one corpus, with their folds, before instantiation."""

    def __init__(self, corpus):
        self.corpus = corpus
        self.items = []  # (lang, label, tag, t, template, fold, scale_key)

    def add(self, lang, label, templates, scale_key, tag="", folds=None):
        folds = folds or fold_map(len(templates), f"{self.corpus}/{lang}/{label}{tag}")
        for t, tpl in enumerate(templates):
            self.items.append((lang, label, tag, t, tpl, folds[t], scale_key))
        return folds

    def counts(self):
        """Instances per template: budgets for pastes, scales otherwise."""
        per_key = Counter()
        for lang, label, tag, t, tpl, fold, sk in self.items:
            kind = cp.kind_of(tpl)
            if kind is not None:
                per_key[self._key(lang, label, kind)] += 1
        labels = (0, 1, 2) if self.corpus == "dif" else (0, 1)
        for (scope, kind, label), n in sorted(per_key.items(), key=str):
            for other in labels:
                if per_key[(scope, kind, other)] == 0 and label == labels[0]:
                    print(f"note: {self.corpus} {scope} {kind}: no label-{other} template", file=sys.stderr)
        out = []
        for item in self.items:
            lang, label, tag, t, tpl, fold, sk = item
            kind = cp.kind_of(tpl)
            if kind is None:
                scale = SCALE[sk]
                out.append(scale["short"] if cp.has_slots(tpl) else scale["fixed"])
            else:
                budget = BUDGET[self.corpus][kind]
                if isinstance(budget, tuple):
                    budget = budget[0] if lang == "en" else budget[1]
                budget *= LABEL_WEIGHT[self.corpus][label]
                out.append(max(1, round(budget / per_key[self._key(lang, label, kind)])))
        return out

    @staticmethod
    def _key(lang, label, kind):
        return (lang if kind in cp.PER_LANGUAGE_KINDS else "*", kind, label)


def fold_map(n: int, key: str) -> list[int]:
    order = list(range(n))
    random.Random(f"{SEED}/folds/{key}").shuffle(order)
    folds = [0] * n
    for pos, t in enumerate(order):
        folds[t] = pos % cp.N_FOLDS
    return folds


def instantiate(plan, pools_of, fallback=None):
    rows = []
    for (lang, label, tag, t, tpl, fold, sk), n in zip(plan.items, plan.counts()):
        fmt = cp.format_of(tpl)
        pools = pools_of(lang, tag)
        rng = random.Random(f"{SEED}/{plan.corpus}/{lang}/{label}{tag}/{t}")
        for k in range(n):
            for _ in range(8):
                comp = cp.Composer(rng, lang, fold, pools, fallback)
                text = cp.vary(rng, lang, comp.fill(tpl), fmt, style_prompts=plan.corpus == "prv")
                if len(text) <= MAX_CHARS:
                    break
            else:
                continue
            row = {
                "id": f"{plan.corpus}-{lang}-{label}{tag}-t{t:03d}-f{fold}-{k:02d}",
                "text": text,
                "label": label,
                "lang": lang,
                "format": fmt,
            }
            if plan.corpus == "prv" and label == 1:
                # For redact.py: whether the prompt stays private once its detectable values are
                # replaced, and those values (to check that redaction removed them all).
                row["stays_private_redacted"] = cp.stays_private_when_redacted(tpl)
                row["detectable_values"] = comp.detectable
            rows.append(row)
    return dedupe(rows)


def dedupe(rows):
    seen = set()
    out = []
    for r in rows:
        if r["text"] in seen:
            continue
        seen.add(r["text"])
        out.append(r)
    return out


def build_difficulty():
    plan = Plan("dif")
    for lang in LANGS:
        templates, _ = difficulty_seeds(lang)
        for label in (0, 1, 2):
            plan.add(lang, label, templates[label], ("dif", "en" if lang == "en" else "other", label))
    return instantiate(plan, lambda lang, tag: difficulty_seeds(lang)[1])


def build_privacy():
    plan = Plan("prv")
    for lang in LANGS:
        templates, _ = privacy_seeds(lang)
        scope = "en" if lang == "en" else "other"
        folds = plan.add(lang, 1, templates[1], ("prv", scope, 1))
        plan.add(lang, 0, templates[0], ("prv", scope, 0))
        # Each positive whose personal data sits in a pasted container gets a negative twin: the
        # same instruction over the same kind of paste without personal data, in the same fold.
        twins, twin_folds = [], []
        for tpl, fold in zip(templates[1], folds):
            twin = cp.twin_of(tpl)
            if twin is not None:
                twins.append(twin)
                twin_folds.append(fold)
        if twins:
            plan.add(lang, 0, twins, ("prv", scope, 0), tag="x", folds=twin_folds)
        # Ordinary prompts from the difficulty seeds: most traffic has no personal data.
        d_templates, _ = difficulty_seeds(lang)
        for d_label in (0, 1, 2):
            short = [t for t in d_templates[d_label] if cp.kind_of(t) is None]
            plan.add(lang, 0, short, ("gen", "any", 0), tag=f"g{d_label}")
    # Private content the detectors cannot find, and its near misses (seeds/privacy_extra.py).
    # Planned after everything else under their own tag, so the rows above keep their folds and
    # texts.
    for lang in LANGS:
        scope = "en" if lang == "en" else "other"
        extra = p_extra.TEMPLATES.get(lang, {})
        for label in (1, 0):
            if extra.get(label):
                plan.add(lang, label, extra[label], ("prv-extra", scope, label), tag="e")

    def pools_of(lang, tag):
        if tag.startswith("g"):
            return difficulty_seeds(lang)[1]
        return privacy_seeds(lang)[1]

    return dedupe(instantiate(plan, pools_of, fallback=p_en.POOLS) + handwritten())


HANDWRITTEN = HERE / "seeds" / "handwritten.jsonl"

# Kinds of hand-written private prompts written around a value the detectors read by its format.
FORMAT_KINDS = {
    "address", "address_letter", "address_phone", "api_key", "bank_account", "bot_token", "card",
    "ci_log", "conn_string", "docker_compose", "email", "email_phone", "env_file", "gov_id", "iban",
    "jwt", "k8s_secret", "passport", "password", "phone", "phone_email", "private_key",
    "terminal_secret", "token",
}


def handwritten():
    """seeds/handwritten.jsonl as privacy rows, in the training folds (see the module doc)."""
    rows, seen = [], Counter()
    for line in open(HANDWRITTEN, encoding="utf-8"):
        h = json.loads(line)
        lang, label = h["lang"], int(h["label"])
        if lang not in LANGS or label not in (0, 1):
            raise SystemExit(f"{HANDWRITTEN}: {h.get('id')}: bad lang or label")
        n = seen[(lang, label)]
        seen[(lang, label)] += 1
        row = {
            "id": f"prv-{lang}-{label}h-t{n:03d}-f{1 + n % (cp.N_FOLDS - 1)}-00",
            "text": h["text"],
            "label": label,
            "lang": lang,
            "format": "chat" if len(h["text"]) < 500 else "document",
        }
        if label == 1:
            # For redact.py: free wording lists no values, so nothing can show that redaction
            # removed every private one; a redacted copy stays private. A prompt written around
            # a value the detectors read (a card, a key, an ID) most likely holds nothing private
            # once it is replaced, which that label would contradict: it gets no redacted copy.
            row["stays_private_redacted"] = True
            row["detectable_values"] = []
            row["redacted_copy"] = h["kind"] not in FORMAT_KINDS
        rows.append(row)
    return rows


def write_jsonl(path: Path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def summary(rows):
    by_label = Counter(r["label"] for r in rows)
    return f"{len(rows)} rows, labels {dict(sorted(by_label.items()))}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(HERE / "corpus"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    dif = build_difficulty()
    prv = build_privacy()
    write_jsonl(out / "difficulty.jsonl", dif)
    write_jsonl(out / "privacy.jsonl", prv)
    print(f"difficulty: {summary(dif)}")
    print(f"privacy:    {summary(prv)}")


if __name__ == "__main__":
    main()
